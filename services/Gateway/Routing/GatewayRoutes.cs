using Platform.ServiceDefaults.Authentication;
using Yarp.ReverseProxy.Configuration;

namespace Platform.Gateway.Routing;

/// <summary>A public route: which methods and path go to which service, and who may call it.</summary>
/// <param name="Policy">One of <see cref="PlatformPolicies"/>; the service checks again (and checks ownership).</param>
/// <param name="MaxBodyBytes">Largest request body; larger ones are answered 413 without reaching the service.</param>
public sealed record GatewayRoute(string Name, string Method, string Path, string Cluster, string Policy, long MaxBodyBytes = GatewayRoutes.JsonBodyLimit);

/// <summary>
/// The gateway's whole public surface, authorised per route and role: the platform's route x role table. The
/// integration tests walk it through the running gateway and check it against the services' merged OpenAPI document.
/// </summary>
public static class GatewayRoutes
{
    public const long JsonBodyLimit = 1024 * 1024;
    public const long CsvImportBodyLimit = 10 * 1024 * 1024;
    public const string CorsPolicy = "platform-clients";

    public static readonly IReadOnlyList<string> Clusters = ["actor-registry", "needs-intake", "challenge-tracking", "reporting", "notifications"];

    /// <summary>The web client: every path that is not the API's, the gateway's own or its health, anonymous (it signs people in itself).</summary>
    public const string WebCluster = "web";

    /// <summary>Routes are tried in order: the API's, then <c>/api/*</c> left over (404), then the web client.</summary>
    public const int UnknownApiPathOrder = 1000;
    private const int WebRouteOrder = 1001;

    private const string Any = PlatformPolicies.AnyRole;
    private const string ActorOrCoordinator = PlatformPolicies.ActorOrCoordinator;
    private const string Coordinator = PlatformPolicies.Coordinator;

