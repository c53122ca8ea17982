using System.Net.Http.Json;

namespace Platform.Benchmarks;

/// <summary>
/// Actor search over 10,000 actors at 200 requests/s, direct to actor-registry and through the gateway, in one run
/// on the whole platform (PostgreSQL fsync on). Target: p99 at most 20 ms.
/// </summary>
public static class ActorSearchBenchmark
{
    private const int Actors = 10_000;
    private const int Rate = 200;
    private const int ChangesPerSecond = 5;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(15);

    private static readonly string[] Queries =
    [
        "q=kommun", "q=lulea", "q=AB&kind=company", "county=25&kind=company", "q=energi", "municipality=2482",
        "q=skelleftea", "kind=agency", "q=bygg&county=24", "q=norr&page=2",
    ];

    public static async Task RunAsync(BenchmarkPlatform platform, BenchmarkReport report)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var gateway = await platform.ClientAsync("gateway");
        using var direct = await platform.ClientAsync("actor-registry");

        Console.WriteLine($"search: registering {Actors:N0} actors through the API");
        await SeedAsync(direct);

        // Measure search, not the relay still publishing the registrations.
        var actorsDb = await platform.ConnectionStringAsync("actorsdb");
        await using (var connection = new Npgsql.NpgsqlConnection(actorsDb))
        {
            await connection.OpenAsync(timeout.Token);
            await using var backlog = new Npgsql.NpgsqlCommand("SELECT count(*) FROM outbox_pending", connection);
            while ((long)(await backlog.ExecuteScalarAsync(timeout.Token))! > 0)
            {
                await Task.Delay(200, timeout.Token);
            }

            // Fresh statistics after the bulk registration, as autovacuum would give a long-running system.
            await using var analyze = new Npgsql.NpgsqlCommand("VACUUM ANALYZE actors", connection);
            await analyze.ExecuteNonQueryAsync(timeout.Token);
        }

        Console.WriteLine("search: warm-up");
        await OpenLoop.RunAsync(Rate, TimeSpan.FromSeconds(15), i => SearchAsync(direct, i));
        await OpenLoop.RunAsync(Rate, TimeSpan.FromSeconds(15), i => SearchAsync(gateway, i));

        Console.WriteLine($"search: {Rate}/s direct");
        var directFigures = await OpenLoop.RunAsync(Rate, Phase, i => SearchAsync(direct, i));
        Console.WriteLine($"search: {Rate}/s through the gateway");
        var gatewayFigures = await OpenLoop.RunAsync(Rate, Phase, i => SearchAsync(gateway, i));

        // The registry reuses a search's total while the actors table is unchanged; registrations meanwhile make every
        // remembered total stale, so searches count again.
        Console.WriteLine($"search: {Rate}/s direct while {ChangesPerSecond} actors/s are registered");
        var registering = OpenLoop.RunAsync(ChangesPerSecond, Phase, i => RegisterAsync(direct, Actors + i));
        var changingFigures = await OpenLoop.RunAsync(Rate, Phase, i => SearchAsync(direct, i));
        var registrations = await registering;

        foreach (var (path, figures) in new[] { ("direct", directFigures), ("gateway", gatewayFigures) })
        {
            report.Add(new("actor search", $"{Actors:N0} actors, {Rate}/s, {path} (achieved {BenchmarkReport.Number(figures.AchievedPerSecond)}/s, {figures.Errors} errors)",
                $"p50 {figures.P50Ms:N1} ms, p99 {figures.P99Ms:N1} ms, max {figures.MaxMs:N1} ms",
                path == "gateway" ? $"direct p99 {directFigures.P99Ms:N1} ms" : "-",
                path == "gateway" ? BenchmarkReport.Number(figures.P99Ms / directFigures.P99Ms, "N2") : "-",
                "p99 <= 20 ms", figures.P99Ms <= 20 && figures.Errors == 0 ? "met" : "missed"));
        }

        report.Add(new("actor search", $"{Actors:N0} actors, {Rate}/s, direct, while {ChangesPerSecond} actors/s are registered (achieved {BenchmarkReport.Number(changingFigures.AchievedPerSecond)}/s, {changingFigures.Errors} errors; registrations {BenchmarkReport.Number(registrations.AchievedPerSecond)}/s, {registrations.Errors} errors)",
            $"p50 {changingFigures.P50Ms:N1} ms, p99 {changingFigures.P99Ms:N1} ms, max {changingFigures.MaxMs:N1} ms",
            $"no changes: p99 {directFigures.P99Ms:N1} ms", BenchmarkReport.Number(changingFigures.P99Ms / directFigures.P99Ms, "N2"),
            "p99 <= 20 ms", changingFigures.P99Ms <= 20 && changingFigures.Errors == 0 ? "met" : "missed"));
    }

    private static async Task<bool> SearchAsync(HttpClient client, int index)
    {
        using var response = await client.GetAsync($"/api/actors?{Queries[index % Queries.Length]}");
        return response.IsSuccessStatusCode;
    }

    private static async Task SeedAsync(HttpClient client)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Actors)
            {
                if (!await RegisterAsync(client, i))
                {
                    throw new InvalidOperationException($"Registering actor {i} failed.");
                }
            }
        }));
    }

    private static readonly string[] Words = ["Norr", "Energi", "Bygg", "Logistik", "Stål", "Batteri", "Vätgas", "Skog", "Gruv", "Data", "Vind", "Bostad"];
    private static readonly string[] Municipalities = ["2480", "2482", "2580", "2582", "2584", "2523", "2581", "2514", "2481", "2401"];

    private static async Task<bool> RegisterAsync(HttpClient client, int i)
    {
        using var response = await client.PostAsJsonAsync("/api/actors", new
        {
            name = $"{Words[i % Words.Length]} {Words[(i / Words.Length) % Words.Length]} i {Municipalities[i % Municipalities.Length]} AB nr {i}",
            kind = i % 5 == 0 ? "other" : "company",
            municipalityCode = Municipalities[i % Municipalities.Length],
        });
        return response.IsSuccessStatusCode;
    }
}
