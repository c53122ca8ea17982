namespace Platform.NeedsIntake.Data;

/// <summary>Forgets idempotency keys after a day, hourly: a client retries within minutes, not days.</summary>
public sealed class IdempotencyKeyPurger(NeedStore store, TimeProvider timeProvider, ILogger<IdempotencyKeyPurger> logger) : BackgroundService
{
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var purged = await store.PurgeIdempotencyKeysAsync(KeyLifetime, stoppingToken);
                logger.LogDebug("Purged {Count} idempotency keys", purged);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning(error, "Purging idempotency keys failed; next try in {Interval}", Interval);
            }
        }
    }
}