    public static readonly IReadOnlyList<GatewayRoute> All =
    [
        new("counties", "GET", "/api/counties", "actor-registry", Any),
        new("municipalities", "GET", "/api/municipalities", "actor-registry", Any),
        new("actors-read", "GET", "/api/actors/{**rest}", "actor-registry", Any),
        new("actors-register", "POST", "/api/actors", "actor-registry", Coordinator),
        new("actors-update", "PUT", "/api/actors/{id}", "actor-registry", ActorOrCoordinator),
        new("actors-deactivate", "POST", "/api/actors/{id}/deactivate", "actor-registry", Coordinator),
        new("actors-reactivate", "POST", "/api/actors/{id}/reactivate", "actor-registry", Coordinator),
        new("establishments-read", "GET", "/api/establishments/{**rest}", "actor-registry", Any),
        new("establishments-register", "POST", "/api/establishments", "actor-registry", Coordinator),
        new("establishments-update", "PUT", "/api/establishments/{id}", "actor-registry", Coordinator),
        new("forums-read", "GET", "/api/forums/{**rest}", "actor-registry", Any),
        new("forums-create", "POST", "/api/forums", "actor-registry", Coordinator),
        new("forums-add-member", "POST", "/api/forums/{id}/members", "actor-registry", Coordinator),
        new("forums-edit", "PUT", "/api/forums/{id}", "actor-registry", Coordinator),
        new("forums-remove-member", "DELETE", "/api/forums/{id}/members/{actorId}", "actor-registry", Coordinator),
        new("forums-member-role", "PUT", "/api/forums/{id}/members/{actorId}", "actor-registry", Coordinator),
        new("meetings-read", "GET", "/api/meetings/{**rest}", "actor-registry", Any),
        new("meetings-record", "POST", "/api/meetings", "actor-registry", Coordinator),
        new("meetings-edit", "PUT", "/api/meetings/{id}", "actor-registry", Coordinator),
        new("needs-read", "GET", "/api/needs/{**rest}", "needs-intake", ActorOrCoordinator),
        new("needs-submit", "POST", "/api/needs", "needs-intake", ActorOrCoordinator),
        new("needs-similar", "POST", "/api/needs/similar", "needs-intake", ActorOrCoordinator),
        new("needs-import", "POST", "/api/needs/import", "needs-intake", ActorOrCoordinator, CsvImportBodyLimit),
        new("needs-triage", "POST", "/api/needs/{id}/triage", "needs-intake", Coordinator),
        new("needs-withdraw", "POST", "/api/needs/{id}/withdraw", "needs-intake", PlatformPolicies.ActorUser),
        new("themes", "GET", "/api/themes", "challenge-tracking", Any),
        new("challenges-read", "GET", "/api/challenges/{**rest}", "challenge-tracking", Any),
        new("challenges-create", "POST", "/api/challenges", "challenge-tracking", Coordinator),
        new("challenge-suggestions", "GET", "/api/challenges/suggestions", "challenge-tracking", Coordinator),
        new("challenge-suggestions-review", "POST", "/api/challenges/suggestions/review", "challenge-tracking", Coordinator),
        new("challenge-suggestions-accept", "POST", "/api/challenges/suggestions/{id}/accept", "challenge-tracking", Coordinator),
        new("challenge-suggestions-dismiss", "POST", "/api/challenges/suggestions/{id}/dismiss", "challenge-tracking", Coordinator),
        new("challenges-relink", "POST", "/api/challenges/{id}/needs", "challenge-tracking", Coordinator),
        new("challenges-merge", "POST", "/api/challenges/{id}/merge", "challenge-tracking", Coordinator),
        new("challenges-status", "POST", "/api/challenges/{id}/status", "challenge-tracking", Coordinator),
        new("challenges-assignments", "PUT", "/api/challenges/{id}/assignments", "challenge-tracking", Coordinator),
        new("challenges-edit", "PUT", "/api/challenges/{id}", "challenge-tracking", Coordinator),
        new("efforts-read", "GET", "/api/efforts/{**rest}", "challenge-tracking", Any),
        new("efforts-launch", "POST", "/api/efforts", "challenge-tracking", Coordinator),
        new("efforts-expenditures", "POST", "/api/efforts/{id}/expenditures", "challenge-tracking", Coordinator),
        new("efforts-expenditure-reversal", "POST", "/api/efforts/{id}/expenditures/{expenditureId}/reversal", "challenge-tracking", Coordinator),
        new("efforts-progress", "POST", "/api/efforts/{id}/progress", "challenge-tracking", Coordinator),
        new("efforts-edit", "PUT", "/api/efforts/{id}", "challenge-tracking", Coordinator),
        new("assignments-read", "GET", "/api/assignments/{**rest}", "reporting", Any),
        new("assignments-add", "POST", "/api/assignments", "reporting", Coordinator),
        new("assignments-edit", "PUT", "/api/assignments/{**reference}", "reporting", Coordinator),
        new("lessons-read", "GET", "/api/lessons/{**rest}", "reporting", Any),
        new("lessons-create", "POST", "/api/lessons", "reporting", Coordinator),
        new("lessons-publish", "POST", "/api/lessons/{id}/publish", "reporting", Coordinator),
        new("lessons-revise", "PUT", "/api/lessons/{id}", "reporting", Coordinator),
        new("reports", "GET", "/api/reports/{**rest}", "reporting", Any),
        new("reports-freeze", "POST", "/api/reports/final/versions", "reporting", Coordinator),
        new("reports-sections", "PUT", "/api/reports/final/sections/{key}", "reporting", Coordinator),
        new("reports-cover", "PUT", "/api/reports/final/cover", "reporting", Coordinator),
        new("costs-read", "GET", "/api/costs/{**rest}", "reporting", Any),
        new("costs-record", "POST", "/api/costs", "reporting", Coordinator),
        new("budget-plans-read", "GET", "/api/budget-plans/{**rest}", "reporting", Any),
        new("budget-plans-save", "PUT", "/api/budget-plans", "reporting", Coordinator),
        new("audit", "GET", "/api/audit", "reporting", ActorOrCoordinator),
        new("notifications-read", "GET", "/api/notifications/{**rest}", "notifications", PlatformPolicies.ActorUser),
        new("notifications-mark-read", "POST", "/api/notifications/{id}/read", "notifications", PlatformPolicies.ActorUser),
        new("notifications-mark-all-read", "POST", "/api/notifications/read", "notifications", PlatformPolicies.ActorUser),
        new("notifications-settings", "PUT", "/api/notifications/settings", "notifications", PlatformPolicies.ActorUser),
        new("webhooks-read", "GET", "/api/webhooks/{**rest}", "notifications", ActorOrCoordinator),
        new("webhooks-create", "POST", "/api/webhooks", "notifications", ActorOrCoordinator),
        new("webhooks-delete", "DELETE", "/api/webhooks/{id}", "notifications", ActorOrCoordinator),
        new("webhooks-pause", "POST", "/api/webhooks/{id}/pause", "notifications", ActorOrCoordinator),
        new("webhooks-resume", "POST", "/api/webhooks/{id}/resume", "notifications", ActorOrCoordinator),
        new("webhooks-secret", "POST", "/api/webhooks/{id}/secret", "notifications", ActorOrCoordinator),
        new("webhooks-ping", "POST", "/api/webhooks/{id}/ping", "notifications", ActorOrCoordinator),
        new("webhooks-redeliver", "POST", "/api/webhooks/{id}/redeliver", "notifications", ActorOrCoordinator),
        new("webhooks-redeliver-one", "POST", "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver", "notifications", ActorOrCoordinator),
    ];

