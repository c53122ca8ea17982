using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Platform.Benchmarks;

/// <summary>
/// Event lag on the whole platform: needs submitted through the gateway at 20, 100 and 500/s (open loop, 15 s each), and
/// for each accepted need the time from its acceptance (the event's <c>OccurredAt</c>) to reporting recording it
/// (<c>event_log.received_at</c>, in the consumer's transaction), p50/p99. Targets at 500/s: p50 at most 20 ms,
/// p99 at most 200 ms. Baseline, same run: the submission's own latency through the gateway.
/// </summary>
public static class EventLagBenchmark
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(15);
    private const int WarmUpRate = 20;

    public static async Task RunAsync(BenchmarkPlatform platform, BenchmarkReport report)
    {
        using var registry = await platform.ClientAsync("actor-registry");
        var lulea = (await registry.GetFromJsonAsync<JsonElement>("/api/actors?kind=municipality&municipality=2580")).GetProperty("items")[0].GetProperty("id").GetGuid();
        using var gateway = await platform.ClientAsync("gateway", "actor", lulea);
        var reportingDb = await platform.ConnectionStringAsync("reportingdb");

        Task<bool> SubmitAsync(int i, string run) => SubmitNeedAsync(gateway, i, run);

        // Steady state: every service on the path warm, not re-compiling while it is measured.
        await ServiceProcess.WarmUpAsync(StartupBenchmark.Services, "lag", TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(3),
            duration => OpenLoop.RunAsync(WarmUpRate, duration, i => SubmitAsync(i, "warm-up")));
        await platform.WaitUntilNeedsConsumedAsync(TimeSpan.FromMinutes(5));

        foreach (var rate in new[] { 20, 100, 500 })
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            Console.WriteLine($"lag: {rate} needs/s through the gateway for {Phase.TotalSeconds:N0} s");
            var submitted = await OpenLoop.RunAsync(rate, Phase, i => SubmitAsync(i, run));

            var (count, p50, p99) = await LagAsync(reportingDb, run);
            var met = rate == 500 ? (p50 <= 20 && p99 <= 200 ? "met" : "missed") : "-";
            report.Add(new("lag", $"need accepted -> in reporting's read model at {rate}/s offered ({submitted.AchievedPerSecond:N0}/s sent, {count:N0} accepted, {submitted.Errors:N0} refused)",
                $"p50 {p50:N1} ms, p99 {p99:N1} ms", $"submission through the gateway: p50 {submitted.P50Ms:N1} ms, p99 {submitted.P99Ms:N1} ms",
                BenchmarkReport.Number(p50 / submitted.P50Ms, "N2"), rate == 500 ? "p50 <= 20 ms, p99 <= 200 ms" : "-", met));
        }
    }

    /// <summary>A generated need, its title ending in the run's tag, submitted through the gateway; whether it was accepted.</summary>
    internal static async Task<bool> SubmitNeedAsync(HttpClient gateway, int i, string run)
    {
        var (template, title, description, _) = NeedTexts.Generate(i);
        using var response = await gateway.PostAsJsonAsync("/api/needs", new
        {
            title = $"{title} {run}",
            description,
            theme = template.Theme,
            municipalityCodes = new[] { "2580" },
            urgency = "medium",
        });
        return response.IsSuccessStatusCode;
    }

    /// <summary>Waits until reporting has every need of the run (no new ones for 5 s), then reads the lag percentiles.</summary>
    internal static async Task<(long Count, double P50, double P99)> LagAsync(string connectionString, string run)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        const string filter = "message_type LIKE '%.NeedSubmitted' AND payload->>'title' LIKE '% ' || $1";
        long previous = -1;
        for (var stable = 0; stable < 5;)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM event_log WHERE {filter}", connection) { Parameters = { new() { Value = run } } };
            var now = (long)(await count.ExecuteScalarAsync())!;
            stable = now == previous ? stable + 1 : 0;
            previous = now;
        }

        await using var lag = new NpgsqlCommand($"""
            SELECT count(*),
                   coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - occurred_at)), 0) * 1000,
                   coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - occurred_at)), 0) * 1000
            FROM event_log WHERE {filter}
            """, connection) { Parameters = { new() { Value = run } } };
        await using var reader = await lag.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture));
    }
}
