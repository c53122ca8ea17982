namespace Platform.Client;

/// <summary>Helpers for changes guarded by <c>If-Match</c>.</summary>
public static class OptimisticConcurrency
{
    /// <summary>
    /// Runs <paramref name="readThenChange"/> (read the resource, change it with the ETag just read) and runs it again
    /// while the change is refused as stale (412): someone, or an event from another service, changed the resource
    /// between the read and the change. Gives up after <paramref name="maxAttempts"/> attempts with the last 412.
    /// </summary>
    /// <typeparam name="T">What the change returns.</typeparam>
    /// <param name="readThenChange">Reads the resource and changes it with the ETag it read.</param>
    /// <param name="maxAttempts">How many times to try, at least 1.</param>
    /// <returns>What the successful change returned.</returns>
    public static async Task<T> RetryWhenStaleAsync<T>(Func<Task<T>> readThenChange, int maxAttempts = 5)
    {
        ArgumentNullException.ThrowIfNull(readThenChange);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await readThenChange().ConfigureAwait(false);
            }
            catch (PreconditionFailedException exception) when (attempt < maxAttempts && exception.Status == 412)
            {
                // Changed by someone else first: read it again and reapply.
            }
        }
    }
}
