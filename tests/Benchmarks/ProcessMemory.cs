using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>Resident memory of a service's process, read from /proc: now (VmRSS) and at its peak (VmHWM).</summary>
public sealed record ProcessMemory(double ResidentMegabytes, double PeakMegabytes)
{
    /// <summary>The process whose command line names <paramref name="service"/>'s executable or dll; null when none runs.</summary>
    public static ProcessMemory? Of(string service)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(path => int.TryParse(Path.GetFileName(path), out _)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                if (!commandLine.Any(part => Path.GetFileName(part) is var name && (name == service || name == $"{service}.dll")))
                {
                    continue;
                }

                var status = File.ReadLines(Path.Combine(directory, "status")).ToList();
                return new ProcessMemory(Megabytes(status, "VmRSS:"), Megabytes(status, "VmHWM:"));
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        return null;
    }

    private static double Megabytes(List<string> status, string field) =>
        double.Parse(status.First(line => line.StartsWith(field, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}
