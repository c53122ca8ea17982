using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Benchmarks;

/// <summary>
/// Webhook delivery on the whole platform: needs submitted through the gateway at 100/s (open loop, 15 s) while a
/// coordinator's subscription to <c>needs.submitted</c> posts them to a receiver in this process; for each need, the
/// time from its acceptance (the event's <c>OccurredAt</c>, the delivery's <c>timestamp</c>) to the receiver having it,
/// p50/p99. Baseline, same run and needs: their lag to reporting's read model.
/// </summary>
public static class WebhookBenchmark
{
    private const int Rate = 100;
    private const int WarmUpRate = 20;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(BenchmarkPlatform platform, BenchmarkReport report)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var latencies = new ConcurrentQueue<double>();
        await using var receiver = await StartReceiverAsync(run, latencies);
        using var registry = await platform.ClientAsync("actor-registry");
        var lulea = (await registry.GetFromJsonAsync<JsonElement>("/api/actors?kind=municipality&municipality=2580")).GetProperty("items")[0].GetProperty("id").GetGuid();
        using var actor = await platform.ClientAsync("gateway", "actor", lulea);
        using var coordinator = await platform.ClientAsync("gateway");

        // Steady state: every service on the path warm before anything is measured.
        await ServiceProcess.WarmUpAsync(StartupBenchmark.Services, "webhooks", TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(3),
            duration => OpenLoop.RunAsync(WarmUpRate, duration, i => EventLagBenchmark.SubmitNeedAsync(actor, i, "warm-up")));
        await platform.WaitUntilNeedsConsumedAsync(TimeSpan.FromMinutes(5));

        // Subscribed after the warm-up, so the measured needs do not queue behind the warm-up's deliveries.
        var bound = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = $"http://127.0.0.1:{new Uri(bound).Port}/hook";
        using var created = await coordinator.PostAsJsonAsync("/api/webhooks", new { url, eventTypes = new[] { "needs.submitted" } });
        created.EnsureSuccessStatusCode();
        var subscription = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Console.WriteLine($"webhooks: {Rate} needs/s through the gateway for {Phase.TotalSeconds:N0} s, delivered to {url}");
        var submitted = await OpenLoop.RunAsync(Rate, Phase, i => EventLagBenchmark.SubmitNeedAsync(actor, i, run));
        var (count, lagP50, lagP99) = await EventLagBenchmark.LagAsync(await platform.ConnectionStringAsync("reportingdb"), run);
        for (var stable = 0; stable < 10 && latencies.Count < count;)
        {
            var before = latencies.Count;
            await Task.Delay(TimeSpan.FromSeconds(1));
            stable = latencies.Count == before ? stable + 1 : 0;
        }

        using var _ = await coordinator.DeleteAsync($"/api/webhooks/{subscription}");
        var histogram = new LongHistogram(1, 600_000_000, 3);
        foreach (var latency in latencies)
        {
            histogram.RecordValue(Math.Max(1, (long)(latency * 1000)));
        }

        var (p50, p99) = latencies.IsEmpty ? (double.NaN, double.NaN) : (histogram.GetValueAtPercentile(50) / 1000.0, histogram.GetValueAtPercentile(99) / 1000.0);
        report.Add(new("webhooks", $"need accepted -> delivered to a local receiver at {Rate}/s offered ({submitted.AchievedPerSecond:N0}/s sent, {count:N0} accepted, {latencies.Count:N0} delivered)",
            $"p50 {p50:N1} ms, p99 {p99:N1} ms", $"the same needs into reporting's read model: p50 {lagP50:N1} ms, p99 {lagP99:N1} ms",
            BenchmarkReport.Number(p99 / Math.Max(lagP99, 0.1), "N2"), "-", "-"));
    }

    /// <summary>A receiver on 127.0.0.1 that answers 200 and notes, for each delivery of the run, how long after the event it came.</summary>
    private static async Task<WebApplication> StartReceiverAsync(string run, ConcurrentQueue<double> latencies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext context) =>
        {
            var delivery = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            if (delivery.GetProperty("data").GetProperty("title").GetString()?.EndsWith($" {run}", StringComparison.Ordinal) == true)
            {
                latencies.Enqueue((DateTimeOffset.UtcNow - delivery.GetProperty("timestamp").GetDateTimeOffset()).TotalMilliseconds);
            }

            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }
}
