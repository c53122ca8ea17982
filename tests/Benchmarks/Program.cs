using Platform.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- [relay]
var scenarios = args.Length == 0 ? ["relay"] : args;
var report = new BenchmarkReport();
await using (var infrastructure = await BenchmarkInfrastructure.StartAsync())
{
    foreach (var scenario in scenarios)
    {
        switch (scenario)
        {
            case "relay":
                await RelayBenchmark.RunAsync(infrastructure, report);
                break;
            default:
                Console.Error.WriteLine($"Unknown scenario '{scenario}'. Known: relay.");
                return 2;
        }
    }
}

var path = report.Write(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results"));
Console.WriteLine(report.ToMarkdown());
Console.WriteLine($"Written to {Path.GetFullPath(path)}");
return 0;
