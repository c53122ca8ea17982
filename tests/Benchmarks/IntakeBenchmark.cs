using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Benchmarks;

/// <summary>
/// Needs intake on the whole platform (PostgreSQL fsync on): accepted needs/s at 32 connections, direct to the service
/// and through the gateway, against a bare Kestrel endpoint doing one INSERT into the same database; latency at
/// 25/50/80% of the gateway's maximum through the gateway, and at half the direct maximum direct; the similar-need
/// lookup among 100,000 needs. Targets: >= 1,500/s and ratio >= 0.5; p99 <= 50 ms at half the maximum, direct;
/// lookup p99 <= 30 ms. Challenge tracking is stopped meanwhile, so the figures are needs-intake's (and the gateway's)
/// and not those of clustering every need.
/// </summary>
public static class IntakeBenchmark
{
    private const int Connections = 32;
    private const int Needs = 100_000;
    private const int LookupRate = 50;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(BenchmarkPlatform platform, BenchmarkReport report)
    {
        using var needs = await platform.ClientAsync("needs-intake");
        using var gateway = await platform.ClientAsync("gateway");
        using var registry = await platform.ClientAsync("actor-registry");
        var municipalities = (await registry.GetFromJsonAsync<JsonElement>("/api/actors?kind=municipality&pageSize=100")).GetProperty("items")
            .EnumerateArray().Select(actor => actor.GetProperty("id").GetGuid()).ToArray();
        await WaitForReplicaAsync(needs, municipalities[0]);

        // needs-intake's own figures: the service that clusters every submitted need shares these two cores, so it is
        // stopped for this scenario and its events wait in RabbitMQ (the whole-system cost is the event-lag scenario's).
        await platform.App.ResourceCommands.ExecuteCommandAsync("challenge-tracking", "resource-stop");

        var needsDb = await platform.ConnectionStringAsync("needsdb");
        await using var baseline = await BareInsertEndpoint.StartAsync(needsDb);

        Console.WriteLine($"intake: warm-up, then {Connections} connections for {Phase.TotalSeconds:N0} s, bare INSERT endpoint");
        await ClosedLoop.RunAsync(Connections, TimeSpan.FromSeconds(5), i => baseline.PostAsync(Body(i, municipalities)));
        var bare = await ClosedLoop.RunAsync(Connections, Phase, i => baseline.PostAsync(Body(i, municipalities)));

        Console.WriteLine($"intake: warm-up, then {Connections} connections for {Phase.TotalSeconds:N0} s, POST /api/needs direct");
        await ServiceProcess.WarmUpAsync(["NeedsIntake"], "intake", TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(3),
            duration => ClosedLoop.RunAsync(Connections, duration, i => SubmitAsync(needs, i, municipalities)));
        var direct = await ClosedLoop.RunAsync(Connections, Phase, i => SubmitAsync(needs, i, municipalities));
        AddMaximum(report, "direct", direct, bare);
        // needs-intake's own target: p99 at half its maximum, direct.
        await AddLatencyAsync(platform, report, needs, "direct", direct.AchievedPerSecond, 0.5, 1_000_000, municipalities);

        await platform.WaitUntilNeedsConsumedAsync(TimeSpan.FromMinutes(5), clustering: false);
        Console.WriteLine($"intake: warm-up, then {Connections} connections for {Phase.TotalSeconds:N0} s, POST /api/needs through the gateway");
        await ServiceProcess.WarmUpAsync(["NeedsIntake", "Gateway"], "intake", TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(3),
            duration => ClosedLoop.RunAsync(Connections, duration, i => SubmitAsync(gateway, 7_000_000 + i, municipalities)));
        var throughGateway = await ClosedLoop.RunAsync(Connections, Phase, i => SubmitAsync(gateway, 8_000_000 + i, municipalities));
        AddMaximum(report, "through the gateway", throughGateway, bare);
        foreach (var (share, first) in new[] { (0.25, 9_000_000), (0.5, 10_000_000), (0.8, 11_000_000) })
        {
            await AddLatencyAsync(platform, report, gateway, "through the gateway", throughGateway.AchievedPerSecond, share, first, municipalities);
        }

        var stored = await platform.CountAsync("needsdb", "SELECT count(*) FROM needs");
        Console.WriteLine($"intake: importing up to {Needs:N0} needs ({stored:N0} stored)");
        for (var from = (int)stored; from < Needs; from += 10_000)
        {
            using var content = new StringContent(Csv(from, Math.Min(10_000, Needs - from), municipalities), Encoding.UTF8, "text/csv");
            using var imported = await needs.PostAsync("/api/needs/import", content);
            imported.EnsureSuccessStatusCode();
        }

        // Measure the lookup, not the relay still publishing the imported needs' events, and with the stem counts
        // the service makes in the background once the needs have grown (it counts again when they grew by a tenth,
        // Needs:LexemeStatistics:RefreshOnGrowth, so counts made at 91,000 needs are current for 100,000).
        await using (var connection = new NpgsqlConnection(needsDb))
        {
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE needs", connection);
            await analyze.ExecuteNonQueryAsync();
            await using var settled = new NpgsqlCommand(
                "SELECT (SELECT count(*) FROM outbox_pending) = 0 AND (SELECT needs FROM need_lexeme_totals) * 1.1 >= (SELECT count(*) FROM needs)", connection);
            while (!(bool)(await settled.ExecuteScalarAsync())!)
            {
                await Task.Delay(500);
            }
        }

        // Nor reporting still projecting the imported needs' events on the same cores.
        await platform.WaitUntilNeedsConsumedAsync(TimeSpan.FromMinutes(10), clustering: false);
        stored = await platform.CountAsync("needsdb", "SELECT count(*) FROM needs");
        Console.WriteLine($"intake: similar-need lookup among {stored:N0} needs at {LookupRate}/s");
        await OpenLoop.RunAsync(LookupRate, TimeSpan.FromSeconds(5), i => LookupAsync(needs, 2_000_000 + i));
        var lookup = await OpenLoop.RunAsync(LookupRate, Phase, i => LookupAsync(needs, 3_000_000 + i));
        report.Add(new("needs intake", $"similar-need lookup among {stored:N0} needs, {LookupRate}/s (achieved {BenchmarkReport.Number(lookup.AchievedPerSecond)}/s, {lookup.Errors} errors)",
            $"p50 {lookup.P50Ms:N1} ms, p99 {lookup.P99Ms:N1} ms, max {lookup.MaxMs:N1} ms", "-", "-", "p99 <= 30 ms",
            lookup.P99Ms <= 30 && lookup.Errors == 0 ? "met" : "missed"));
    }

