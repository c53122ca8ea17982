using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>
/// The CPU time of every process on the machine that belongs to the platform, by part, read from /proc: each service
/// and the gateway (by its dll), PostgreSQL (every backend and helper), RabbitMQ (the Erlang VM, epmd and their
/// helpers); the Aspire dashboard and the orchestrator (DCP) apart, as a deployment sends telemetry elsewhere and runs
/// no DCP; and this process, which hosts the AppHost and the load generator.
/// </summary>
public static class PlatformProcesses
{
    public const string PostgreSql = "PostgreSQL";
    public const string RabbitMq = "RabbitMQ";
    public const string Dashboard = "dashboard";
    public const string Orchestrator = "orchestrator (DCP)";
    public const string ThisProcess = "load generator and AppHost";

    public static readonly string[] Services = [.. StartupBenchmark.Services, "Web"];

    /// <summary>The parts that count as the platform's own cost.</summary>
    public static readonly string[] Platform = [.. Services, PostgreSql, RabbitMq];

    /// <summary>
    /// CPU so far by part: each living process's own time and that of its children it has waited for (a PostgreSQL
    /// backend that ended is counted in the postmaster's), so a figure only grows while the processes run.
    /// </summary>
    public static Dictionary<string, TimeSpan> Read()
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var parts = new Dictionary<string, TimeSpan>();
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(path => int.TryParse(Path.GetFileName(path), out _)))
        {
            try
            {
                var part = Path.GetFileName(directory) == self ? ThisProcess : PartOf(directory);
                if (part is not null)
                {
                    parts[part] = parts.GetValueOrDefault(part) + ServiceProcess.StatCpuTime(directory, includeWaitedChildren: true);
                }
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        return parts;
    }

    /// <summary>What each part used between two readings.</summary>
    public static Dictionary<string, TimeSpan> Since(Dictionary<string, TimeSpan> before)
    {
        var now = Read();
        return now.Keys.Union(before.Keys).ToDictionary(part => part, part => now.GetValueOrDefault(part) - before.GetValueOrDefault(part));
    }

    private static string? PartOf(string directory)
    {
        var command = File.ReadAllText(Path.Combine(directory, "comm")).Trim();
        switch (command)
        {
            case "postgres":
                return PostgreSql;
            case "beam.smp" or "erl_child_setup" or "epmd" or "inet_gethost":
                return RabbitMq;
            case "dcp" or "dcpctrl":
                return Orchestrator;
        }

        var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
        if (commandLine.Any(part => part.Contains("Aspire.Dashboard", StringComparison.Ordinal)))
        {
            return Dashboard;
        }

        return Services.FirstOrDefault(service => commandLine.Any(part => Path.GetFileName(part) == $"{service}.dll"));
    }
}
