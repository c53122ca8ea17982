using DbUp;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Testing;

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

    [Fact]
    public async Task Upgrading_an_outbox_keeps_unsent_rows_pending_and_moves_sent_ones()
    {
        var database = await infrastructure.CreateDatabaseAsync(Token);
        // The outbox as it was before 0003, journaled as the migrator journals it.
        var before = DeployChanges.To.PostgresqlDatabase(database)
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly,
                name => name.Contains(".Migrations.0001_", StringComparison.Ordinal) || name.Contains(".Migrations.0002_", StringComparison.Ordinal))
            .JournalToPostgresqlTable("public", "schemaversions")
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(before.Successful, before.Error?.Message);
        Guid sent = Guid.NewGuid(), unsent = Guid.NewGuid();
        await Database.ScalarAsync(database, """
            INSERT INTO outbox_messages (event_id, message_type, payload, occurred_at, attempts, sent_at)
            VALUES ($1, 'Platform.Contracts.Forums.ForumCreated', '{}', now(), 1, now()), ($2, 'Platform.Contracts.Forums.ForumCreated', '{}', now(), 0, NULL)
            """, sent, unsent);

        await new DatabaseMigrator(database, [typeof(DatabaseMigrator).Assembly], NullLogger.Instance).MigrateAsync(Token);

        Assert.Equal(1, await Database.ScalarAsync(database, "SELECT count(*) FROM outbox_pending WHERE event_id = $1 AND attempts = 0", unsent));
        Assert.Equal(1, await Database.ScalarAsync(database, "SELECT count(*) FROM outbox_sent WHERE event_id = $1 AND attempts = 1", sent));
        Assert.Equal(1, await Database.ScalarAsync(database, "SELECT count(*) FROM outbox_messages WHERE event_id = $1 AND sent_at IS NULL", unsent));
        Assert.Equal(2, await Database.ScalarAsync(database, "SELECT count(*) FROM outbox_messages"));
        // New rows continue the old numbering (the relay publishes in id order).
        Assert.Equal(1, await Database.ScalarAsync(database, """
            WITH added AS (
                INSERT INTO outbox_pending (event_id, message_type, payload, occurred_at) VALUES ($1, 'Platform.Contracts.Forums.ForumCreated', '{}', now()) RETURNING id)
            SELECT count(*) FROM added WHERE id > (SELECT max(id) FROM outbox_sent) AND id > (SELECT min(id) FROM outbox_pending)
            """, Guid.NewGuid()));
    }
}
