using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using RabbitMQ.Client;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL and RabbitMQ for the platform under one set of resource and connection-string names
/// (<c>postgres</c>, its databases, <c>messaging</c>), whether they run as containers or as local servers.
/// </summary>
public sealed class PlatformInfrastructure
{
    public const string PostgresName = "postgres";
    public const string MessagingName = "messaging";

    private const string InstallHint =
        "Install the servers with: sudo apt-get install -y --no-install-recommends postgresql rabbitmq-server " +
        "(or run with a container runtime and Infrastructure:Mode=containers).";

    private readonly IDistributedApplicationBuilder _builder;
    private readonly IResourceBuilder<PostgresServerResource>? _containerPostgres;
    private readonly IResourceBuilder<LocalPostgresServerResource>? _localPostgres;

    private PlatformInfrastructure(
        IDistributedApplicationBuilder builder,
        InfrastructureMode mode,
        IResourceBuilder<IResourceWithConnectionString> messaging,
        IResourceBuilder<PostgresServerResource>? containerPostgres,
        IResourceBuilder<LocalPostgresServerResource>? localPostgres,
        string? runDirectory)
    {
        _builder = builder;
        Mode = mode;
        Messaging = messaging;
        _containerPostgres = containerPostgres;
        _localPostgres = localPostgres;
        RunDirectory = runDirectory;
    }

    public InfrastructureMode Mode { get; }

    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    /// <summary>The directory holding local servers' data (null under containers).</summary>
    public string? RunDirectory { get; }

