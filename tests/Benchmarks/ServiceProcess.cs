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
