namespace Platform.Testing;

public static class Wait
{
    /// <summary>Polls a condition (never a fixed sleep) and fails with what was awaited.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, cancellationToken);
}