    /// <summary>Latency at a share of a maximum, open loop, from a settled platform (reporting has projected every need before).</summary>
    private static async Task AddLatencyAsync(
        BenchmarkPlatform platform, BenchmarkReport report, HttpClient client, string path, double maximum, double share, int firstIndex, Guid[] municipalities)
    {
        var rate = Math.Max(1, (int)(maximum * share));
        await platform.WaitUntilNeedsConsumedAsync(TimeSpan.FromMinutes(5), clustering: false);
        Console.WriteLine($"intake: {rate}/s open loop {path} ({share:P0} of its maximum)");
        var figures = await OpenLoop.RunAsync(rate, Phase, i => SubmitAsync(client, firstIndex + i, municipalities));
        var targeted = path == "direct" && share == 0.5;
        report.Add(new("needs intake", $"{share:P0} of max {path}: {rate}/s (achieved {BenchmarkReport.Number(figures.AchievedPerSecond)}/s, {figures.Errors} errors)",
            $"p50 {figures.P50Ms:N1} ms, p99 {figures.P99Ms:N1} ms, max {figures.MaxMs:N1} ms", "-", "-",
            targeted ? "p99 <= 50 ms" : "-", targeted ? (figures.P99Ms <= 50 && figures.Errors == 0 ? "met" : "missed") : "-"));
    }

