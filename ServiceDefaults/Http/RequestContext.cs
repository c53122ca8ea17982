using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Authentication;

namespace Platform.ServiceDefaults.Http;

/// <summary>Who is calling and under which correlation id, read from the request.</summary>
public static class RequestContext
{
    public static string? CorrelationId(this HttpContext context) => context.Items[CorrelationIdMiddleware.ItemKey] as string;

    public static bool IsCoordinator(this ClaimsPrincipal user) => user.IsInRole(PlatformRoles.Coordinator);

    /// <summary>The actor an <c>actor</c>-role user acts for, from the <c>actor_id</c> claim.</summary>
    public static Guid? ActorId(this ClaimsPrincipal user) =>
        user.IsInRole(PlatformRoles.Actor) && Guid.TryParse(user.FindFirstValue(PlatformRoles.ActorIdClaim), out var id) ? id : null;

    public static string Caller(this ClaimsPrincipal user) => user.FindFirstValue("sub") ?? "unknown";

    /// <summary>Who the user is as people read it: the name the token carries, else the user name, else the subject.</summary>
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue("name") is { Length: > 0 } name ? name
        : user.FindFirstValue("preferred_username") is { Length: > 0 } username ? username
        : user.Caller();
}
