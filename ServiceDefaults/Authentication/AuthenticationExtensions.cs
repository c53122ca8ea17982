using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Authentication;

public static class AuthenticationExtensions
{
    /// <summary>
    /// JWT bearer authentication: tokens of the configured OIDC authority, or in Development tokens signed with
    /// the development key. Fails at start-up, naming the setting, when neither is configured. APIs opt in with
    /// <c>RequireAuthorization</c> on their groups, so unknown paths stay 404.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PlatformAuthenticationOptions.SectionName)
            .Get<PlatformAuthenticationOptions>() ?? new PlatformAuthenticationOptions();
        var useDevKey = string.IsNullOrWhiteSpace(options.Authority);

        if (useDevKey && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Setting '{PlatformAuthenticationOptions.SectionName}:{nameof(options.Authority)}' is required outside Development.");
        }

        if (useDevKey && (options.DevSigningKey is null || options.DevSigningKey.Length < 32))
        {
            throw new InvalidOperationException(
                $"Setting '{PlatformAuthenticationOptions.SectionName}:{nameof(options.DevSigningKey)}' (at least 32 characters) " +
                $"or '{PlatformAuthenticationOptions.SectionName}:{nameof(options.Authority)}' is required.");
        }

        builder.Services.Configure<PlatformAuthenticationOptions>(
            builder.Configuration.GetSection(PlatformAuthenticationOptions.SectionName));

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.RoleClaimType = PlatformRoles.RoleClaim;
                jwt.TokenValidationParameters.NameClaimType = "sub";
                jwt.TokenValidationParameters.ValidAudience = options.Audience;
                jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);

                if (useDevKey)
                {
                    jwt.RequireHttpsMetadata = false;
                    jwt.TokenValidationParameters.ValidIssuer = options.DevIssuer;
                    jwt.TokenValidationParameters.IssuerSigningKey = CreateDevSigningKey(options.DevSigningKey!);
                }
                else
                {
                    jwt.Authority = options.Authority;
                }
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PlatformPolicies.Coordinator, policy => policy.RequireRole(PlatformRoles.Coordinator))
            .AddPolicy(PlatformPolicies.ActorOrCoordinator, policy =>
                policy.RequireRole(PlatformRoles.Coordinator, PlatformRoles.Actor))
            .AddPolicy(PlatformPolicies.ActorUser, policy => policy.RequireRole(PlatformRoles.Actor))
            .AddPolicy(PlatformPolicies.AnyRole, policy =>
                policy.RequireRole(PlatformRoles.Coordinator, PlatformRoles.Actor, PlatformRoles.Reader));

        return builder;
    }

    internal static SymmetricSecurityKey CreateDevSigningKey(string key) => new(Encoding.UTF8.GetBytes(key));
}
