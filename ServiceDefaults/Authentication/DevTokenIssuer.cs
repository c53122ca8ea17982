using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Client.Models;

namespace Platform.ServiceDefaults.Authentication;

/// <summary>
/// Issues development tokens signed with the development key (Development only). Each token has a subject of its own
/// (<c>dev-coordinator-3f9c0a1b2d4e5f60</c>): the subject is who the caller is (the gateway's rate-limit bucket, the
/// audit trail, the idempotency keys' scope), and two people testing in one role are two callers.
/// </summary>
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
            new("sub", $"dev-{role}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}"),
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
