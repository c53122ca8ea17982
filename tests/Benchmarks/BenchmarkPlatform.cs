using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.AppHost;

namespace Platform.Benchmarks;

/// <summary>The whole platform from the AppHost (Development, PostgreSQL fsync on), started once for the scenarios that need it.</summary>
public sealed class BenchmarkPlatform : IAsyncDisposable
{
    private readonly DistributedApplication _app;

    private BenchmarkPlatform(
        DistributedApplication app, TimeSpan startupTime, IReadOnlyDictionary<string, TimeSpan> healthyAt, double startupBusyShare, TimeSpan appHostStartupCpu)
    {
        _app = app;
        StartupTime = startupTime;
        HealthyAt = healthyAt;
        StartupBusyShare = startupBusyShare;
        AppHostStartupCpu = appHostStartupCpu;
    }

    /// <summary>From starting the built AppHost to every service and the gateway healthy.</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>When each resource first reported healthy, from the AppHost's start.</summary>
    public IReadOnlyDictionary<string, TimeSpan> HealthyAt { get; }

    /// <summary>How busy the machine's cores were, together, from the AppHost's start to all healthy (0..1).</summary>
    public double StartupBusyShare { get; }

    /// <summary>CPU this process (which hosts the AppHost) used from the AppHost's start to all healthy.</summary>
    public TimeSpan AppHostStartupCpu { get; }

    public DistributedApplication App => _app;

    /// <summary>Needs bulk-loaded into every service's database (<see cref="StoredNeedsLoader"/>): stored, but never consumed as events.</summary>
    public long Preloaded { get; set; }

    /// <summary>False when <c>BENCHMARK_TELEMETRY=off</c>: the services run without OpenTelemetry.</summary>
    public static bool Telemetry => !string.Equals(Environment.GetEnvironmentVariable("BENCHMARK_TELEMETRY"), "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>BENCHMARK_SERVICE_ENVIRONMENT=NAME=value;NAME=value</c>: variables set in every service and the gateway, to
    /// measure a runtime setting against the same run without it.
    /// </summary>
    private static Dictionary<string, string> ServiceEnvironment() =>
        (Environment.GetEnvironmentVariable("BENCHMARK_SERVICE_ENVIRONMENT") ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1] : string.Empty);

    /// <param name="dashboard">
    /// True: with the Aspire dashboard receiving every service's telemetry, as <c>dotnet run --project AppHost</c> starts
    /// the platform (the testing builder leaves it out otherwise, and the services export nothing).
    /// </param>
    public static async Task<BenchmarkPlatform> StartAsync(bool dashboard = false)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        string[] arguments = ["Infrastructure:Mode=local", "Infrastructure:Fsync=true", "Gateway:Port=0", "Gateway:RateLimitBurst=10000000", "Gateway:RateLimitPerSecond=10000000", "DemoData:Enabled=false"];
        if (Environment.GetEnvironmentVariable("BENCHMARK_POSTGRES_OPTIONS") is { Length: > 0 } postgresOptions)
        {
            // E.g. "-c shared_preload_libraries=pg_stat_statements", to read what each statement cost after a scenario.
            arguments = [.. arguments, $"Infrastructure:PostgresOptions={postgresOptions}"];
        }

        if (dashboard)
        {
            arguments = [.. arguments, "ASPNETCORE_URLS=http://127.0.0.1:18988", "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:18989",
                "ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:18990", "ASPIRE_ALLOW_UNSECURED_TRANSPORT=true"];
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(arguments, (options, settings) =>
        {
            settings.EnvironmentName = "Development";
            options.DisableDashboard = !dashboard;
        }, timeout.Token);
        // A rule, not only a minimum level: the AppHost's appsettings.json rules would otherwise log every resource's
        // console output and every request of the load here, on the cores being measured.
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Error).AddFilter((_, level) => level >= LogLevel.Error));
        var environment = ServiceEnvironment();
        if (!Telemetry)
        {
            // To measure what telemetry costs: the same run with the OpenTelemetry SDK off in every service.
            environment["OTEL_SDK_DISABLED"] = "true";
        }

        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                foreach (var (name, value) in environment)
                {
                    context.EnvironmentVariables[name] = value;
                }
            }));
        }

        var app = await builder.BuildAsync(timeout.Token);
        var machineBefore = MachineCpu.Read();
        var appHostBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var healthyAt = new System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan>();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var watch = Task.Run(async () =>
        {
            await foreach (var resource in app.ResourceNotifications.WatchAsync(watching.Token))
            {
                if (resource.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                {
                    healthyAt.TryAdd(resource.Resource.Name, started.Elapsed);
                }
            }
        }, watching.Token);
        await app.StartAsync(timeout.Token);
        await app.WaitForPlatformHealthyAsync(timeout.Token);
        var startup = started.Elapsed;
        var busyShare = MachineCpu.Read().BusyShareSince(machineBefore);
        var appHostCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - appHostBefore;
        await watching.CancelAsync();
        await watch.ContinueWith(_ => { }, TaskScheduler.Default);
        return new BenchmarkPlatform(app, startup, healthyAt, busyShare, appHostCpu);
    }

    /// <summary>A client of <paramref name="resource"/> with a development token from the gateway.</summary>
    public async Task<HttpClient> ClientAsync(string resource, string role = "coordinator", Guid? actorId = null)
    {
        using var gateway = _app.CreateHttpClient("gateway");
        using var tokenResponse = await gateway.PostAsJsonAsync("/api/dev/token", new { role, actorId });
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = _app.CreateHttpClient(resource);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> ConnectionStringAsync(string resource) => (await _app.GetConnectionStringAsync(resource))!;

    /// <summary>
    /// Waits (at most <paramref name="timeout"/>) until challenge-tracking (unless <paramref name="clustering"/> is false,
    /// when it is stopped) and reporting have consumed every need needs-intake holds, so a scenario or phase after an
    /// overloading one does not share the CPU with its backlog.
    /// </summary>
    public async Task WaitUntilNeedsConsumedAsync(TimeSpan timeout, bool clustering = true)
    {
        const string consumed = "SELECT count(*) FROM inbox_messages WHERE message_type LIKE '%NeedSubmitted'";
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var needs = await CountAsync("needsdb", "SELECT count(*) FROM needs") - Preloaded;
            var clustered = clustering ? await CountAsync("challengesdb", consumed) : needs;
            var reported = await CountAsync("reportingdb", consumed);
            if ((clustered >= needs && reported >= needs) || started.Elapsed > timeout)
            {
                Console.WriteLine($"backlog: {needs:N0} needs, {(clustering ? $"{clustered:N0} clustered, " : string.Empty)}{reported:N0} in reporting after {started.Elapsed.TotalSeconds:N1} s");
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>A count (or other bigint) from <paramref name="database"/>, on a connection of its own.</summary>
    public async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(await ConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
