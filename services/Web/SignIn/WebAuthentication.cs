using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Web.SignIn;

/// <summary>
/// Signing in: a cookie session whose tokens stay on the server (<see cref="UserSessions"/>). Outside Development the
/// person signs in at the platform's OpenID Connect authority (authorization code flow with PKCE); in Development a
/// page lists the roles and actors and signs in with a development token.
/// </summary>
public static class WebAuthentication
{
    public const string SignInPath = "/logga-in";
    public const string SignOutPath = "/logga-ut";
    public const string DevelopmentSignInPath = "/dev/signin";
    public const string DevelopmentSignInPagePath = "/dev/logga-in";

    public static IHostApplicationBuilder AddWebAuthentication(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddSingleton<UserSessions>();
        builder.Services.AddSingleton<TokenRenewal>();
        builder.Services.AddCascadingAuthenticationState();

        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = development ? CookieAuthenticationDefaults.AuthenticationScheme : OpenIdConnectDefaults.AuthenticationScheme;
        });
        authentication.AddCookie(options =>
        {
            options.Cookie.Name = "platform-session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = UserSessions.IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = development ? DevelopmentSignInPagePath : SignInPath;
            options.AccessDeniedPath = "/";
            // A cookie whose server-side session has ended (signed out elsewhere, restarted, expired) signs nobody in.
            options.Events.OnValidatePrincipal = async context =>
            {
                var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
                if (context.Principal?.FindFirst(WebClaims.SessionId)?.Value is not { } id
                    || await sessions.GetAsync(id, context.HttpContext.RequestAborted) is null)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
            };
        });

        if (!development)
        {
            authentication.AddOpenIdConnect(options =>
            {
                var settings = builder.Configuration.GetSection(PlatformAuthenticationOptions.SectionName);
                options.Authority = settings["Authority"];
                options.ClientId = settings["WebClientId"] ?? "platform-web";
                options.ClientSecret = settings["WebClientSecret"];
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                options.SaveTokens = false;
                options.MapInboundClaims = false;
                options.Scope.Add("offline_access");
                options.CallbackPath = "/signin-oidc";
                options.SignedOutCallbackPath = "/signout-callback-oidc";
                options.Events.OnTokenValidated = StartSessionFromIdentityProviderAsync;
            });
        }

        return builder;
    }

    /// <summary>Keeps the identity provider's tokens in a server-side session; the cookie gets its id and who signed in.</summary>
    private static async Task StartSessionFromIdentityProviderAsync(TokenValidatedContext context)
    {
        var tokens = context.TokenEndpointResponse ?? throw new InvalidOperationException("The code flow answers with tokens.");
        var access = new JsonWebTokenHandler().ReadJsonWebToken(tokens.AccessToken);
        var role = access.TryGetPayloadValue<string>(PlatformRoles.RoleClaim, out var claimed) ? claimed : PlatformRoles.Reader;
        var actorId = access.TryGetPayloadValue<string>(PlatformRoles.ActorIdClaim, out var actorClaim) && Guid.TryParse(actorClaim, out var actor) ? actor : (Guid?)null;
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(int.TryParse(tokens.ExpiresIn, out var seconds) ? seconds : 300);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        var id = await sessions.CreateAsync(new UserSession(tokens.AccessToken, expiresAt, tokens.RefreshToken), context.HttpContext.RequestAborted);
        var name = context.Principal?.FindFirst("name")?.Value ?? context.Principal?.FindFirst("preferred_username")?.Value ?? role;
        context.Principal = WebClaims.Principal(id, name, role, actorId, CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Signing out ends the server-side session too; outside Development also at the identity provider.</summary>
    public static WebApplication MapWebSignIn(this WebApplication app)
    {
        app.MapPost(SignOutPath, async (HttpContext context, UserSessions sessions) =>
        {
            if (context.User.FindFirst(WebClaims.SessionId)?.Value is { } id)
            {
                await sessions.RemoveAsync(id, context.RequestAborted);
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (!app.Environment.IsDevelopment())
            {
                await context.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/" });
                return Results.Empty;
            }

            return Results.LocalRedirect("/");
        });

        if (app.Environment.IsDevelopment())
        {
            app.MapGet(DevelopmentSignInPath, DevelopmentSignIn.SignInAsync).AllowAnonymous();
        }
        else
        {
            app.MapGet(SignInPath, (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = LocalUrl(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme])).AllowAnonymous();
        }

        return app;
    }

    /// <summary>Where to go after signing in: a path of this site, never another site (an open redirect).</summary>
    public static string LocalUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
