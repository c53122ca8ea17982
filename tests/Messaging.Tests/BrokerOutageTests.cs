namespace Platform.Messaging.Tests;

[CollectionDefinition(nameof(BrokerOutage), DisableParallelization = true)]
public sealed class BrokerOutage;

/// <summary>Stops the shared broker, so it runs alone (no other test of this assembly runs meanwhile).</summary>
[Collection(nameof(BrokerOutage))]
public sealed class BrokerOutageTests(InfrastructureFixture infrastructure)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_committed_while_the_broker_is_down_are_all_consumed_once_after_it_returns()
    {
        var run = new TestRun(Guid.NewGuid().ToString("N"));
        await using var host = await MessagingHost.StartAsync(infrastructure, run, await infrastructure.CreateDatabaseAsync(Token),
            bus => bus.AddConsumer<RecordEffectConsumer>(), Token);
        var events = Enumerable.Range(0, 1000).Select(i => run.NewEvent($"event {i}")).ToList();

        await infrastructure.StopBrokerAsync(Token);
        try
        {
            // Intake keeps committing: the outbox needs only the database.
            await host.CommitAsync(events, Token);
            Assert.Equal(1000, await host.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
        }
        finally
        {
            await infrastructure.StartBrokerAsync(Token);
        }

        await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM effects WHERE run = $1", run.Id) >= events.Count,
            TimeSpan.FromSeconds(120), "all 1,000 effects", Token);
        var sentinel = run.NewEvent("sentinel");
        await host.CommitAsync([sentinel], Token);
        await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM effects WHERE event_id = $1", sentinel.EventId) == 1,
            TimeSpan.FromSeconds(30), "the sentinel's effect", Token);

        Assert.Equal(events.Count + 1, await host.ScalarAsync("SELECT count(*) FROM effects WHERE run = $1", run.Id));
        Assert.Equal(events.Count + 1, await host.ScalarAsync("SELECT count(DISTINCT event_id) FROM effects WHERE run = $1", run.Id));
    }

    [Fact]
    public async Task A_service_started_while_the_broker_is_down_keeps_its_events_and_joins_the_broker_as_soon_as_it_is_up()
    {
        var run = new TestRun(Guid.NewGuid().ToString("N"));
        var database = await infrastructure.CreateDatabaseAsync(Token);
        var events = Enumerable.Range(0, 100).Select(i => run.NewEvent($"event {i}")).ToList();
        MessagingHost host;
        await infrastructure.StopBrokerAsync(Token);
        try
        {
            // The host starts without its bus (as a service that starts while the broker boots) and accepts work.
            // A publish that waits longer than this counts as failed and is recorded on its outbox row. The broker is away
            // for longer (its boot alone takes 7 s here), while a publish to a running broker takes far less, even the
            // first batch of a host.
            host = await MessagingHost.StartAsync(infrastructure, run, database, bus => bus.AddConsumer<RecordEffectConsumer>(), Token,
                settings: new Dictionary<string, string?> { ["Messaging:PublishTimeout"] = "00:00:03" }, waitForBus: false);
        }
        catch
        {
            await infrastructure.StartBrokerAsync(Token);
            throw;
        }

        await using (host)
        {
            try
            {
                await host.CommitAsync(events, Token);
                Assert.False(await host.IsBusReadyAsync(Token));
            }
            finally
            {
                await infrastructure.StartBrokerAsync(Token);
            }

            // MassTransit alone retries a failed first connection after 3 s and then ever later (the broker was away for
            // about 10 s here, so it would join after its third try); the bus starts at the first connection accepted.
            var brokerUp = System.Diagnostics.Stopwatch.StartNew();
            await host.WaitForBusReadyAsync(Token);
            var joinedAfter = brokerUp.Elapsed;
            await Wait.UntilAsync(async () => await host.ScalarAsync("SELECT count(*) FROM effects WHERE run = $1", run.Id) >= events.Count,
                TimeSpan.FromSeconds(60), "all 100 effects", Token);

            Assert.True(joinedAfter < TimeSpan.FromSeconds(5), $"The bus joined the broker {joinedAfter.TotalSeconds:N1} s after it was up.");
            Assert.Equal(events.Count, await host.ScalarAsync("SELECT count(DISTINCT event_id) FROM effects WHERE run = $1", run.Id));
            // The relay published nothing before the bus had started, when the host's own queue was not bound yet and
            // the broker would have dropped the events (a CI run lost 56 that way): no row has a failed attempt.
            Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM outbox_sent WHERE last_error IS NOT NULL"));
        }
    }
}
