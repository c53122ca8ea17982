using Microsoft.Extensions.DependencyInjection;
using MassTransit;
using Npgsql;

namespace Platform.Messaging.Tests;

public sealed class OutboxTests(InfrastructureFixture infrastructure)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_committed_event_is_published_exactly_once_and_a_rolled_back_one_never()
    {
        var run = new TestRun(Guid.NewGuid().ToString("N"));
        await using var host = await MessagingHost.StartAsync(infrastructure, run, await infrastructure.CreateDatabaseAsync(Token),
            bus => bus.AddConsumer<CountDeliveriesConsumer>(), Token);
        var (committed, rolledBack, sentinel) = (run.NewEvent(), run.NewEvent(), run.NewEvent("sentinel"));

        await host.CommitAsync([committed], Token);
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var connection = await dataSource.OpenConnectionAsync(Token))
        await using (var transaction = await connection.BeginTransactionAsync(Token))
        {
            await host.Outbox.EnqueueAsync(transaction, rolledBack, Token);
            await transaction.RollbackAsync(Token);
        }
        await host.CommitAsync([sentinel], Token);

        await Wait.UntilAsync(() => host.Counter.Deliveries.ContainsKey(sentinel.EventId) && host.Counter.Deliveries.ContainsKey(committed.EventId),
            Patience, "the committed event and the sentinel", Token);
        Assert.Equal(1, host.Counter.Deliveries[committed.EventId]);
        Assert.False(host.Counter.Deliveries.ContainsKey(rolledBack.EventId));
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE event_id = $1", rolledBack.EventId));
        // The relay marks rows sent after the broker confirmed them, which may be after a consumer already has them.
        await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") == 0,
            Patience, "every row marked sent", Token);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_has_one_effect()
    {
        var run = new TestRun(Guid.NewGuid().ToString("N"));
        await using var host = await MessagingHost.StartAsync(infrastructure, run, await infrastructure.CreateDatabaseAsync(Token),
            bus => bus.AddConsumer<RecordEffectConsumer>(), Token);
        var @event = run.NewEvent();
        var sentinel = run.NewEvent("sentinel");

        var bus = host.Services.GetRequiredService<IBus>();
        await bus.Publish(@event, context => context.MessageId = @event.EventId, Token);
        await bus.Publish(@event, context => context.MessageId = @event.EventId, Token);
        await bus.Publish(sentinel, context => context.MessageId = sentinel.EventId, Token);

        await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM effects WHERE event_id = $1", sentinel.EventId) == 1,
            Patience, "the sentinel's effect", Token);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM effects WHERE event_id = $1", @event.EventId));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", @event.EventId));
    }

    [Fact]
    public async Task A_relay_stopped_between_publish_and_mark_republishes_and_the_inbox_absorbs_it()
    {
        var run = new TestRun(Guid.NewGuid().ToString("N"));
        await using var host = await MessagingHost.StartAsync(infrastructure, run, await infrastructure.CreateDatabaseAsync(Token),
            bus =>
            {
                bus.AddConsumer<RecordEffectConsumer>();
                bus.AddConsumer<CountDeliveriesConsumer>();
            }, Token);
        var @event = run.NewEvent();
        await host.CommitAsync([@event], Token);
        await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM effects WHERE event_id = $1", @event.EventId) == 1,
            Patience, "the first effect", Token);

        // The state a crash leaves when the broker confirmed the publish but the "sent" mark never committed (the
        // consumer's effect can come before the relay's mark: wait for the mark, then undo it).
        await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM outbox_sent WHERE event_id = $1", @event.EventId) == 1,
            Patience, "the row marked sent", Token);
        await host.ScalarAsync("""
            WITH unsent AS (DELETE FROM outbox_sent WHERE event_id = $1 RETURNING *)
            INSERT INTO outbox_pending (id, event_id, message_type, payload, correlation_id, trace_parent, trace_state, occurred_at, enqueued_at, attempts)
            OVERRIDING SYSTEM VALUE
            SELECT id, event_id, message_type, payload, correlation_id, trace_parent, trace_state, occurred_at, enqueued_at, attempts - 1 FROM unsent
            """, @event.EventId);

        await Wait.UntilAsync(() => host.Counter.Deliveries.GetValueOrDefault(@event.EventId) == 2, Patience, "the redelivery", Token);
        await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") == 0,
            Patience, "the row marked sent again", Token);
        var sentinel = run.NewEvent("sentinel");
        await host.CommitAsync([sentinel], Token);
        await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM effects WHERE event_id = $1", sentinel.EventId) == 1,
            Patience, "the sentinel's effect", Token);
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM effects WHERE event_id = $1", @event.EventId));
    }

    [Fact]
    public async Task Published_rows_move_to_the_sent_table_and_the_relay_vacuums_the_pending_one()
    {
        var run = new TestRun(Guid.NewGuid().ToString("N"));
        await using var host = await MessagingHost.StartAsync(infrastructure, run, await infrastructure.CreateDatabaseAsync(Token),
            bus => bus.AddConsumer<CountDeliveriesConsumer>(), Token);
        var events = Enumerable.Range(0, 300).Select(i => run.NewEvent($"event {i}")).ToList();
        await host.CommitAsync(events, Token);

        await Wait.UntilAsync(() => host.Counter.Deliveries.Count == events.Count, TimeSpan.FromSeconds(60), "every event delivered", Token);
        await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM outbox_pending") == 0, Patience, "nothing pending", Token);
        Assert.Equal(events.Count, await host.ScalarAsync("SELECT count(*) FROM outbox_sent WHERE attempts = 1 AND sent_at > enqueued_at"));
        Assert.Equal(events.Count, await host.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL"));
        // Test hosts vacuum after 100 moved rows (at most once a second): 300 rows give at least one.
        await Wait.UntilAsync(async () => await host.ScalarAsync(
                "SELECT coalesce(sum(vacuum_count), 0) FROM pg_stat_user_tables WHERE relname = 'outbox_pending'") >= 1,
            Patience, "the pending table vacuumed by the relay", Token);
    }

    [Fact]
    public async Task Two_relays_over_one_outbox_never_publish_a_row_twice()
    {
        var run = new TestRun(Guid.NewGuid().ToString("N"));
        var sharedOutbox = await infrastructure.CreateDatabaseAsync(Token);
        var serviceName = $"t{Guid.NewGuid():N}"[..12];
        await using var consumer = await MessagingHost.StartAsync(infrastructure, run, await infrastructure.CreateDatabaseAsync(Token),
            bus => bus.AddConsumer<CountDeliveriesConsumer>(), Token);
        await using var first = await MessagingHost.StartAsync(infrastructure, run, sharedOutbox, null, Token, serviceName);
        await using var second = await MessagingHost.StartAsync(infrastructure, run, sharedOutbox, null, Token, serviceName);

        var events = Enumerable.Range(0, 1000).Select(i => run.NewEvent($"event {i}")).ToList();
        await Task.WhenAll(first.CommitAsync(events.Take(500), Token), second.CommitAsync(events.Skip(500), Token));

        await Wait.UntilAsync(() => consumer.Counter.Deliveries.Count == events.Count, TimeSpan.FromSeconds(60), "every event delivered", Token);
        var sentinel = run.NewEvent("sentinel");
        await first.CommitAsync([sentinel], Token);
        await Wait.UntilAsync(() => consumer.Counter.Deliveries.ContainsKey(sentinel.EventId), Patience, "the sentinel", Token);

        Assert.All(events, @event => Assert.Equal(1, consumer.Counter.Deliveries[@event.EventId]));
        await Wait.UntilAsync(async () => await first.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") == 0,
            Patience, "every row marked sent", Token);
    }

    [Fact]
    public async Task A_failing_consumer_is_retried_then_dead_lettered_and_later_messages_still_flow()
    {
        var run = new TestRun(Guid.NewGuid().ToString("N"));
        await using var host = await MessagingHost.StartAsync(infrastructure, run, await infrastructure.CreateDatabaseAsync(Token),
            bus => bus.AddConsumer<RecordEffectConsumer>(), Token);
        var poison = run.NewEvent(RecordEffectConsumer.Poison);
        var after = run.NewEvent("after");
        await host.CommitAsync([poison, after], Token);

        var errorQueue = new KebabCaseEndpointNameFormatter(host.ServiceName, false).Consumer<RecordEffectConsumer>() + "_error";
        var deadLettered = await BrokerProbe.GetAsync(infrastructure.BrokerConnectionString, errorQueue, Token);
        await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM effects WHERE event_id = $1", after.EventId) == 1,
            Patience, "the message after the failing one", Token);

        // One immediate and one incremental retry configured: three attempts, and no effect or inbox row left.
        Assert.Equal(3, host.Counter.Deliveries[poison.EventId]);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", poison.EventId));
        Assert.NotNull(deadLettered);
        Assert.Equal(poison.EventId.ToString(), deadLettered.MessageId);
        Assert.Contains("InvalidOperationException", deadLettered.FaultExceptionType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_consumed_at_once_share_inbox_transactions_and_a_failing_one_is_retried_alone()
    {
        var run = new TestRun(Guid.NewGuid().ToString("N"));
        await using var host = await MessagingHost.StartAsync(infrastructure, run, await infrastructure.CreateDatabaseAsync(Token),
            bus => bus.AddConsumer<RecordEffectConsumer>(), Token,
            settings: new Dictionary<string, string?> { ["Messaging:PrefetchCount"] = "32", ["Messaging:InboxWriters"] = "1" });
        var events = Enumerable.Range(0, 200).Select(i => run.NewEvent($"event {i}")).ToList();
        var poison = run.NewEvent(RecordEffectConsumer.Poison);

        // A burst straight to the bus: up to 32 deliveries at once, while one inbox transaction at a time runs.
        var bus = host.Services.GetRequiredService<IBus>();
        await Task.WhenAll([.. events.Take(100).Append(poison).Concat(events.Skip(100)).Select(e => bus.Publish(e, c => c.MessageId = e.EventId, Token))]);

        await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM effects WHERE run = $1", run.Id) == events.Count,
            Patience, "every effect", Token);
        await Wait.UntilAsync(() => host.Counter.Deliveries.GetValueOrDefault(poison.EventId) == 3, Patience, "three attempts of the failing message", Token);
        Assert.Equal(events.Count, await host.ScalarAsync("SELECT count(DISTINCT event_id) FROM effects WHERE run = $1", run.Id));
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", poison.EventId));
        var transactions = await host.ScalarAsync("SELECT count(DISTINCT xmin::text) FROM inbox_messages");
        Assert.InRange(transactions, 1, events.Count - 1);
        TestContext.Current.SendDiagnosticMessage($"{events.Count} messages committed in {transactions} inbox transactions");
    }

    [Fact]
    public async Task Dead_lettered_messages_are_requeued_once_their_cause_is_fixed_and_take_effect_once()
    {
        var run = new TestRun(Guid.NewGuid().ToString("N"));
        await using var host = await MessagingHost.StartAsync(infrastructure, run, await infrastructure.CreateDatabaseAsync(Token),
            bus => bus.AddConsumer<RecordEffectConsumer>(), Token);
        var poison = run.NewEvent(RecordEffectConsumer.Poison);
        await host.CommitAsync([poison], Token);
        await Wait.UntilAsync(() => host.Counter.Deliveries.GetValueOrDefault(poison.EventId) == 3, Patience, "three failed attempts", Token);

        host.Counter.PoisonCured = true;
        var requeuer = host.Services.GetRequiredService<Operations.DeadLetterRequeuer>();
        var queue = new KebabCaseEndpointNameFormatter(host.ServiceName, false).Consumer<RecordEffectConsumer>();
        Operations.RequeueResult? result = null;
        await Wait.UntilAsync(async () => (result = await requeuer.RequeueAsync(Token)).Total == 1, Patience, "the dead-lettered message requeued", Token);
        Assert.Equal(1, result!.Requeued[queue]);

        await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM effects WHERE event_id = $1", poison.EventId) == 1,
            Patience, "the requeued message's effect", Token);
        Assert.Equal(0, (await requeuer.RequeueAsync(Token)).Total);
    }
}
