using Platform.Messaging.Hosting;

namespace Platform.NeedsIntake.Data;

/// <summary>Forgets idempotency keys after a day, hourly: a client retries within minutes, not days.</summary>
public sealed class IdempotencyKeyPurger(NeedStore store, TimeProvider timeProvider, ILogger<IdempotencyKeyPurger> logger)
    : PeriodicDatabaseJob(timeProvider, logger)
{
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Name => "Purging idempotency keys";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var purged = await store.PurgeIdempotencyKeysAsync(KeyLifetime, cancellationToken);
        Logger.LogDebug("Purged {Count} idempotency keys", purged);
    }
}
