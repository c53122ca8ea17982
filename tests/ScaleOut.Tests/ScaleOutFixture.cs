using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.AppHost;

[assembly: AssemblyFixture(typeof(Platform.ScaleOut.Tests.ScaleOutFixture))]

namespace Platform.ScaleOut.Tests;

/// <summary>
/// The whole platform with two instances of every service and of the gateway (<c>Platform:Replicas=2</c>) over quorum
/// queues (<c>Messaging:QueueType=quorum</c>), local PostgreSQL and RabbitMQ, shared by this assembly's tests.
/// </summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    public const int Replicas = 2;

    /// <summary>The services whose instances the tests kill, each with a read through the gateway that only it serves.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServiceReads = new Dictionary<string, string>
    {
        ["actor-registry"] = "/api/actors?kind=municipality",
        ["needs-intake"] = "/api/needs",
        ["challenge-tracking"] = "/api/challenges",
        ["reporting"] = "/api/reports/overview",
        ["notifications"] = "/api/notifications",
    };

    /// <summary>Two instances of nine projects start on two cores: this has taken several minutes on a loaded machine.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    private DistributedApplication? _app;
    private Platform.Testing.ResourceLogs? _logs;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform has not started.");

    public async ValueTask InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                "Infrastructure:Mode=local", "Gateway:Port=0", "DemoData:Enabled=false", $"Platform:Replicas={Replicas}", "Messaging:QueueType=quorum",
                // Each client's bucket is per gateway instance; the tests' clients send more than a person would.
                "Gateway:RateLimitBurst=5000", "Gateway:RateLimitPerSecond=1000",
            ],
            (options, settings) => settings.EnvironmentName = "Development",
            cancellation.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        _app = await builder.BuildAsync(cancellation.Token);
        _logs = Platform.Testing.ResourceLogs.Watch(_app);
        try
        {
            await _app.StartAsync(cancellation.Token);
            await _app.WaitForPlatformHealthyAsync(cancellation.Token);
        }
        catch (OperationCanceledException exception)
        {
            throw new TimeoutException($"The platform with {Replicas} instances of each service did not start within {StartTimeout}:\n{_logs.DescribeUnhealthy()}", exception);
        }
        finally
        {
            _logs.Dispose();
        }
    }

    /// <summary>The gateway instances' names: <c>gateway</c>, <c>gateway-2</c>.</summary>
    public static IEnumerable<string> Instances(string service) => Enumerable.Range(0, Replicas).Select(index => PlatformService.InstanceName(service, index));

    /// <summary>A client of one gateway instance with a development token for the role (and actor).</summary>
    public async Task<HttpClient> GatewayClientAsync(string instance, string role, Guid? actorId, CancellationToken cancellationToken) =>
        GatewayClient(instance, await DevTokenAsync(role, actorId, cancellationToken));

    /// <summary>A client of one gateway instance with <paramref name="token"/>: one caller may use every gateway.</summary>
    public HttpClient GatewayClient(string instance, string token)
    {
        var client = App.CreateHttpClient(instance, "http");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A development token from the first gateway; every gateway and service accepts it.</summary>
    public async Task<string> DevTokenAsync(string role, Guid? actorId, CancellationToken cancellationToken)
    {
        using var client = App.CreateHttpClient("gateway", "http");
        using var response = await client.PostAsJsonAsync("/api/dev/token", new { role, actorId }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A count from one of the platform's databases. Unpooled: the tests restart servers.</summary>
    public async Task<long> ScalarAsync(string database, string sql, params object[] parameters)
    {
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(await App.GetConnectionStringAsync(database)) { Pooling = false };
        return await Platform.Testing.Database.ScalarAsync(connectionString.ConnectionString, sql, parameters);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
