using System.Diagnostics;
using HdrHistogram;

namespace Platform.Benchmarks;

public sealed record LatencyFigures(double AchievedPerSecond, double P50Ms, double P99Ms, double MaxMs, long Errors, double P95Ms = double.NaN);

/// <summary>
/// Open-loop load: request i is due at start + i/rate and its latency is measured from that due time, so a stalled
/// server shows as latency instead of silently lowering the rate (no coordinated omission).
/// </summary>
public static class OpenLoop
{
    public static async Task<LatencyFigures> RunAsync(int rate, TimeSpan duration, Func<int, Task<bool>> request)
    {
        var histogram = new LongConcurrentHistogram(1, 600_000_000, 3);
        var count = (int)(rate * duration.TotalSeconds);
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var seconds = await ScheduleAsync(rate, count, async (index, due) =>
        {
            bool ok;
            try
            {
                ok = await request(index);
            }
            catch (HttpRequestException)
            {
                ok = false;
            }

            histogram.RecordValue(Math.Max(1, (long)(clock.Elapsed - due).TotalMicroseconds));
            if (!ok)
            {
                Interlocked.Increment(ref errors);
            }
        }, clock);
        return new LatencyFigures(count / seconds, histogram.GetValueAtPercentile(50) / 1000.0,
            histogram.GetValueAtPercentile(99) / 1000.0, histogram.GetMaxValue() / 1000.0, errors);
    }

    /// <summary>Starts <paramref name="work"/> for item i at its due time i/rate; returns the seconds until all finished.</summary>
    public static async Task<double> ScheduleAsync(int rate, int count, Func<int, TimeSpan, Task> work, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var pending = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            pending.Add(Task.Run(() => work(index, due)));
        }

        await Task.WhenAll(pending);
        return clock.Elapsed.TotalSeconds;
    }
}
