using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Platform.Benchmarks;

/// <summary>
/// What the whole platform spends per accepted need, and how that grows with the data. With the dashboard receiving
/// telemetry, as the platform starts for development: needs sent through the gateway at a steady 100/s for 60 s
/// (open loop, after warm-up rounds until no service re-compiles), with clustering, reporting, the links back to
/// needs-intake, the relay and RabbitMQ included; the CPU of every platform process during the window (until the last
/// need is in reporting's read model), per accepted need, by part, the dashboard and DCP apart. Also the submission's
/// p99 and the event lag to reporting at that rate, the highest rate with a p99 under 200 ms, and the similar-need
/// lookup. All of it with 10,000 needs stored and again with 1,000,000 (bulk-loaded, <see cref="StoredNeedsLoader"/>).
/// Baselines in the same run: a bare Kestrel endpoint doing one INSERT, and one-row transactions committed alone.
/// </summary>
public static class CostBenchmark
{
    private const int Rate = 100;
    private const int LookupRate = 50;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);
    private static readonly int[] Rates = [100, 150, 200, 250, 300, 400, 500];

    private sealed record Window(Dictionary<string, TimeSpan> Cpu, long Accepted, LatencyFigures Submission, double LagP50, double LagP99)
    {
        public double PlatformMsPerNeed => PlatformProcesses.Platform.Sum(part => Cpu.GetValueOrDefault(part).TotalMilliseconds) / Accepted;

        public double MsPerNeed(string part) => Cpu.GetValueOrDefault(part).TotalMilliseconds / Accepted;
    }

    public static async Task RunAsync(BenchmarkReport report)
    {
        await using var platform = await BenchmarkPlatform.StartAsync(dashboard: true);
        using var registry = await platform.ClientAsync("actor-registry");
        var lulea = (await registry.GetFromJsonAsync<JsonElement>("/api/actors?kind=municipality&municipality=2580")).GetProperty("items")[0].GetProperty("id").GetGuid();
        using var gateway = await platform.ClientAsync("gateway", "actor", lulea);
        using var lookupClient = await platform.ClientAsync("gateway");
        var next = 0;
        var submitted = new System.Collections.Concurrent.ConcurrentDictionary<int, Guid>();
        async Task<bool> SubmitAsync(int i, string run)
        {
            var index = Interlocked.Increment(ref next);
            var (template, title, description, _) = NeedTexts.Generate(index);
            using var response = await gateway.PostAsJsonAsync("/api/needs", new
            {
                title = $"{title} {run}", description, theme = template.Theme, municipalityCodes = new[] { "2580" }, urgency = "medium",
            });
            if (response.Headers.Location is { } location && Guid.TryParse(location.OriginalString.Split('/')[^1], out var id))
            {
                submitted[index] = id;
            }

            return response.IsSuccessStatusCode;
        }

        // The last needs sent are in clustering's and reporting's tables: the path has done its work (primary-key look-ups,
        // where counting every consumed message while measuring would be PostgreSQL work of its own in the window).
        async Task DrainedAsync()
        {
            var last = submitted.OrderByDescending(entry => entry.Key).Take(20).Select(entry => entry.Value).ToArray();
            var started = System.Diagnostics.Stopwatch.StartNew();
            while (started.Elapsed < TimeSpan.FromMinutes(5)
                && (await CountIdsAsync(platform, "challengesdb", "needs", last) < last.Length || await CountIdsAsync(platform, "reportingdb", "rm_needs", last) < last.Length))
            {
                await Task.Delay(200);
            }
        }

        await StoredNeedsLoader.LoadAsync(platform, 0, 10_000, lulea);
        await ServiceProcess.WarmUpAsync(StartupBenchmark.Services, "cost", TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(4),
            duration => OpenLoop.RunAsync(Rate, duration, i => SubmitAsync(i, "warm-up")));
        await platform.WaitUntilNeedsConsumedAsync(TimeSpan.FromMinutes(5));

        var small = await MeasureAsync(platform, SubmitAsync, DrainedAsync);
        var smallLookup = await LookupAsync(lookupClient);
        var smallStored = await platform.CountAsync("needsdb", "SELECT count(*) FROM needs");
        AddWindow(report, small, $"{smallStored:N0} needs stored");
        await AddBaselinesAsync(platform, report, small);
        await AddHighestRateAsync(platform, report, SubmitAsync);

        await StoredNeedsLoader.LoadAsync(platform, 10_000, 990_000, lulea);
        await WaitForLexemeStatisticsAsync(platform);
        // The services meet the grown tables (and clustering its grown challenges) once before they are measured.
        await ServiceProcess.WarmUpAsync(StartupBenchmark.Services, "cost", TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2),
            duration => OpenLoop.RunAsync(Rate, duration, i => SubmitAsync(i, "warm-up")));
        await platform.WaitUntilNeedsConsumedAsync(TimeSpan.FromMinutes(5));
        var large = await MeasureAsync(platform, SubmitAsync, DrainedAsync);
        var largeLookup = await LookupAsync(lookupClient);
        var largeStored = await platform.CountAsync("needsdb", "SELECT count(*) FROM needs");
        AddWindow(report, large, $"{largeStored:N0} needs stored");

        var cpuGrowth = large.PlatformMsPerNeed / small.PlatformMsPerNeed;
        report.Add(new("cost", $"platform CPU per accepted need at 100/s, {largeStored:N0} needs stored", $"{large.PlatformMsPerNeed:N2} ms",
            $"{small.PlatformMsPerNeed:N2} ms at {smallStored:N0}", BenchmarkReport.Number(cpuGrowth, "N2"), "ratio <= 1.5", cpuGrowth <= 1.5 ? "met" : "missed"));
        var lookupGrowth = largeLookup.Latency.P99Ms / smallLookup.Latency.P99Ms;
        report.Add(new("cost", $"similar-need lookup through the gateway at {LookupRate}/s, {largeStored:N0} needs stored ({largeLookup.Latency.Errors} errors)",
            $"p50 {largeLookup.Latency.P50Ms:N1} ms, p99 {largeLookup.Latency.P99Ms:N1} ms", $"p50 {smallLookup.Latency.P50Ms:N1} ms, p99 {smallLookup.Latency.P99Ms:N1} ms at {smallStored:N0}",
            BenchmarkReport.Number(lookupGrowth, "N2"), "p99 ratio <= 1.5", lookupGrowth <= 1.5 && largeLookup.Latency.Errors == 0 ? "met" : "missed"));
        report.Add(new("cost", $"similar-need lookup: CPU per lookup, {largeStored:N0} needs stored (PostgreSQL; needs-intake)",
            $"{largeLookup.PostgreSqlMs:N2} ms; {largeLookup.NeedsIntakeMs:N2} ms", $"{smallLookup.PostgreSqlMs:N2} ms; {smallLookup.NeedsIntakeMs:N2} ms at {smallStored:N0}",
            BenchmarkReport.Number(largeLookup.PostgreSqlMs / smallLookup.PostgreSqlMs, "N2"), "printed", "-"));
    }

    /// <summary>Needs at 100/s for the window; the CPU until reporting has every one of them (the whole path's work).</summary>
    private static async Task<Window> MeasureAsync(BenchmarkPlatform platform, Func<int, string, Task<bool>> submit, Func<Task> drained)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        Console.WriteLine($"cost: {Rate} needs/s through the gateway for {Duration.TotalSeconds:N0} s");
        var statements = await StatementStatistics.ResetAsync(platform);
        var before = PlatformProcesses.Read();
        var submission = await OpenLoop.RunAsync(Rate, Duration, i => submit(i, run));
        await drained();
        var cpu = PlatformProcesses.Since(before);
        if (statements)
        {
            await StatementStatistics.PrintAsync(platform, 25);
        }

        await platform.WaitUntilNeedsConsumedAsync(TimeSpan.FromMinutes(5));
        var (accepted, p50, p99) = await EventLagBenchmark.LagAsync(await platform.ConnectionStringAsync("reportingdb"), run);
        return new Window(cpu, accepted, submission, p50, p99);
    }

    private static void AddWindow(BenchmarkReport report, Window window, string stored)
    {
        var parts = string.Join(", ", PlatformProcesses.Platform.Select(part => $"{part} {window.MsPerNeed(part):N2}"));
        report.Add(new("cost", $"platform CPU per accepted need at {Rate}/s for {Duration.TotalSeconds:N0} s, {stored} ({window.Accepted:N0} accepted, {window.Submission.Errors} refused); by part, ms",
            $"{window.PlatformMsPerNeed:N2} ms ({parts})", "-", "-", "<= 4 ms", window.PlatformMsPerNeed <= 4 ? "met" : "missed"));
        var dashboard = window.MsPerNeed(PlatformProcesses.Dashboard);
        report.Add(new("cost", $"apart, not counted, per accepted need, {stored}: the dashboard; DCP; this process (load generator and AppHost)",
            $"dashboard {dashboard:N2} ms, DCP {window.MsPerNeed(PlatformProcesses.Orchestrator):N2} ms, this process {window.MsPerNeed(PlatformProcesses.ThisProcess):N2} ms",
            "dashboard 4.5 ms (measured before)", BenchmarkReport.Number(dashboard / 4.5, "N2"), "dashboard <= 2.25 ms", dashboard <= 2.25 ? "met" : "missed"));
        report.Add(new("cost", $"submission through the gateway at {Rate}/s, {stored}", $"p50 {window.Submission.P50Ms:N1} ms, p99 {window.Submission.P99Ms:N1} ms",
            "-", "-", "p99 <= 50 ms", window.Submission.P99Ms <= 50 && window.Submission.Errors == 0 ? "met" : "missed"));
        report.Add(new("cost", $"need accepted -> in reporting's read model at {Rate}/s, {stored}", $"p50 {window.LagP50:N1} ms, p99 {window.LagP99:N1} ms",
            $"submission p50 {window.Submission.P50Ms:N1} ms", BenchmarkReport.Number(window.LagP50 / window.Submission.P50Ms, "N2"), "p99 <= 200 ms",
            window.LagP99 <= 200 ? "met" : "missed"));
    }

    /// <summary>
    /// The floor under the figures: a bare Kestrel endpoint doing one INSERT of the same body into needs-intake's
    /// database at the same rate, and one-row transactions committed alone (what PostgreSQL spends on a commit).
    /// The bare endpoint runs in this process, so its figure is this process's CPU less its share in the platform's
    /// window (the load generator's).
    /// </summary>
    private static async Task AddBaselinesAsync(BenchmarkPlatform platform, BenchmarkReport report, Window platformWindow)
    {
        var needsDb = await platform.ConnectionStringAsync("needsdb");
        await using var bare = await IntakeBenchmark.BareInsertEndpoint.StartAsync(needsDb);
        object Body(int i) => new { title = $"Behov {i}", description = NeedTexts.Generate(i).Description, theme = "housing", municipalityCodes = new[] { "2580" } };
        await OpenLoop.RunAsync(Rate, TimeSpan.FromSeconds(10), i => bare.PostAsync(Body(i)));
        var before = PlatformProcesses.Read();
        var figures = await OpenLoop.RunAsync(Rate, TimeSpan.FromSeconds(30), i => bare.PostAsync(Body(i)));
        var cpu = PlatformProcesses.Since(before);
        var requests = Rate * 30 - figures.Errors;
        var server = (cpu[PlatformProcesses.ThisProcess].TotalMilliseconds / requests) - platformWindow.MsPerNeed(PlatformProcesses.ThisProcess);
        var database = cpu[PlatformProcesses.PostgreSql].TotalMilliseconds / requests;
        report.Add(new("cost", $"baseline: bare Kestrel endpoint doing one INSERT at {Rate}/s: CPU per request (the endpoint; PostgreSQL)",
            $"{server + database:N2} ms ({server:N2}; {database:N2})", "-", BenchmarkReport.Number(platformWindow.PlatformMsPerNeed / (server + database), "N1") + " x in the platform",
            "printed", "-"));

        await using var connection = new NpgsqlConnection(needsDb);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS benchmark_commits (id bigint PRIMARY KEY, at timestamptz NOT NULL)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var commits = 3_000;
        before = PlatformProcesses.Read();
        var first = Environment.TickCount64 * 1_000;
        for (var i = 0; i < commits; i++)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO benchmark_commits (id, at) VALUES ($1, now())", connection) { Parameters = { new() { Value = first + i } } };
            await insert.ExecuteNonQueryAsync();
        }

        var commitMs = PlatformProcesses.Since(before)[PlatformProcesses.PostgreSql].TotalMilliseconds / commits;
        report.Add(new("cost", "baseline: one-row transactions committed alone: PostgreSQL's CPU per commit", $"{commitMs:N3} ms", "-",
            BenchmarkReport.Number(platformWindow.MsPerNeed(PlatformProcesses.PostgreSql) / commitMs, "N1") + " commits' worth per need in the platform", "printed", "-"));
    }

    /// <summary>Rates in steps of 15 s through the gateway, each from a settled platform; the highest whose p99 stays under 200 ms.</summary>
    private static async Task AddHighestRateAsync(BenchmarkPlatform platform, BenchmarkReport report, Func<int, string, Task<bool>> submit)
    {
        var highest = (Rate: 0, Figures: (LatencyFigures?)null);
        var steps = new List<string>();
        foreach (var rate in Rates)
        {
            await platform.WaitUntilNeedsConsumedAsync(TimeSpan.FromMinutes(5));
            var run = Guid.NewGuid().ToString("N")[..8];
            Console.WriteLine($"cost: {rate} needs/s through the gateway for {Step.TotalSeconds:N0} s");
            var figures = await OpenLoop.RunAsync(rate, Step, i => submit(i, run));
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"{rate}/s p99 {figures.P99Ms:N0} ms"));
            if (figures.P99Ms >= 200 || figures.Errors > 0)
            {
                break;
            }

            highest = (rate, figures);
        }

        report.Add(new("cost", "highest rate through the gateway with submission p99 under 200 ms (steps of 15 s)",
            highest.Rate > 0 ? $"{highest.Rate}/s" : "none", string.Join(", ", steps), "-", "printed", "-"));
        await platform.WaitUntilNeedsConsumedAsync(TimeSpan.FromMinutes(10));
    }

    /// <summary>The lookup's latency at <see cref="LookupRate"/>, and what each lookup cost PostgreSQL and needs-intake (ms of CPU).</summary>
    private static async Task<(LatencyFigures Latency, double PostgreSqlMs, double NeedsIntakeMs)> LookupAsync(HttpClient client)
    {
        await OpenLoop.RunAsync(LookupRate, TimeSpan.FromSeconds(5), i => SimilarAsync(client, 5_000_000 + i));
        var before = PlatformProcesses.Read();
        var latency = await OpenLoop.RunAsync(LookupRate, Step, i => SimilarAsync(client, 6_000_000 + i));
        var cpu = PlatformProcesses.Since(before);
        var lookups = LookupRate * Step.TotalSeconds;
        return (latency, cpu.GetValueOrDefault(PlatformProcesses.PostgreSql).TotalMilliseconds / lookups, cpu.GetValueOrDefault("NeedsIntake").TotalMilliseconds / lookups);
    }

    private static async Task<bool> SimilarAsync(HttpClient client, int index)
    {
        var (_, title, description, _) = NeedTexts.Generate(index);
        using var response = await client.PostAsJsonAsync("/api/needs/similar", new { title, description });
        return response.IsSuccessStatusCode;
    }

    private static async Task<long> CountIdsAsync(BenchmarkPlatform platform, string database, string table, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE id = ANY ($1)", connection) { Parameters = { new() { Value = ids } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>needs-intake counts stems again in the background once the needs have grown by a tenth; the lookup is measured with current counts.</summary>
    private static async Task WaitForLexemeStatisticsAsync(BenchmarkPlatform platform)
    {
        while (await platform.CountAsync("needsdb", "SELECT ((SELECT needs FROM need_lexeme_totals) * 1.1 >= (SELECT count(*) FROM needs))::int::bigint") == 0)
        {
            await Task.Delay(500);
        }
    }
}
