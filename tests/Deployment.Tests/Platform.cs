namespace Platform.Deployment.Tests;

/// <summary>A project the manifests deploy, and the configuration keys it cannot run without outside Development.</summary>
public sealed record PlatformProject(string Name, string ProjectFile, string? Database, IReadOnlyList<string> RequiredKeys);

/// <summary>
/// What each project reads, in one place, from the code and the AppHost (not from the manifests). A key here that the
/// manifests do not set is a pod that fails at start-up or runs without what the AppHost gives it locally.
/// </summary>
public static class Platform
{
    /// <summary>
    /// What WithPlatformDefaults (AppHost/PlatformProjectExtensions.cs) gives every project: its environment, its HTTP
    /// port, the OIDC authority (required outside Development: ServiceDefaults/Authentication/AuthenticationExtensions.cs,
    /// services/Web/SignIn/WebAuthentication.cs), and the OTLP endpoint and service name, without which
    /// ServiceDefaults exports no telemetry (Extensions.cs, ConfigureOpenTelemetry).
    /// </summary>
    private static readonly string[] Every =
    [
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "Authentication__Authority", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME",
    ];

    /// <summary>
    /// A service: its database and the broker (AddPlatformMessaging requires both connection strings,
    /// services/Messaging/MessagingExtensions.cs), quorum queues on the clustered broker (Messaging:QueueType), and the
    /// operator key of its /operations endpoints (WithDeadLetterRequeue in the AppHost).
    /// </summary>
    private static PlatformProject Service(string name, string project, string database) =>
        new(name, $"services/{project}/{project}.csproj", database,
            [.. Every, $"ConnectionStrings__{database}", "ConnectionStrings__messaging", "Messaging__QueueType", "Operations__Key"]);

    /// <summary>The gateway's service-discovery keys: one per cluster of services/Gateway/Routing/GatewayRoutes.cs.</summary>
    public static IReadOnlyList<string> GatewayClusters => [.. Services.Select(service => service.Name), "web"];

    public static readonly IReadOnlyList<PlatformProject> Services =
    [
        Service("actor-registry", "ActorRegistry", "actorsdb"),
        Service("needs-intake", "NeedsIntake", "needsdb"),
        Service("challenge-tracking", "ChallengeTracking", "challengesdb"),
        Service("reporting", "Reporting", "reportingdb"),
        Service("notifications", "Notifications", "notificationsdb"),
    ];

    public static readonly IReadOnlyList<PlatformProject> All =
    [
        .. Services,
        // WithGatewaySettings passes the CORS allow-list on; WithReference gives it every service and the web client.
        new("gateway", "services/Gateway/Gateway.csproj", null,
            [.. Every, "Gateway__AllowedOrigins__0", .. GatewayClusters.Select(cluster => $"services__{cluster}__http__0")]),
        // The web client calls the API through the gateway (WithReference(gateway)) and signs people in with the
        // authority's code flow as a confidential client (WebAuthentication.cs).
        new("web", "services/Web/Web.csproj", null,
            [.. Every, "services__gateway__http__0", "Authentication__WebClientId", "Authentication__WebClientSecret"]),
    ];

    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln was not found above " + AppContext.BaseDirectory);
    }
}
