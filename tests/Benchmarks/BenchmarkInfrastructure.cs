using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Benchmarks;

/// <summary>The AppHost's PostgreSQL (fsync on) and RabbitMQ, started for the benchmarks.</summary>
public sealed class BenchmarkInfrastructure : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly string _serverConnectionString;

    private BenchmarkInfrastructure(DistributedApplication app, string serverConnectionString, string broker)
    {
        _app = app;
        _serverConnectionString = serverConnectionString;
        BrokerConnectionString = broker;
    }

    public string BrokerConnectionString { get; }

    public static async Task<BenchmarkInfrastructure> StartAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["Infrastructure:Mode=local", "Infrastructure:Only=true", "Infrastructure:Fsync=true"], timeout.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Error));
        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("postgres", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("messaging", timeout.Token);
        return new BenchmarkInfrastructure(app,
            (await app.GetConnectionStringAsync("postgres", timeout.Token))!,
            (await app.GetConnectionStringAsync("messaging", timeout.Token))!);
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = name }.ConnectionString;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
