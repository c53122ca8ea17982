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
                // Fields after the command name in parentheses: utime and stime are the 12th and 13th.
                var fields = File.ReadAllText(Path.Combine(directory, "stat")).Split(')').Last().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                return TimeSpan.FromSeconds(ticks / TicksPerSecond);
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        return null;
    }
}

/// <summary>The whole machine's CPU time from /proc/stat: busy (everything but idle and I/O wait) and total, in ticks.</summary>
public readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"; guest time is counted in user already.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return new MachineCpu(total - fields[3] - fields[4], total);
    }

    /// <summary>The share (0..1) of all cores' time that was busy since <paramref name="earlier"/>.</summary>
    public double BusyShareSince(MachineCpu earlier) =>
        Total > earlier.Total ? (double)(Busy - earlier.Busy) / (Total - earlier.Total) : 0;
}
