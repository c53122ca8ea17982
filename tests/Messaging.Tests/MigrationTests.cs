using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Platform.Messaging.Tests;

public sealed class MigrationTests(InfrastructureFixture infrastructure)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scripts_applied_twice_or_by_two_instances_at_once_run_once()
    {
        var database = await infrastructure.CreateDatabaseAsync(Token);
        DatabaseMigrator NewMigrator() => new(database, [typeof(DatabaseMigrator).Assembly, typeof(MigrationTests).Assembly], NullLogger.Instance);

        await Task.WhenAll(NewMigrator().MigrateAsync(Token), NewMigrator().MigrateAsync(Token));
        await NewMigrator().MigrateAsync(Token);

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Token);
        await using var runs = new NpgsqlCommand("SELECT count(*) FROM migration_runs", connection);
        Assert.Equal(1L, await runs.ExecuteScalarAsync(Token));
        await using var journal = new NpgsqlCommand("SELECT count(*) FROM schemaversions WHERE scriptname LIKE '%0001_test_effects.sql'", connection);
        Assert.Equal(1L, await journal.ExecuteScalarAsync(Token));
    }
}
