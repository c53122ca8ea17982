using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Inbox;

namespace Platform.Messaging.Tests;

/// <summary>The inbox's group commit against a real database: one writer, held by a first message while others queue.</summary>
public sealed class InboxCommitterTests(InfrastructureFixture infrastructure)
{
    private const string Consumer = "test-consumer";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_queued_together_commit_in_one_transaction_in_arrival_order_and_a_failing_one_fails_alone()
    {
        await using var inbox = await GroupedInbox.StartAsync(infrastructure);
        Guid a = Guid.NewGuid(), failing = Guid.NewGuid(), c = Guid.NewGuid(), known = Guid.NewGuid();
        await inbox.ScalarAsync("INSERT INTO inbox_messages (message_id, consumer, message_type) VALUES ($1, $2, 'Test')", known, Consumer);

        var (first, queued) = await inbox.RunGroupAsync(
            inbox.Effect(a), inbox.Failing(failing), inbox.Effect(c), inbox.Effect(a), inbox.Effect(known));

        Assert.True(await first);
        Assert.True(await queued[0]);
        Assert.Equal("This message always fails.", (await Assert.ThrowsAsync<InvalidOperationException>(() => queued[1])).Message);
        Assert.True(await queued[2]);
        Assert.False(await queued[3]); // the same message twice in one group: handled once
        Assert.False(await queued[4]); // already in the inbox
        // The group ran in arrival order, rolled back at the failing message, and ran again without it.
        Assert.Equal([inbox.FirstId, a, failing, a, c], inbox.Calls);
        Assert.Equal(1, await inbox.ScalarAsync("SELECT count(*) FROM effects WHERE event_id = $1", a));
        Assert.Equal(1, await inbox.ScalarAsync("SELECT count(*) FROM effects WHERE event_id = $1", c));
        Assert.Equal(0, await inbox.ScalarAsync("SELECT count(*) FROM effects WHERE event_id = ANY($1)", new[] { failing, known }));
        Assert.Equal(0, await inbox.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", failing));
        // a and c (effects and inbox rows) in one transaction, not the first message's.
        Assert.Equal(1, await inbox.ScalarAsync(
            "SELECT count(DISTINCT xmin::text) FROM (SELECT xmin FROM effects WHERE event_id = ANY($1) UNION ALL SELECT xmin FROM inbox_messages WHERE message_id = ANY($1)) rows",
            new[] { a, c }));
        Assert.Equal(2, await inbox.ScalarAsync("SELECT count(DISTINCT xmin::text) FROM effects"));
    }

    [Fact]
    public async Task When_the_database_refuses_the_group_every_message_of_it_fails_and_nothing_is_recorded()
    {
        await using var inbox = await GroupedInbox.StartAsync(infrastructure);
        Guid a = Guid.NewGuid(), refused = Guid.NewGuid();
        await inbox.ScalarAsync($"ALTER TABLE inbox_messages ADD CONSTRAINT refuse_one CHECK (message_id <> '{refused}')");

        var (first, queued) = await inbox.RunGroupAsync(inbox.Effect(a), inbox.Effect(refused));

        Assert.True(await first);
        foreach (var work in queued)
        {
            Assert.Equal(PostgresErrorCodes.CheckViolation, (await Assert.ThrowsAsync<PostgresException>(() => work)).SqlState);
        }

        Assert.Equal([inbox.FirstId], inbox.Calls);
        Assert.Equal(0, await inbox.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", a));
        Assert.Equal(0, await inbox.ScalarAsync("SELECT count(*) FROM effects WHERE event_id = $1", a));
    }

    /// <summary>An <see cref="InboxCommitter"/> with one writer over a fresh database with the test effects table.</summary>
    private sealed class GroupedInbox : IAsyncDisposable
    {
        private readonly string _database;
        private readonly NpgsqlDataSource _dataSource;
        private readonly InboxCommitter _committer;
        private readonly ConcurrentQueue<Guid> _calls = new();

        private GroupedInbox(string database)
        {
            _database = database;
            _dataSource = NpgsqlDataSource.Create(database);
            _committer = new InboxCommitter(_dataSource, new Outbox.Outbox(new Outbox.OutboxSignal()),
                Options.Create(new MessagingOptions { InboxWriters = 1, InboxGroupSize = 100 }));
        }

        public Guid FirstId { get; } = Guid.NewGuid();

        public Guid[] Calls => [.. _calls];

        public static async Task<GroupedInbox> StartAsync(InfrastructureFixture infrastructure)
        {
            var database = await infrastructure.CreateDatabaseAsync(Token);
            await new DatabaseMigrator(database, [typeof(DatabaseMigrator).Assembly, typeof(GroupedInbox).Assembly], NullLogger.Instance).MigrateAsync(Token);
            return new GroupedInbox(database);
        }

        public (Guid Id, Func<NpgsqlTransaction, Task> Handle) Effect(Guid id) => (id, async transaction =>
        {
            _calls.Enqueue(id);
            await using var insert = new NpgsqlCommand("INSERT INTO effects (event_id, run) VALUES ($1, 'test')", transaction.Connection, transaction)
            {
                Parameters = { new() { Value = id } },
            };
            await insert.ExecuteNonQueryAsync(Token);
        });

        public (Guid Id, Func<NpgsqlTransaction, Task> Handle) Failing(Guid id) => (id, _ =>
        {
            _calls.Enqueue(id);
            throw new InvalidOperationException("This message always fails.");
        });

        /// <summary>Runs a first message whose handler holds the only writer until the others are queued, so they form one group.</summary>
        public async Task<(Task<bool> First, Task<bool>[] Queued)> RunGroupAsync(params (Guid Id, Func<NpgsqlTransaction, Task> Handle)[] messages)
        {
            var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var firstHandle = Effect(FirstId).Handle;
            var first = _committer.RunAsync(new InboxWork(FirstId, Consumer, "Test", async transaction =>
            {
                held.SetResult();
                await release.Task;
                await firstHandle(transaction);
            }), alone: false);
            await held.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);

            var queued = messages.Select(message => _committer.RunAsync(new InboxWork(message.Id, Consumer, "Test", message.Handle), alone: false)).ToArray();
            release.SetResult();
            await first.WaitAsync(TimeSpan.FromSeconds(30), Token);
            await Task.WhenAny(Task.WhenAll(queued), Task.Delay(TimeSpan.FromSeconds(30), Token));
            return (first, queued);
        }

        public Task<long> ScalarAsync(string sql, params object[] parameters) => Database.ScalarAsync(_database, sql, parameters);

        public async ValueTask DisposeAsync()
        {
            await _committer.DisposeAsync();
            await _dataSource.DisposeAsync();
        }
    }
}
