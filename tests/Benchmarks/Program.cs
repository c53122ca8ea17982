namespace Platform.Benchmarks;

/// <summary>dotnet run -c Release --project tests/Benchmarks -- [cost] [relay] [startup] [gateway] [search] [intake] [lag] [webhooks] [clustering] [report] [web]</summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        string[] known = ["cost", "relay", "startup", "gateway", "search", "intake", "lag", "webhooks", "clustering", "report", "web"];
        var scenarios = args.Length == 0 ? known : args;
        if (scenarios.Except(known).ToList() is { Count: > 0 } unknown)
        {
            Console.Error.WriteLine($"Unknown scenario(s) {string.Join(", ", unknown)}. Known: {string.Join(", ", known)}.");
            return 2;
        }

        var report = new BenchmarkReport();
        if (scenarios.Contains("relay"))
        {
            await using var infrastructure = await BenchmarkInfrastructure.StartAsync();
            await RelayBenchmark.RunAsync(infrastructure, report);
        }

        // On a platform of its own, with the dashboard receiving telemetry as in development; the other scenarios run without it.
        if (scenarios.Contains("cost"))
        {
            await CostBenchmark.RunAsync(report);
        }

        // In process and CPU-bound: before the platform starts, not while its processes and databases wind down.
        if (scenarios.Contains("clustering"))
        {
            ClusteringBenchmark.Run(report);
        }

        if (scenarios.Intersect(["startup", "gateway", "search", "intake", "lag", "webhooks", "report", "web"]).Any())
        {
            await using var platform = await BenchmarkPlatform.StartAsync();
            if (scenarios.Contains("startup"))
            {
                StartupBenchmark.ReportStart(platform, report);
                await StartupBenchmark.ReportIdleCpuAsync(report, TimeSpan.FromSeconds(20));
            }

            if (scenarios.Contains("lag"))
            {
                await EventLagBenchmark.RunAsync(platform, report);

                // The higher rates overload the platform on purpose; its backlog would be measured by the next scenario.
                await platform.WaitUntilNeedsConsumedAsync(TimeSpan.FromMinutes(10));
            }

            if (scenarios.Contains("webhooks"))
            {
                await WebhookBenchmark.RunAsync(platform, report);
                await platform.WaitUntilNeedsConsumedAsync(TimeSpan.FromMinutes(10));
            }

            if (scenarios.Contains("gateway"))
            {
                await GatewayBenchmark.RunAsync(platform, report);
            }

            if (scenarios.Contains("search"))
            {
                await ActorSearchBenchmark.RunAsync(platform, report);
            }

            if (scenarios.Contains("web"))
            {
                await WebBenchmark.RunAsync(platform, report);
            }

            if (scenarios.Contains("report"))
            {
                await ReportBenchmark.RunAsync(platform, report);
            }

            string[] stoppedByIntake = ["ChallengeTracking"];
            if (scenarios.Contains("intake"))
            {
                if (scenarios.Contains("startup"))
                {
                    // Intake stops challenge-tracking (its figures are needs-intake's own), so that one is read before.
                    StartupBenchmark.ReportAfterLoad(report, stoppedByIntake, "after the load scenarios before intake, which stops it");
                }

                await IntakeBenchmark.RunAsync(platform, report);
            }

            if (scenarios.Contains("startup"))
            {
                StartupBenchmark.ReportAfterLoad(report, scenarios.Contains("intake") ? StartupBenchmark.Services.Except(stoppedByIntake) : StartupBenchmark.Services,
                    "after the load scenarios");
            }
        }

        var path = report.Write(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results"));
        Console.WriteLine(report.ToMarkdown());
        Console.WriteLine($"Written to {Path.GetFullPath(path)}");
        return 0;
    }
}
