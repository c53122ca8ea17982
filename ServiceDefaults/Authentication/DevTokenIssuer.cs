using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Authentication;

public sealed record DevToken(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>Issues development tokens signed with the development key (Development only).</summary>
public sealed class DevTokenIssuer(IOptions<PlatformAuthenticationOptions> options, TimeProvider timeProvider)
{
    public DevToken Issue(string role, Guid? actorId)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.DevSigningKey))
        {
            throw new InvalidOperationException(
                $"Setting '{PlatformAuthenticationOptions.SectionName}:{nameof(settings.DevSigningKey)}' is required to issue development tokens.");
        }

        var now = timeProvider.GetUtcNow();
        var expires = now.Add(settings.DevTokenLifetime);
        var claims = new List<Claim>
        {
            new("sub", actorId is { } id ? $"actor:{id}" : $"dev:{role}"),
            new(PlatformRoles.RoleClaim, role),
        };
        if (actorId is { } actor)
        {
            claims.Add(new Claim(PlatformRoles.ActorIdClaim, actor.ToString()));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.DevIssuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.UtcDateTime,
            IssuedAt = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(
                AuthenticationExtensions.CreateDevSigningKey(settings.DevSigningKey), SecurityAlgorithms.HmacSha256),
        };
        return new DevToken(new JsonWebTokenHandler().CreateToken(descriptor), expires);
    }
}