    private static void AddMaximum(BenchmarkReport report, string path, LatencyFigures figures, LatencyFigures bare) =>
        report.Add(new("needs intake", $"accepted needs/s, {Connections} connections, {path}{(BenchmarkPlatform.Telemetry ? string.Empty : ", telemetry off")} ({figures.Errors} errors)",
            $"{BenchmarkReport.Number(figures.AchievedPerSecond)} (p50 {figures.P50Ms:N1} ms, p99 {figures.P99Ms:N1} ms)",
            $"{BenchmarkReport.Number(bare.AchievedPerSecond)} bare INSERT", BenchmarkReport.Number(figures.AchievedPerSecond / bare.AchievedPerSecond, "N2"),
            ">= 1,500/s; ratio >= 0.5", figures.AchievedPerSecond >= 1500 && figures.AchievedPerSecond / bare.AchievedPerSecond >= 0.5 ? "met" : "missed"));

    private static Dictionary<string, object?> Body(int index, Guid[] municipalities)
    {
        var (template, title, description, code) = NeedTexts.Generate(index);
        return new()
        {
            ["title"] = title,
            ["description"] = description,
            ["theme"] = template.Theme,
            ["submittedByActorId"] = municipalities[index % municipalities.Length],
            ["municipalityCodes"] = new[] { code },
            ["urgency"] = template.Urgency,
        };
    }

    private static async Task<bool> SubmitAsync(HttpClient client, int index, Guid[] municipalities)
    {
        using var response = await client.PostAsJsonAsync("/api/needs", Body(index, municipalities));
        return response.StatusCode == HttpStatusCode.Created;
    }

    private static async Task<bool> LookupAsync(HttpClient client, int index)
    {
        var (_, title, description, _) = NeedTexts.Generate(index);
        using var response = await client.PostAsJsonAsync("/api/needs/similar", new { title, description });
        return response.IsSuccessStatusCode;
    }

    private static string Csv(int from, int count, Guid[] municipalities)
    {
        static string Quote(string text) => $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        var csv = new StringBuilder("title,description,theme,municipality_codes,urgency,submitted_by_actor_id\n");
        for (var i = from; i < from + count; i++)
        {
            var (template, title, description, code) = NeedTexts.Generate(i);
            csv.Append(CultureInfo.InvariantCulture, $"{Quote(title)},{Quote(description)},{template.Theme},{code},{template.Urgency},{municipalities[i % municipalities.Length]}\n");
        }

        return csv.ToString();
    }

    /// <summary>Waits until needs-intake knows the actor from the registry's events: a submission for it is accepted.</summary>
    private static async Task WaitForReplicaAsync(HttpClient needs, Guid actor)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            using var submit = await needs.PostAsJsonAsync("/api/needs", Body(0, [actor]), timeout.Token);
            if (submit.StatusCode == HttpStatusCode.Created)
            {
                return;
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    /// <summary>The baseline: Kestrel with one endpoint that does one INSERT of the request body into the same database.</summary>
    internal sealed class BareInsertEndpoint : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly NpgsqlDataSource _dataSource;
        private readonly HttpClient _client;

        private BareInsertEndpoint(WebApplication app, NpgsqlDataSource dataSource, Uri address)
        {
            _app = app;
            _dataSource = dataSource;
            _client = new HttpClient { BaseAddress = address };
        }

        public static async Task<BareInsertEndpoint> StartAsync(string connectionString)
        {
            var dataSource = NpgsqlDataSource.Create(connectionString);
            await using (var create = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS benchmark_bare_inserts (id uuid PRIMARY KEY, body jsonb NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync();
            }

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/needs", async (HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                var id = Guid.CreateVersion7();
                await using var insert = dataSource.CreateCommand("INSERT INTO benchmark_bare_inserts (id, body) VALUES ($1, $2::jsonb)");
                insert.Parameters.Add(new NpgsqlParameter { Value = id });
                insert.Parameters.Add(new NpgsqlParameter { Value = body.RootElement.GetRawText() });
                await insert.ExecuteNonQueryAsync();
                return Results.Created($"/needs/{id}", new { id });
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new BareInsertEndpoint(app, dataSource, new Uri(address));
        }

        public async Task<bool> PostAsync(object body)
        {
            using var response = await _client.PostAsJsonAsync("/needs", body);
            return response.StatusCode == HttpStatusCode.Created;
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _app.DisposeAsync();
            await _dataSource.DisposeAsync();
        }
    }
}
