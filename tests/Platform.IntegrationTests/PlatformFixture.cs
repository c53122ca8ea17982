using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Platform.Client;
using Platform.Client.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.AppHost;

[assembly: AssemblyFixture(typeof(Platform.IntegrationTests.PlatformFixture))]

namespace Platform.IntegrationTests;

/// <summary>One started platform (local PostgreSQL and RabbitMQ) shared by every test of this assembly.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["actor-registry", "needs-intake", "challenge-tracking", "reporting", "notifications"];

    public static readonly string[] AllResources =
        ["postgres", "actorsdb", "needsdb", "challengesdb", "reportingdb", "notificationsdb", "epmd", "messaging", .. Services, "gateway", "web"];

    /// <summary>The one browser origin the gateway's CORS allow-list holds in these tests.</summary>
    public const string AllowedOrigin = "https://portal.example.se";

    /// <summary>Each client's burst at the gateway; refilled at 50 requests/s.</summary>
    public const int RateLimitBurst = 200;

    /// <summary>
    /// How long the whole platform may take to start. It usually starts within a minute, but on two busy cores the
    /// services (and the registry, which waits for the consumers' queues) have taken more than two.
    /// </summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform has not started.");

    public async ValueTask InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["Infrastructure:Mode=local", "Gateway:Port=0", $"Gateway:AllowedOrigins={AllowedOrigin}", $"Gateway:RateLimitBurst={RateLimitBurst}", "Gateway:RateLimitPerSecond=50", "DemoData:Enabled=false"],
            (options, settings) => settings.EnvironmentName = "Development",
            cancellation.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        _app = await builder.BuildAsync(cancellation.Token);
        try
        {
            await _app.StartAsync(cancellation.Token);
            await _app.WaitForPlatformHealthyAsync(cancellation.Token);
        }
        catch (OperationCanceledException exception)
        {
            throw new TimeoutException($"The platform did not start within {StartTimeout}: {DescribeResources()}", exception);
        }
    }

    /// <summary>Each resource's state and health, for a failure message that says what did not start.</summary>
    private string DescribeResources() => string.Join("; ", AllResources.Select(name =>
        App.ResourceNotifications.TryGetCurrentState(name, out var resource)
            ? $"{name}={resource.Snapshot.State?.Text}/{resource.Snapshot.HealthStatus?.ToString() ?? "no health"}"
              + string.Concat(resource.Snapshot.HealthReports.Where(r => r.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy).Select(r => $" [{r.Name}: {r.Description ?? r.ExceptionText}]"))
            : $"{name}=unknown"));

    public HttpClient CreateGatewayClient() => App.CreateHttpClient("gateway");

    /// <summary>A gateway client with a development token from the gateway for the role (and actor).</summary>
    public async Task<HttpClient> CreateGatewayClientAsync(string role, Guid? actorId, CancellationToken cancellationToken)
    {
        var client = CreateGatewayClient();
        using var response = await client.PostAsJsonAsync("/api/dev/token", new { role, actorId }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>
    /// A count from one of the platform's databases, read as an operator would. Unpooled: the database-outage test
    /// restarts the server, which ends every pooled connection.
    /// </summary>
    public async Task<long> ScalarAsync(string database, string sql, params object[] parameters)
    {
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(await App.GetConnectionStringAsync(database)) { Pooling = false };
        return await Platform.Testing.Database.ScalarAsync(connectionString.ConnectionString, sql, parameters);
    }

    /// <summary>Retries a call refused with 422 while another service has not yet heard of what it refers to.</summary>
    public static async Task<T> WhenKnownAsync<T>(Func<Task<T>> call, string what, CancellationToken cancellationToken)
    {
        T result = default!;
        await Platform.Testing.Wait.UntilAsync(async () =>
        {
            try
            {
                result = await call();
                return true;
            }
            catch (UnprocessableException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), what, cancellationToken);
        return result;
    }

    /// <summary>The registry's actor for a municipality (seeded as reference data).</summary>
    public async Task<Guid> MunicipalityActorAsync(string municipalityCode, CancellationToken cancellationToken)
    {
        using var coordinator = await CreateGatewayClientAsync("coordinator", null, cancellationToken);
        var actors = await coordinator.GetFromJsonAsync<JsonElement>($"/api/actors?kind=municipality&municipality={municipalityCode}", cancellationToken);
        return actors.GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    /// <summary>A coordinator reports a challenge under KN2023/03505, as one does for a challenge no funded effort addresses yet.</summary>
    public async Task ReportChallengeUnderTheAssignmentAsync(Guid challengeId, CancellationToken cancellationToken)
    {
        var coordinator = CreatePlatformClient("coordinator");
        var current = await coordinator.Challenges.GetAsync(challengeId, cancellationToken).WithETagAsync();
        _ = await coordinator.Challenges.SetAssignmentsAsync(
            challengeId, new ChallengeAssignmentsRequest([.. current.Value.Assignments.Append(Reference.Assignments.NorthernIndustrialisation).Distinct()]), current.ETag,
            cancellationToken).WithETagAsync();
    }

    /// <summary>
    /// The SDK as a back-office system would use it: registered with <c>AddPlatformClient</c> against the gateway, its
    /// token fetched once from the development token endpoint.
    /// </summary>
    public PlatformClient CreatePlatformClient(string role, Guid? actorId = null)
    {
        DevToken? token = null;
        var services = new ServiceCollection();
        services.AddPlatformClient(App.GetEndpoint("gateway", "http"), async (provider, cancellationToken) =>
        {
            if (token is null || token.ExpiresAt < DateTimeOffset.UtcNow.AddMinutes(1))
            {
                token = await provider.GetRequiredService<IDevTokenApi>().IssueAsync(new DevTokenRequest(role, actorId), cancellationToken);
            }

            return token.AccessToken;
        });
        return services.BuildServiceProvider().GetRequiredService<PlatformClient>();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
