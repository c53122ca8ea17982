using System.Security.Claims;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Web.SignIn;

/// <summary>The claims of the web client's cookie: who the person is and in which role, and the server-side session.</summary>
public static class WebClaims
{
    public const string SessionId = "sid";
    public const string Role = PlatformRoles.RoleClaim;
    public const string ActorId = PlatformRoles.ActorIdClaim;
    public const string Name = "name";

    public static string? RoleOf(this ClaimsPrincipal user) => user.FindFirst(Role)?.Value;

    public static Guid? ActorIdOf(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(ActorId)?.Value, out var id) ? id : null;

    public static bool IsCoordinator(this ClaimsPrincipal user) => user.RoleOf() == PlatformRoles.Coordinator;

    /// <summary>Coordinators and actor users write (submit needs); readers only read.</summary>
    public static bool Submits(this ClaimsPrincipal user) => user.RoleOf() is PlatformRoles.Coordinator or PlatformRoles.Actor;

    public static ClaimsPrincipal Principal(string sessionId, string name, string role, Guid? actorId, string authenticationType)
    {
        var claims = new List<Claim> { new(SessionId, sessionId), new(Name, name), new(Role, role) };
        if (actorId is { } actor)
        {
            claims.Add(new Claim(ActorId, actor.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, Name, Role));
    }
}
