using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>
/// Memory of a service's process, read from /proc: resident now (VmRSS) and at its peak (VmHWM), the part of it that
/// is file-backed (RssFile: the runtime's, framework's and libraries' mapped images, the same pages in every service),
/// and its proportional share (Pss: shared pages divided among the processes that map them).
/// </summary>
public sealed record ProcessMemory(double ResidentMegabytes, double PeakMegabytes, double FileMegabytes, double ProportionalMegabytes)
{
    /// <summary>The memory of the process whose command line names <paramref name="service"/>; null when none runs.</summary>
    public static ProcessMemory? Of(string service)
    {
        foreach (var directory in ServiceProcess.DirectoriesOf(service))
        {
            try
            {
                var status = File.ReadLines(Path.Combine(directory, "status")).ToList();
                var rollup = File.ReadLines(Path.Combine(directory, "smaps_rollup")).ToList();
                return new ProcessMemory(Megabytes(status, "VmRSS:"), Megabytes(status, "VmHWM:"), Megabytes(status, "RssFile:"), Megabytes(rollup, "Pss:"));
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        return null;
    }

    private static double Megabytes(List<string> lines, string field) =>
        double.Parse(lines.First(line => line.StartsWith(field, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}