    /// <summary>The roles a policy admits.</summary>
    public static IReadOnlyList<string> RolesOf(string policy) => policy switch
    {
        Coordinator => [PlatformRoles.Coordinator],
        ActorOrCoordinator => [PlatformRoles.Coordinator, PlatformRoles.Actor],
        Any => [PlatformRoles.Coordinator, PlatformRoles.Actor, PlatformRoles.Reader],
        PlatformPolicies.ActorUser => [PlatformRoles.Actor],
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown policy."),
    };

    public static IReadOnlyList<RouteConfig> RouteConfigs() =>
    [
        .. All.Select(route => new RouteConfig
        {
            RouteId = route.Name,
            ClusterId = route.Cluster,
            AuthorizationPolicy = route.Policy,
            CorsPolicy = CorsPolicy,
            MaxRequestBodySize = route.MaxBodyBytes,
            Match = new RouteMatch { Path = route.Path, Methods = [route.Method] },
        }),
        new RouteConfig
        {
            RouteId = WebCluster,
            ClusterId = WebCluster,
            AuthorizationPolicy = "anonymous",
            Order = WebRouteOrder,
            MaxRequestBodySize = JsonBodyLimit,
            Match = new RouteMatch { Path = "/{**path}" },
        },
    ];

    /// <summary>One cluster per service, addressed by service discovery; a request that takes too long is cut at <paramref name="timeout"/>.</summary>
    public static IReadOnlyList<ClusterConfig> ClusterConfigs(TimeSpan timeout) =>
    [
        .. Clusters.Append(WebCluster).Select(cluster => new ClusterConfig
        {
            ClusterId = cluster,
            Destinations = new Dictionary<string, DestinationConfig> { ["d1"] = new() { Address = $"http://{cluster}" } },
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = timeout },
            // A service that stops answering its liveness probe twice is taken out until it answers again: meanwhile
            // the gateway answers 503 at once. (Not readiness: with the broker down a service still takes requests.)
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = TimeSpan.FromSeconds(3),
                    Timeout = TimeSpan.FromSeconds(2),
                    Policy = "ConsecutiveFailures",
                    Path = "/alive",
                },
            },
            SessionAffinity = cluster == WebCluster ? WebAffinity : null,
        }),
    ];

    /// <summary>The cookie that keeps a browser on one instance of the web client.</summary>
    public const string WebAffinityCookie = "platform-web-instance";

    /// <summary>
    /// A browser stays on the web client's instance that served it first: its sign-in session and its interactive
    /// pages' circuits live in that instance. The cookie holds a hash of the instance's address, the same at every
    /// gateway instance; when that instance is gone the browser is sent to another and signs in again there.
    /// </summary>
    private static readonly SessionAffinityConfig WebAffinity = new()
    {
        Enabled = true,
        Policy = "HashCookie",
        FailurePolicy = "Redistribute",
        AffinityKeyName = WebAffinityCookie,
        Cookie = new SessionAffinityCookieConfig
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            SecurePolicy = CookieSecurePolicy.SameAsRequest,
        },
    };
}
