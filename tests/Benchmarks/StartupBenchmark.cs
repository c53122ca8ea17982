namespace Platform.Benchmarks;

/// <summary>
/// Start-up: from starting the built AppHost (local PostgreSQL and RabbitMQ included) to every service and the gateway
/// healthy (target at most 20 s); each service's resident memory idle, right after start (target at most 150 MB each),
/// and again after the other scenarios' load.
/// </summary>
public static class StartupBenchmark
{
    public static readonly string[] Services = ["ActorRegistry", "NeedsIntake", "ChallengeTracking", "Reporting", "Notifications", "Gateway"];

    public static void ReportStart(BenchmarkPlatform platform, BenchmarkReport report)
    {
        var seconds = platform.StartupTime.TotalSeconds;
        report.Add(new("startup", "AppHost start to all resources healthy (after build)", $"{seconds:N1} s", "-", "-", "<= 20 s", seconds <= 20 ? "met" : "missed"));
        var timeline = string.Join(", ", platform.HealthyAt.OrderBy(entry => entry.Value).Select(entry => $"{entry.Key} {entry.Value.TotalSeconds:N1} s"));
        report.Add(new("startup", "each resource healthy at (from the AppHost's start)", timeline, "-", "-", "printed", "-"));
        report.Add(new("startup", "machine CPU busy from the AppHost's start to all healthy (both cores together)",
            $"{platform.StartupBusyShare:P0}", "-", "-", "printed", "-"));
        report.Add(new("startup", "CPU used to start: the AppHost (in this process); each service (to all healthy)",
            $"AppHost {platform.AppHostStartupCpu.TotalSeconds:N1} s, " + string.Join(", ", Services.Select(service =>
                $"{service} {(ServiceProcess.CpuTime(service) is { } cpu ? $"{cpu.TotalSeconds:N1} s" : "not found")}")),
            "-", "-", "printed", "-"));
        foreach (var service in Services)
        {
            var memory = ProcessMemory.Of(service);
            report.Add(new("startup", $"{service} resident memory, idle after start (of it file-backed, shared by the services; proportional share)",
                memory is { } m ? $"{m.ResidentMegabytes:N0} MB ({m.FileMegabytes:N0} MB; PSS {m.ProportionalMegabytes:N0} MB)" : "not found", "-", "-", "<= 150 MB resident",
                memory is { ResidentMegabytes: <= 150 } ? "met" : "missed"));
        }
    }

    /// <summary>
    /// CPU each service uses while nothing is asked of it, over <paramref name="window"/> right after the start: on two
    /// cores every idle service takes its share from the others (and from PostgreSQL and RabbitMQ).
    /// </summary>
    public static async Task ReportIdleCpuAsync(BenchmarkReport report, TimeSpan window)
    {
        var before = Services.ToDictionary(service => service, ServiceProcess.CpuTime);
        await Task.Delay(window);
        foreach (var service in Services)
        {
            var used = ServiceProcess.CpuTime(service) - before[service];
            report.Add(new("startup", $"{service} CPU while idle, the {window.TotalSeconds:N0} s after start (share of one core)",
                used is { } cpu ? $"{cpu / window:P1}" : "not found", "-", "-", "printed", "-"));
        }
    }

    public static void ReportAfterLoad(BenchmarkReport report, IEnumerable<string> services, string when)
    {
        foreach (var service in services)
        {
            var memory = ProcessMemory.Of(service);
            report.Add(new("startup", $"{service} resident memory {when} (now / peak)",
                memory is { } m ? $"{m.ResidentMegabytes:N0} / {m.PeakMegabytes:N0} MB" : "not found", "-", "-", "printed", "-"));
        }
    }
}
