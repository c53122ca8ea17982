using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Platform.Client;
using Platform.Client.Models;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Web.SignIn;

/// <summary>
/// <c>GET /dev/signin?role=coordinator|reader|actor&amp;actorId=&lt;id&gt;</c> (Development only): signs in with a
/// development token of the gateway and goes to <c>returnUrl</c> or <c>/</c>. For the browser tests and for demos.
/// </summary>
public static class DevelopmentSignIn
{
    public static async Task<IResult> SignInAsync(
        string? role, Guid? actorId, string? returnUrl, HttpContext context, GatewayClients gateway, UserSessions sessions, ILoggerFactory loggers)
    {
        if (role is null || !PlatformRoles.All.Contains(role))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [$"Role must be one of: {string.Join(", ", PlatformRoles.All)}."] });
        }

        if (role == PlatformRoles.Actor && actorId is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["actorId"] = ["ActorId is required for the actor role."] });
        }

        var cancellationToken = context.RequestAborted;
        var token = await gateway.Anonymous().DevTokens.IssueAsync(new DevTokenRequest(role, role == PlatformRoles.Actor ? actorId : null), cancellationToken);
        var name = role switch
        {
            PlatformRoles.Coordinator => "Samordnare (utveckling)",
            PlatformRoles.Reader => "Läsare (utveckling)",
            _ => await ActorNameAsync(gateway, token.AccessToken, actorId!.Value, cancellationToken),
        };
        if (name is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["actorId"] = [$"Actor {actorId} is not known to the registry."] });
        }

        var session = new UserSession(token.AccessToken, token.ExpiresAt, DevelopmentRole: role, DevelopmentActorId: role == PlatformRoles.Actor ? actorId : null);
        var id = await sessions.CreateAsync(session, cancellationToken);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            WebClaims.Principal(id, name, role, session.DevelopmentActorId, CookieAuthenticationDefaults.AuthenticationScheme));
        loggers.CreateLogger(typeof(DevelopmentSignIn)).LogInformation("Development sign-in as {Role} {ActorId}", role, session.DevelopmentActorId);
        return Results.LocalRedirect(WebAuthentication.LocalUrl(returnUrl));
    }

    private static async Task<string?> ActorNameAsync(GatewayClients gateway, string accessToken, Guid actorId, CancellationToken cancellationToken)
    {
        try
        {
            var actors = gateway.For(_ => ValueTask.FromResult<string?>(accessToken)).Actors;
            return (await actors.GetAsync(actorId, cancellationToken).WithETagAsync()).Value.Name;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
