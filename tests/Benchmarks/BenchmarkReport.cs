using System.Globalization;
using System.Text;

namespace Platform.Benchmarks;

public sealed record BenchmarkRow(string Scenario, string Figure, string Value, string Baseline, string Ratio, string Target, string Verdict);

/// <summary>Collects rows of figure, baseline, ratio and target, and writes them with the machine described.</summary>
public sealed class BenchmarkReport
{
    private readonly List<BenchmarkRow> _rows = [];

    public void Add(BenchmarkRow row)
    {
        _rows.Add(row);
        Console.WriteLine($"  {row.Scenario} | {row.Figure} | {row.Value} | baseline {row.Baseline} | ratio {row.Ratio} | target {row.Target} | {row.Verdict}");
    }

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Benchmarks {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {Number(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024, "N1")} GiB, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; PostgreSQL with fsync on, RabbitMQ local.");
        if (Environment.GetEnvironmentVariable("BENCHMARK_SERVICE_ENVIRONMENT") is { Length: > 0 } environment)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Services started with `{environment}`.");
        }

        text.AppendLine();
        text.AppendLine("| scenario | figure | value | baseline | ratio | target | verdict |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in _rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Scenario} | {row.Figure} | {row.Value} | {row.Baseline} | {row.Ratio} | {row.Target} | {row.Verdict} |");
        }

        return text.ToString();
    }

    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{DateTimeOffset.UtcNow:yyyy-MM-dd}.md");
        // Runs of one day accumulate in one file, newest last.
        File.AppendAllText(path, (File.Exists(path) ? Environment.NewLine : string.Empty) + ToMarkdown());
        return path;
    }
}
