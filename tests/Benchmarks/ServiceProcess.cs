using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>A service's process found in /proc by its command line (its executable or dll).</summary>
public static class ServiceProcess
{
    /// <summary>Linux reports process times in clock ticks of 1/100 s (USER_HZ).</summary>
    private const double TicksPerSecond = 100;

    public static IEnumerable<string> DirectoriesOf(string service)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(path => int.TryParse(Path.GetFileName(path), out _)))
        {
            string[] commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue;
            }

            if (commandLine.Any(part => Path.GetFileName(part) is var name && (name == service || name == $"{service}.dll")))
            {
                yield return directory;
            }
        }
    }

    /// <summary>CPU time (user and system) the service's process has used so far; null when none runs.</summary>
    public static TimeSpan? CpuTime(string service)
    {
        foreach (var directory in DirectoriesOf(service))
        {
            try
            {
                return StatCpuTime(directory);
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        return null;
    }

    /// <summary>
    /// CPU time of each of the runtime's tiered-compilation threads (".NET Tiered Compilation Worker", ".NET Tiered Com"
    /// in /proc) of the service, by thread id: the re-compilation of hot methods that follows the first calls. The
    /// runtime ends the thread when it has nothing to do and starts a new one when it has, so compare by thread.
    /// </summary>
    public static Dictionary<string, TimeSpan> TieredCompilationCpuTimes(string service)
    {
        var times = new Dictionary<string, TimeSpan>();
        foreach (var directory in DirectoriesOf(service))
        {
            try
            {
                foreach (var thread in Directory.EnumerateDirectories(Path.Combine(directory, "task")))
                {
                    try
                    {
                        if (File.ReadAllText(Path.Combine(thread, "comm")).StartsWith(".NET Tiered", StringComparison.Ordinal))
                        {
                            times[Path.GetFileName(thread)] = StatCpuTime(thread);
                        }
                    }
                    catch (IOException)
                    {
                        // The thread ended while it was read.
                    }
                }
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        return times;
    }

    private static TimeSpan StatCpuTime(string directory) => StatCpuTime(directory, includeWaitedChildren: false);

    /// <summary>
    /// The CPU time in /proc/<i>pid</i>/stat of a process or thread: its own (utime, stime) and, when
    /// <paramref name="includeWaitedChildren"/>, that of the children it has waited for (cutime, cstime).
    /// </summary>
    internal static TimeSpan StatCpuTime(string directory, bool includeWaitedChildren)
    {
        // Fields after the command name in parentheses: utime, stime, cutime and cstime are the 12th to 15th.
        var fields = File.ReadAllText(Path.Combine(directory, "stat")).Split(')').Last().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = fields.Skip(11).Take(includeWaitedChildren ? 4 : 2).Sum(field => long.Parse(field, CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>
    /// Runs <paramref name="load"/> in rounds of <paramref name="round"/> until the tiered compilation of every one of
    /// <paramref name="services"/> has settled: under 5 % of the service's CPU in a round, or under 1 % of a core for a
    /// service the load hardly touches (at least two rounds, at most <paramref name="patience"/>). On two cores busy
    /// with the load, the re-compilation of ASP.NET Core, Npgsql and MassTransit goes on for a minute or more; measured
    /// before it settled, it was a fifth to two fifths of needs-intake's CPU.
    /// </summary>
    public static async Task WarmUpAsync(string[] services, string scenario, TimeSpan round, TimeSpan patience, Func<TimeSpan, Task> load)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var rounds = 1; ; rounds++)
        {
            var before = services.ToDictionary(service => service, service => (Cpu: CpuTime(service), Jit: TieredCompilationCpuTimes(service)));
            await load(round);
            var figures = services.ToDictionary(service => service, service =>
            {
                var cpu = CpuTime(service) - before[service].Cpu ?? TimeSpan.Zero;
                var jit = TieredCompilationCpuTimes(service).Aggregate(TimeSpan.Zero, (total, thread) => total + thread.Value - before[service].Jit.GetValueOrDefault(thread.Key));
                return (Cpu: cpu, Jit: jit);
            });
            Console.WriteLine($"{scenario}: warm-up round {rounds}: each service's CPU, and the share of it spent re-compiling: " +
                string.Join(", ", figures.Select(f => $"{f.Key} {f.Value.Cpu.TotalSeconds:N1} s, {(f.Value.Cpu > TimeSpan.Zero ? f.Value.Jit / f.Value.Cpu : 0):P0}")));
            // Settled: under 5 % of what the service used, or under 1 % of a core (a service the load hardly touches).
            if ((rounds >= 2 && figures.Values.All(f => f.Jit < f.Cpu * 0.05 || f.Jit < round * 0.01)) || started.Elapsed >= patience)
            {
                return;
            }
        }
    }
}
