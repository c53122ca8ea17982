namespace Platform.Benchmarks;

/// <summary>
/// Gateway overhead: the same GET at 16 connections for 10 s, direct to the service and through the gateway,
/// alternated twice in one run; then p50 at a fixed open-loop rate of half the gateway's maximum on both paths. Two
/// endpoints: a typical read (a page of actors from the registry's database) and the worst case, one that does no
/// I/O at all (<c>/api/themes</c>, from memory), where the proxy's own work is all that is measured.
/// Target: requests/s through the gateway at least 0.6 of direct. Published YARP figures are 0.3-0.6.
/// </summary>
public static class GatewayBenchmark
{
    private const int Connections = 16;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(BenchmarkPlatform platform, BenchmarkReport report)
    {
        await MeasureAsync(platform, report, "actor-registry", "/api/actors?kind=municipality&pageSize=20", "typical read");
        await MeasureAsync(platform, report, "challenge-tracking", "/api/themes", "no I/O, worst case");
    }

    private static async Task MeasureAsync(BenchmarkPlatform platform, BenchmarkReport report, string service, string path, string kind)
    {
        using var direct = await platform.ClientAsync(service, "reader");
        using var gateway = await platform.ClientAsync("gateway", "reader");
        async Task<bool> Get(HttpClient client)
        {
            using var response = await client.GetAsync(path);
            return response.IsSuccessStatusCode;
        }

        Console.WriteLine($"gateway: {path}: warm-up, then {Connections} connections for {Phase.TotalSeconds:N0} s per path, alternated twice");
        await ClosedLoop.RunAsync(Connections, TimeSpan.FromSeconds(5), _ => Get(direct));
        await ClosedLoop.RunAsync(Connections, TimeSpan.FromSeconds(5), _ => Get(gateway));
        var directRuns = new List<LatencyFigures>();
        var gatewayRuns = new List<LatencyFigures>();
        for (var round = 0; round < 2; round++)
        {
            directRuns.Add(await ClosedLoop.RunAsync(Connections, Phase, _ => Get(direct)));
            gatewayRuns.Add(await ClosedLoop.RunAsync(Connections, Phase, _ => Get(gateway)));
        }

        var directRate = directRuns.Average(run => run.AchievedPerSecond);
        var gatewayRate = gatewayRuns.Average(run => run.AchievedPerSecond);
        var ratio = gatewayRate / directRate;
        report.Add(new("gateway", $"GET {path} ({kind}) at {Connections} connections, requests/s (mean of 2 alternated runs)",
            $"{gatewayRate:N0}/s through the gateway", $"{directRate:N0}/s direct", BenchmarkReport.Number(ratio, "N2"), ">= 0.6", ratio >= 0.6 ? "met" : "missed"));

        var rate = (int)(gatewayRate / 2);
        Console.WriteLine($"gateway: open loop at {rate}/s on both paths");
        var directLatency = await OpenLoop.RunAsync(rate, Phase, _ => Get(direct));
        var gatewayLatency = await OpenLoop.RunAsync(rate, Phase, _ => Get(gateway));
        report.Add(new("gateway", $"GET {path} at {rate}/s (half the gateway's maximum), open loop",
            $"p50 {gatewayLatency.P50Ms:N2} ms, p99 {gatewayLatency.P99Ms:N2} ms through the gateway", $"p50 {directLatency.P50Ms:N2} ms, p99 {directLatency.P99Ms:N2} ms direct",
            $"+{gatewayLatency.P50Ms - directLatency.P50Ms:N2} ms p50", "added p50 printed", "-"));
    }
}
