using System.Diagnostics;
using HdrHistogram;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Contracts.Actors;
using Platform.Messaging;
using Platform.Messaging.Inbox;

namespace Platform.Benchmarks;

/// <summary>Measures what the consumers of one phase see: how many arrived and their lag.</summary>
public sealed class LagProbe
{
    private readonly object _gate = new();
    private string _phase = string.Empty;
    private long _expected;
    private long _received;
    private LongConcurrentHistogram _lagMicroseconds = NewHistogram();
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Begin(string phase, long expected)
    {
        lock (_gate)
        {
            _phase = phase;
            _expected = expected;
            Interlocked.Exchange(ref _received, 0);
            _lagMicroseconds = NewHistogram();
            _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _done.Task;
        }
    }

    public void Record(ForumCreated message)
    {
        if (message.Scope != _phase)
        {
            return;
        }

        var lag = DateTimeOffset.UtcNow - message.OccurredAt;
        _lagMicroseconds.RecordValue(Math.Clamp((long)lag.TotalMicroseconds, 1, 600_000_000));
        if (Interlocked.Increment(ref _received) == _expected)
        {
            _done.TrySetResult();
        }
    }

    public (double P50Ms, double P99Ms, double MaxMs) Lag() =>
        (_lagMicroseconds.GetValueAtPercentile(50) / 1000.0, _lagMicroseconds.GetValueAtPercentile(99) / 1000.0, _lagMicroseconds.GetMaxValue() / 1000.0);

    private static LongConcurrentHistogram NewHistogram() => new(1, 600_000_000, 3);
}

