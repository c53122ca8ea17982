using System.Globalization;

namespace Platform.Benchmarks;

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
