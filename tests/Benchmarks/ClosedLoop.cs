using System.Diagnostics;
using HdrHistogram;

namespace Platform.Benchmarks;

/// <summary>Closed-loop load: <c>concurrency</c> workers each send the next request as soon as the last answered; the maximum throughput.</summary>
public static class ClosedLoop
{
    public static async Task<LatencyFigures> RunAsync(int concurrency, TimeSpan duration, Func<int, Task<bool>> request)
    {
        var histogram = new LongConcurrentHistogram(1, 600_000_000, 3);
        long errors = 0;
        long completed = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                bool ok;
                try
                {
                    ok = await request(Interlocked.Increment(ref next));
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                histogram.RecordValue(Math.Max(1, (long)(clock.Elapsed - started).TotalMicroseconds));
                Interlocked.Increment(ref ok ? ref completed : ref errors);
            }
        })));
        return new LatencyFigures(completed / clock.Elapsed.TotalSeconds, histogram.GetValueAtPercentile(50) / 1000.0,
            histogram.GetValueAtPercentile(99) / 1000.0, histogram.GetMaxValue() / 1000.0, errors, histogram.GetValueAtPercentile(95) / 1000.0);
    }
}