    /// <summary>Adds a database named <paramref name="name"/> (resource name = connection-string name = database name).</summary>
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name)
    {
        if (_containerPostgres is not null)
        {
            return _containerPostgres.AddDatabase(name);
        }

        var server = _localPostgres!;
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource);
        var healthCheckKey = $"{name}-check";
        _builder.Services.AddHealthChecks().AddRetryingCheck(healthCheckKey, async cancellationToken =>
            await CanQueryAsync(await database.ConnectionStringExpression.GetValueAsync(cancellationToken), cancellationToken));
        _builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (@event, cancellationToken) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            await CreateDatabaseIfMissingAsync(server.Resource, name, cancellationToken);
            // A database has no process of its own: it runs once the server is ready and it exists.
            await notifications.PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });
        return _builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new("postgres.database", name)],
            })
            .WithHealthCheck(healthCheckKey);
    }

    public static PlatformInfrastructure Add(IDistributedApplicationBuilder builder)
    {
        var mode = InfrastructureModeSelector.Choose(
            builder.Configuration[InfrastructureModeSelector.SettingName],
            () => ContainerRuntimeProbe.Answers(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"]));

        return mode == InfrastructureMode.Containers ? AddContainers(builder) : AddLocal(builder);
    }

    private static PlatformInfrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres(PostgresName)
            .WithDataVolume()
            .WithLifetime(ContainerLifetime.Persistent);
        var rabbit = builder.AddRabbitMQ(MessagingName)
            .WithManagementPlugin()
            .WithDataVolume()
            .WithLifetime(ContainerLifetime.Persistent);
        return new PlatformInfrastructure(builder, InfrastructureMode.Containers, rabbit, postgres, null, null);
    }

    private static PlatformInfrastructure AddLocal(IDistributedApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var postgresBin = FindPostgresBin(config["Infrastructure:PostgresBinDirectory"]);
        const string rabbitServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";
        if (!File.Exists(rabbitServer) || FindOnPath("epmd") is null)
        {
            throw new DistributedApplicationException($"RabbitMQ server not found at {rabbitServer} (or epmd missing). {InstallHint}");
        }

        var persistent = config["Infrastructure:DataDirectory"] is { Length: > 0 } configured;
        var runDirectory = persistent
            ? Path.GetFullPath(config["Infrastructure:DataDirectory"]!)
            : RunDirectories.CreateThrowAway(config["Infrastructure:RunDirectoryRoot"]);
        Directory.CreateDirectory(runDirectory);
        RunDirectories.MakeTraversable(runDirectory);

        // Throw-away data may skip fsync; a persistent directory (and anything that measures) keeps it on.
        var fsync = config.GetValue("Infrastructure:Fsync", persistent);
        var scripts = Path.Combine(AppContext.BaseDirectory, "Infrastructure", "scripts");

        var postgresPassword = builder.AddParameter("postgres-password",
            RunDirectories.ReadOrCreateSecret(persistent ? Path.Combine(runDirectory, ".postgres-password") : null), secret: true);
        var postgres = builder.AddResource(new LocalPostgresServerResource(PostgresName, runDirectory, postgresPassword.Resource))
            .WithArgs(Path.Combine(scripts, "postgres.sh"))
            .WithEndpoint(name: LocalPostgresServerResource.EndpointName, scheme: "tcp", env: "PG_PORT", isProxied: false)
            .WithEnvironment("PG_BIN", postgresBin)
            .WithEnvironment("PG_DATA", Path.Combine(runDirectory, "postgres"))
            .WithEnvironment("PG_PASSWORD", postgresPassword)
            .WithEnvironment("PG_FSYNC", fsync ? "on" : "off")
            // Further server settings, e.g. "-c shared_preload_libraries=pg_stat_statements" to see what each statement costs.
            .WithEnvironment("PG_OPTIONS", config["Infrastructure:PostgresOptions"] ?? string.Empty)
            .WithIconName("Database");
        builder.Services.AddHealthChecks().AddRetryingCheck("postgres-check", async cancellationToken =>
            await CanQueryAsync(await postgres.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken), cancellationToken));
        postgres.WithHealthCheck("postgres-check");

        var epmd = builder.AddExecutable("epmd", "epmd", runDirectory, "-address", "127.0.0.1")
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "ERL_EPMD_PORT", isProxied: false)
            .WithIconName("PlugConnected");
        builder.Services.AddHealthChecks().AddRetryingCheck("epmd-check", async cancellationToken =>
            await CanConnectAsync(epmd.GetEndpoint("tcp"), cancellationToken));
        epmd.WithHealthCheck("epmd-check");

        var rabbitPassword = builder.AddParameter("messaging-password",
            RunDirectories.ReadOrCreateSecret(persistent ? Path.Combine(runDirectory, ".rabbitmq-password") : null), secret: true);
        var rabbit = builder.AddResource(new LocalRabbitMqResource(MessagingName, runDirectory, rabbitPassword.Resource))
            .WithArgs(Path.Combine(scripts, "rabbitmq.sh"))
            .WithEndpoint(name: LocalRabbitMqResource.EndpointName, scheme: "tcp", env: "RABBITMQ_NODE_PORT", isProxied: false)
            .WithEndpoint(name: LocalRabbitMqResource.DistributionEndpointName, scheme: "tcp", env: "RABBITMQ_DIST_PORT", isProxied: false)
            .WithEnvironment("RABBITMQ_DATA", Path.Combine(runDirectory, "rabbitmq"))
            .WithEnvironment("RABBITMQ_PASSWORD", rabbitPassword)
            .WithEnvironment(context => context.EnvironmentVariables["ERL_EPMD_PORT"] = epmd.GetEndpoint("tcp").Property(EndpointProperty.Port))
            .WaitFor(epmd)
            .WithIconName("Mail");
        builder.Services.AddHealthChecks().AddRetryingCheck("messaging-check", async cancellationToken =>
            await CanOpenBrokerAsync(await rabbit.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken), cancellationToken));
        rabbit.WithHealthCheck("messaging-check");

        if (!persistent)
        {
            // Wait for DCP to stop the servers before their directory is removed.
            builder.Configuration["DcpPublisher:WaitForResourceCleanup"] = "true";
            builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
            {
                @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped
                    .Register(() => RunDirectories.Delete(runDirectory));
                return Task.CompletedTask;
            });
        }

        return new PlatformInfrastructure(builder, InfrastructureMode.Local, rabbit, null, postgres, runDirectory);
    }

    private static string FindPostgresBin(string? configured)
    {
        var candidates = configured is { Length: > 0 }
            ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var version) ? version : 0)
                    .Select(dir => Path.Combine(dir, "bin"))
                    .ToArray()
                : Array.Empty<string>();
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "postgres")) && File.Exists(Path.Combine(dir, "initdb")))
            ?? throw new DistributedApplicationException($"PostgreSQL server binaries (postgres, initdb) not found under /usr/lib/postgresql/*/bin. {InstallHint}");
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static async Task CreateDatabaseIfMissingAsync(LocalPostgresServerResource server, string database, CancellationToken cancellationToken)
    {
        // Unpooled: after the server restarts (an operator's stop and start) a pooled connection would be a dead one.
        var connectionString = new NpgsqlConnectionStringBuilder(await server.ConnectionStringExpression.GetValueAsync(cancellationToken)) { Pooling = false };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // Identifiers cannot be parameters; the name comes from this AppHost's code, quoted all the same.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<HealthCheckResult> CanQueryAsync(string? connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3, Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }

    private static async Task<HealthCheckResult> CanConnectAsync(EndpointReference endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync("127.0.0.1", endpoint.Port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }

    private static async Task<HealthCheckResult> CanOpenBrokerAsync(string? connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(connectionString!), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }
}
