namespace Platform.ServiceDefaults.Authentication;

/// <summary>The roles of DESIGN.md, carried in the JWT claim <c>role</c>.</summary>
public static class PlatformRoles
{
    public const string Coordinator = "coordinator";
    public const string Actor = "actor";
    public const string Reader = "reader";

    public const string RoleClaim = "role";
    public const string ActorIdClaim = "actor_id";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Coordinator, Actor, Reader };
}

/// <summary>Authorization policy names used by every service and the gateway.</summary>
public static class PlatformPolicies
{
    /// <summary>Coordinators only: manage everything.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>Coordinators and actor users: submitting and changing what an actor owns.</summary>
    public const string ActorOrCoordinator = "actor-or-coordinator";

    /// <summary>Actor users only: what only the owner of a need may do (withdraw it).</summary>
    public const string ActorUser = "actor-user";

    /// <summary>Any platform role: reference data, aggregates, published reports.</summary>
    public const string AnyRole = "any-role";
}
