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

        Console.WriteLine("relay: warm-up");
        await MaxThroughputAsync(probe, "warm-up", 2_000, e => CommitAsync(dataSource, outbox, e));

        Console.WriteLine("relay: baseline (direct publish, no outbox)");
        var direct = await MaxThroughputAsync(probe, "direct", ThroughputEvents, e => bus.Publish(e, c => c.MessageId = e.EventId));
        Console.WriteLine("relay: outbox throughput");
        var relayed = await MaxThroughputAsync(probe, "outbox", ThroughputEvents, e => CommitAsync(dataSource, outbox, e));
        report.Add(new("relay", $"commit -> consumer, events/s ({Writers} writers, {ThroughputEvents:N0} events)",
            BenchmarkReport.Number(relayed), $"{BenchmarkReport.Number(direct)} direct publish", BenchmarkReport.Number(relayed / direct, "N2"),
            ">= 3,000/s", relayed >= 3000 ? "met" : "missed"));

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

    private static ForumCreated NewEvent(string phase, DateTimeOffset occurredAt) =>
        new() { ForumId = Guid.NewGuid(), Name = "benchmark", Scope = phase, OccurredAt = occurredAt };

    /// <summary>Closed loop: writers send as fast as they can; events/s from the first send to the last consumption.</summary>
    private static async Task<double> MaxThroughputAsync(LagProbe probe, string phase, int count, Func<ForumCreated, Task> send)
    {
        var done = probe.Begin(phase, count);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                await send(NewEvent(phase, DateTimeOffset.UtcNow));
            }
        }));
        await done.WaitAsync(TimeSpan.FromMinutes(5));
        return count / clock.Elapsed.TotalSeconds;
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
