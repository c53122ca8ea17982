using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Messaging.Hosting;

namespace Platform.Messaging.Idempotency;

/// <summary>Forgets idempotency keys after <see cref="IdempotencyKeys.Lifetime"/>, hourly, in every service's database.</summary>
public sealed class IdempotencyKeyPurger(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<IdempotencyKeyPurger> logger)
    : PeriodicDatabaseJob(timeProvider, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Name => "Purging idempotency keys";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var purged = await IdempotencyKeys.PurgeAsync(dataSource, Clock.GetUtcNow(), cancellationToken);
        Logger.LogDebug("Purged {Count} idempotency keys", purged);
    }
}
