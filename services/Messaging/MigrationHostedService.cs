using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Platform.Messaging;

/// <summary>Migrates the service's database before anything else starts; retries while the database starts up.</summary>
internal sealed partial class MigrationHostedService(DatabaseMigrator migrator, ILogger<MigrationHostedService> logger) : IHostedService
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var untilMigrated = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(exception =>
                    exception.IsTransient && TimeProvider.System.GetElapsedTime(started) < Deadline),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = retry =>
                {
                    LogRetrying(logger, retry.Outcome.Exception!, retry.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        await untilMigrated.ExecuteAsync(async token => await migrator.MigrateAsync(token), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable for migrations; retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, Exception exception, double delayMs);
}
