namespace Platform.Testing;

public static class Wait
{
    /// <summary>
    /// Polls a condition (never a fixed sleep) and fails with what was awaited. Polls soon at first, then every
    /// 200 ms at most, so a long wait does not load the two cores the platform under test runs on.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(10);
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(200).Ticks));
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, cancellationToken);
}