/// <summary>A consumer with the inbox, as every service's consumers have, that reports to the probe.</summary>
public sealed class ProbeConsumer(InboxServices inbox, LagProbe probe)
    : InboxConsumer<ForumCreated>(inbox)
{
    protected override Task HandleAsync(InboxContext<ForumCreated> context)
    {
        probe.Record(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Relay throughput and lag with PostgreSQL fsync on: events/s from commit to consumer effect (baseline: the same
/// events published straight to the bus, no outbox), and lag p50/p99 at fixed open-loop rates.
/// </summary>
public static class RelayBenchmark
{
    private const int ThroughputEvents = 10_000;
    private const int Writers = 8;
    private static readonly TimeSpan RatePhase = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(BenchmarkInfrastructure infrastructure, BenchmarkReport report)
    {
        var database = await infrastructure.CreateDatabaseAsync($"bench_relay_{Guid.NewGuid():N}"[..24]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:benchdb"] = database,
            ["ConnectionStrings:messaging"] = infrastructure.BrokerConnectionString,
        });
        builder.Configuration.AddEnvironmentVariables(); // Messaging__InboxWriters=2, say, to compare settings
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Error);
        builder.Services.AddSingleton<LagProbe>();
        builder.AddPlatformMessaging("bench-relay", "benchdb", typeof(RelayBenchmark).Assembly, bus => bus.AddConsumer<ProbeConsumer>());
        using var host = builder.Build();
        await host.StartAsync();
        var probe = host.Services.GetRequiredService<LagProbe>();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var outbox = host.Services.GetRequiredService<Platform.Messaging.Outbox.Outbox>();
        var bus = host.Services.GetRequiredService<IBus>();
        await WaitForBusAsync(host.Services);

        await WarmUpAsync(probe, dataSource, outbox, bus);

        Console.WriteLine("relay: baseline (direct publish, no outbox)");
        var direct = await MaxThroughputAsync(probe, "direct", ThroughputEvents, e => bus.Publish(e, c => c.MessageId = e.EventId));
        Console.WriteLine("relay: outbox throughput");
        var relayed = await MaxThroughputAsync(probe, "outbox", ThroughputEvents, e => CommitAsync(dataSource, outbox, e));
        report.Add(new("relay", $"commit -> consumer, events/s ({Writers} writers, {ThroughputEvents:N0} events)",
            BenchmarkReport.Number(relayed), $"{BenchmarkReport.Number(direct)} direct publish", BenchmarkReport.Number(relayed / direct, "N2"),
            ">= 3,000/s", relayed >= 3000 ? "met" : "missed"));

        Console.WriteLine("relay: one transaction of 10,000 events (an import)");
        var bulk = await OneTransactionAsync(probe, dataSource, outbox);
        report.Add(new("relay", $"commit -> consumer, events/s ({ThroughputEvents:N0} events committed in one transaction, as an import does)",
            BenchmarkReport.Number(bulk), $"{BenchmarkReport.Number(direct)} direct publish", BenchmarkReport.Number(bulk / direct, "N2"), "-", "-"));

        Console.WriteLine("relay: the writers' commits alone (same rows into a table nobody relays)");
        var commitsAlone = await CommitsAloneAsync(dataSource);
        report.Add(new("relay", $"the writers' commits alone, events/s ({Writers} writers, nothing relayed or consumed)",
            BenchmarkReport.Number(commitsAlone), "-", "-", "-", "-"));

        foreach (var rate in new[] { 100, 500, 2000 })
        {
            Console.WriteLine($"relay: open loop at {rate}/s");
            var (achieved, p50, p99, max) = await FixedRateAsync(probe, rate, dataSource, outbox);
            var target = rate == 500 ? "p99 <= 100 ms" : "-";
            var verdict = rate == 500 ? (p99 <= 100 ? "met" : "missed") : "-";
            report.Add(new("relay", $"lag at {rate}/s (achieved {BenchmarkReport.Number(achieved)}/s)",
                $"p50 {p50:N1} ms, p99 {p99:N1} ms, max {max:N1} ms", "-", "-", target, verdict));
        }

        await host.StopAsync();
    }

    /// <summary>
    /// Both paths until the JIT has settled: MassTransit, RabbitMQ.Client and Npgsql are re-compiled by tiered
    /// compilation for the first tens of thousands of messages, which took up to 40 % of the process's CPU in the
    /// measured phases after a single 2,000-event warm-up. Rounds of 2,000 events each way run until the JIT's time
    /// in a round is under 5 % of the round (at most 15 rounds); the figures are then those of warm code.
    /// </summary>
    private static async Task WarmUpAsync(LagProbe probe, NpgsqlDataSource dataSource, Platform.Messaging.Outbox.Outbox outbox, IBus bus)
    {
        for (var round = 1; round <= 15; round++)
        {
            var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
            var clock = Stopwatch.StartNew();
            await MaxThroughputAsync(probe, $"warm-up-{round}", 2_000, e => CommitAsync(dataSource, outbox, e));
            await MaxThroughputAsync(probe, $"warm-up-direct-{round}", 2_000, e => bus.Publish(e, c => c.MessageId = e.EventId));
            var jit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
            Console.WriteLine($"relay: warm-up round {round}: {clock.Elapsed.TotalSeconds:N1} s, of it JIT {jit.TotalSeconds:N1} s");
            if (round >= 2 && jit < clock.Elapsed * 0.05)
            {
                return;
            }
        }
    }

    private static async Task WaitForBusAsync(IServiceProvider services)
    {
        var health = services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();
        var started = Stopwatch.StartNew();
        while ((await health.CheckHealthAsync(c => c.Tags.Contains("masstransit"))).Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
        {
            if (started.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The bus did not become ready.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task CommitAsync(NpgsqlDataSource dataSource, Platform.Messaging.Outbox.Outbox outbox, ForumCreated @event)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await outbox.EnqueueAsync(transaction, @event);
        await outbox.CommitAsync(transaction);
    }

    /// <summary>What the relay and the consumer sustain when commits are not the limit: from one commit to the last effect.</summary>
    private static async Task<double> OneTransactionAsync(LagProbe probe, NpgsqlDataSource dataSource, Platform.Messaging.Outbox.Outbox outbox)
    {
        var events = Enumerable.Range(0, ThroughputEvents).Select(_ => NewEvent("one-transaction", DateTimeOffset.UtcNow)).ToList();
        var done = probe.Begin("one-transaction", ThroughputEvents);
        var clock = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await outbox.EnqueueAsync(transaction, events);
            await outbox.CommitAsync(transaction);
        }

        await done.WaitAsync(TimeSpan.FromMinutes(5));
        return ThroughputEvents / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// What the writers' own transactions cost: each commits one row like an outbox row into a copy of the pending table
    /// that no relay reads, so the rate is the ceiling of commit -> consumer on this machine.
    /// </summary>
    private static async Task<double> CommitsAloneAsync(NpgsqlDataSource dataSource)
    {
        await using (var create = dataSource.CreateCommand("CREATE TABLE commits_alone (LIKE outbox_pending INCLUDING ALL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        await RunWritersAsync(ThroughputEvents, async () =>
        {
            var @event = NewEvent("commits-alone", DateTimeOffset.UtcNow);
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO commits_alone (event_id, message_type, payload, occurred_at) VALUES ($1, $2, $3::jsonb, $4)", connection, transaction)
            {
                Parameters =
                {
                    new() { Value = @event.EventId },
                    new() { Value = typeof(ForumCreated).FullName! },
                    new() { Value = System.Text.Json.JsonSerializer.Serialize(@event) },
                    new() { Value = @event.OccurredAt },
                },
            };
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });
        return ThroughputEvents / clock.Elapsed.TotalSeconds;
    }

    private static ForumCreated NewEvent(string phase, DateTimeOffset occurredAt) =>
        new() { ForumId = Guid.NewGuid(), Name = "benchmark", Scope = phase, OccurredAt = occurredAt };

    /// <summary>Closed loop: writers send as fast as they can; events/s from the first send to the last consumption.</summary>
    private static async Task<double> MaxThroughputAsync(LagProbe probe, string phase, int count, Func<ForumCreated, Task> send)
    {
        var done = probe.Begin(phase, count);
        var clock = Stopwatch.StartNew();
        await RunWritersAsync(count, () => send(NewEvent(phase, DateTimeOffset.UtcNow)));
        await done.WaitAsync(TimeSpan.FromMinutes(5));
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The <see cref="Writers"/> run <paramref name="send"/> as fast as they can, <paramref name="count"/> times in all.</summary>
    private static async Task RunWritersAsync(int count, Func<Task> send)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                await send();
            }
        }));
    }

    /// <summary>
    /// Open loop: event i is due at start + i/rate and carries that time as OccurredAt, so a slow commit shows as lag
    /// instead of silently lowering the rate (no coordinated omission).
    /// </summary>
    private static async Task<(double Achieved, double P50, double P99, double Max)> FixedRateAsync(
        LagProbe probe, int rate, NpgsqlDataSource dataSource, Platform.Messaging.Outbox.Outbox outbox)
    {
        var phase = $"rate-{rate}-{Guid.NewGuid():N}";
        var count = (int)(rate * RatePhase.TotalSeconds);
        var done = probe.Begin(phase, count);
        using var writers = new SemaphoreSlim(Writers * 4);
        var start = DateTimeOffset.UtcNow;
        var sendSeconds = await OpenLoop.ScheduleAsync(rate, count, async (_, due) =>
        {
            await writers.WaitAsync();
            try
            {
                await CommitAsync(dataSource, outbox, NewEvent(phase, start + due));
            }
            finally
            {
                writers.Release();
            }
        });
        await done.WaitAsync(TimeSpan.FromMinutes(5));
        var (p50, p99, max) = probe.Lag();
        return (count / sendSeconds, p50, p99, max);
    }
}
