using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.AppHost.Infrastructure;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// Real PostgreSQL and RabbitMQ for one test assembly: the AppHost with only its infrastructure, in local mode.
/// Each test takes a database of its own (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public class InfrastructureFixture : IAsyncLifetime
{
    private DistributedApplication? _app;
    private string? _serverConnectionString;
    private int _databases;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("Not started.");

    public string BrokerConnectionString { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["Infrastructure:Mode=local", "Infrastructure:Only=true"], timeout.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(PlatformInfrastructure.PostgresName, timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(PlatformInfrastructure.MessagingName, timeout.Token);
        _serverConnectionString = await _app.GetConnectionStringAsync(PlatformInfrastructure.PostgresName, timeout.Token);
        BrokerConnectionString = (await _app.GetConnectionStringAsync(PlatformInfrastructure.MessagingName, timeout.Token))!;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..30];
        await using (var connection = new NpgsqlConnection(_serverConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = name }.ConnectionString;
    }

    public Task StopBrokerAsync(CancellationToken cancellationToken) => App.StopResourceAsync(PlatformInfrastructure.MessagingName, cancellationToken);

    public Task StartBrokerAsync(CancellationToken cancellationToken) => App.StartResourceAsync(PlatformInfrastructure.MessagingName, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
