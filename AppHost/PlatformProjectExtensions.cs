using System.Reflection;
using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.AppHost;

/// <summary>How the AppHost tells services which tokens to trust.</summary>
public sealed record PlatformAuthentication(IResourceBuilder<ParameterResource>? DevSigningKey, string? Authority)
{
    /// <summary>
    /// In Development a signing key is generated for the gateway's development tokens; elsewhere
    /// <c>Authentication:Authority</c> (an OIDC authority) is required and passed on.
    /// </summary>
    public static PlatformAuthentication Configure(IDistributedApplicationBuilder builder)
    {
        var authority = builder.Configuration["Authentication:Authority"];
        if (builder.Environment.IsDevelopment())
        {
            var key = builder.AddParameter("dev-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true);
            return new PlatformAuthentication(key, authority);
        }

        return authority is { Length: > 0 }
            ? new PlatformAuthentication(null, authority)
            : throw new DistributedApplicationException("Setting 'Authentication:Authority' (the OIDC authority) is required outside Development.");
    }
}

public static class PlatformProjectExtensions
{
    /// <summary>
    /// Waits until every service and the gateway (each project with a health check) is healthy, without relying on the
    /// order the AppHost starts them in.
    /// </summary>
    public static Task WaitForPlatformHealthyAsync(this DistributedApplication app, CancellationToken cancellationToken) =>
        Task.WhenAll(app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>()
            .Where(project => project.Annotations.OfType<HealthCheckAnnotation>().Any())
            .Select(project => app.ResourceNotifications.WaitForResourceHealthyAsync(project.Name, cancellationToken)));

    /// <summary>HTTP endpoint, health check, environment, authentication and telemetry settings every platform project shares.</summary>
    public static IResourceBuilder<ProjectResource> WithPlatformDefaults(
        this IResourceBuilder<ProjectResource> project, PlatformAuthentication auth, int? port = null)
    {
        // Port 0 (or none) lets the orchestrator pick one, so parallel test runs never collide.
        // Not behind DCP's proxy: a stopped service refuses connections at once (the gateway answers 503 without waiting),
        // and requests take one hop less.
        project = port is > 0 ? project.WithHttpEndpoint(port: port, isProxied: false) : project.WithHttpEndpoint(isProxied: false);
        project
            .RunningBuildOutput()
            .WithRetryingHttpHealthCheck("/health")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", project.ApplicationBuilder.Environment.EnvironmentName)
            // A short OTLP timeout keeps shutdown fast when no collector is listening (tests).
            .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000")
            // Aspire exports metrics every second in development; every five is still live on the dashboard, and the
            // services and the dashboard spend a fifth on it (docs/performance.md, "Cost per need").
            .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", "5000");

        if (auth.DevSigningKey is not null)
        {
            project.WithEnvironment("Authentication__DevSigningKey", auth.DevSigningKey);
        }

        if (auth.Authority is not null)
        {
            project.WithEnvironment("Authentication__Authority", auth.Authority);
        }

        return project;
    }

    /// <summary>
    /// The broker: its connection string, started after it is healthy, and the AppHost's <c>Messaging:QueueType</c>
    /// (<c>classic</c> or <c>quorum</c>) when set, which the service's messaging building block declares its queues as.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBroker(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> messaging, string? queueType)
    {
        project.WithReference(messaging).WaitFor(messaging);
        if (string.IsNullOrWhiteSpace(queueType))
        {
            return project;
        }

        return queueType.Trim().ToLowerInvariant() is "classic" or "quorum"
            ? project.WithEnvironment("Messaging__QueueType", queueType.Trim())
            : throw new DistributedApplicationException($"Setting 'Messaging:QueueType' must be 'classic' or 'quorum'; it is '{queueType}'.");
    }

    /// <summary>
    /// Starts the project's build output (<c>dotnet bin/{configuration}/{framework}/{name}.dll</c>, built with the AppHost)
    /// instead of Aspire's default <c>dotnet run --project ... --no-build</c>, which still evaluates the project with
    /// MSBuild on every start: about 4 s of CPU per service here, while all of them start at once on two cores. Keeps
    /// the default when an IDE launches the projects (to debug them) or the output is not where the AppHost's build put it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> RunningBuildOutput(this IResourceBuilder<ProjectResource> project)
    {
        var configuration = project.ApplicationBuilder.Configuration;
        var appHost = project.ApplicationBuilder.AppHostAssembly;
        var buildConfiguration = appHost?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        var framework = appHost?.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName is { } name
            ? "net" + new FrameworkName(name).Version.ToString(2)
            : null;
        if (configuration["DEBUG_SESSION_PORT"] is { Length: > 0 } || buildConfiguration is null || framework is null)
        {
            return project;
        }

        var projectPath = project.Resource.GetProjectMetadata().ProjectPath;
        var projectDirectory = Path.GetDirectoryName(projectPath)!;
        var assembly = Path.Combine(projectDirectory, "bin", buildConfiguration, framework, Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        if (!File.Exists(assembly))
        {
            return project;
        }

        // The project's directory stays the working directory (content root), as with dotnet run.
        return project
            .WithAnnotation(new ExecutableAnnotation { Command = "dotnet", WorkingDirectory = projectDirectory }, ResourceAnnotationMutationBehavior.Replace)
            .WithArgs(assembly);
    }

    /// <summary>
    /// A command on the resource's dashboard page that POSTs to <paramref name="path"/> with the operator key
    /// (header <c>X-Operator-Key</c>), which the service reads from <c>Operations:Key</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOperatorCommand(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<ParameterResource> operatorKey, string path, string name, string displayName,
        string description, string iconName)
    {
        return project
            .WithEnvironment("Operations__Key", operatorKey)
            .WithHttpCommand(path, displayName, commandName: name, commandOptions: new HttpCommandOptions
            {
                Description = description,
                IconName = iconName,
                ConfirmationMessage = $"{displayName}?",
                Method = HttpMethod.Post,
                PrepareRequest = async context =>
                    context.Request.Headers.Add("X-Operator-Key", await operatorKey.Resource.GetValueAsync(context.CancellationToken)),
            });
    }

    /// <summary>The command that moves the service's dead-lettered messages back to their queues.</summary>
    public static IResourceBuilder<ProjectResource> WithDeadLetterRequeue(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ParameterResource> operatorKey) =>
        project.WithOperatorCommand(operatorKey, "/operations/dead-letters/requeue", "requeue-dead-letters", "Requeue dead-lettered messages",
            "Moves every message this service dead-lettered (its *_error queues) back to its queue, once the cause is fixed.", "ArrowRepeatAll");

    /// <summary>
    /// Passes the AppHost's <c>Gateway</c> settings on to the gateway: <c>AllowedOrigins</c> (comma-separated CORS
    /// allow-list), <c>RateLimitBurst</c>, <c>RateLimitPerSecond</c> and <c>UpstreamTimeout</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGatewaySettings(this IResourceBuilder<ProjectResource> gateway, IConfigurationSection settings)
    {
        var origins = (settings["AllowedOrigins"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < origins.Length; i++)
        {
            gateway.WithEnvironment($"Gateway__AllowedOrigins__{i}", origins[i]);
        }

        foreach (var key in new[] { "RateLimitBurst", "RateLimitPerSecond", "UpstreamTimeout" })
        {
            if (settings[key] is { Length: > 0 } value)
            {
                gateway.WithEnvironment($"Gateway__{key}", value);
            }
        }

        return gateway;
    }
}
