using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Platform.Contracts;
using Platform.Reporting.ReadModels;
using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.Reporting.Tests.ReportingApp))]

namespace Platform.Reporting.Tests;

/// <summary>Tests that read or rebuild whole read models run alone, so no other test's events land in between.</summary>
[CollectionDefinition(nameof(ExclusiveReadModels), DisableParallelization = true)]
public sealed class ExclusiveReadModels;

/// <summary>The real reporting service over real PostgreSQL and RabbitMQ, shared by this assembly's tests.</summary>
public sealed class ReportingApp : ServiceFixture<EventLog>
{
    public const string OperatorKey = "reporting-tests-operator-key";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Operations:Key", OperatorKey);

    protected override string DatabaseName => ReportingExtensions.DatabaseName;

    /// <summary>Applies events straight to the read models (log and projection in one transaction each), bypassing the broker.</summary>
    public async Task ApplyAsync(IEnumerable<IIntegrationEvent> events)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        foreach (var @event in events)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await EventLog.RecordAsync(transaction, @event, CancellationToken.None);
            await transaction.CommitAsync();
        }
    }

    /// <summary>A row of a read model as text, without its key, for comparing two entities' states.</summary>
    public async Task<string?> RowAsync(string table, Guid id)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT (to_jsonb(t) - 'id')::text FROM {table} t WHERE id = $1", connection) { Parameters = { new() { Value = id } } };
        return await command.ExecuteScalarAsync() as string;
    }

    public async Task<string> TextAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString() ?? string.Empty;
    }

    public Task WaitUntilAsync(string sql, object parameter, string what, CancellationToken cancellationToken) =>
        Wait.UntilAsync(async () => await ScalarAsync(sql, parameter) > 0, Timeout, what, cancellationToken);

    /// <summary>
    /// Registers an assignment of its own for a test, so its finance figures are the test's alone; its report is due next
    /// year, so what a test records today lies in its final report's period.
    /// </summary>
    public async Task<string> AddAssignmentAsync(decimal budgetSek, CancellationToken cancellationToken)
    {
        var reference = $"T{Random.Shared.Next(1000, 9999)}/{Random.Shared.Next(1, 999_999):D6}";
        using var client = Client("coordinator");
        using var response = await client.PostAsJsonAsync("/api/assignments", new
        {
            reference,
            title = "Testuppdrag om samordning",
            decisionDate = "2024-01-10",
            reportDueDate = $"{DateTime.UtcNow.Year + 1}-12-31",
            appropriation = "Anslag 1:4 Tillväxtverket",
            expenditureArea = "Utgiftsområde 24 Näringsliv",
            budgetYear = 2024,
            budgetSek,
        }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return reference;
    }
}
