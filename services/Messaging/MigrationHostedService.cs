using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging;

/// <summary>Migrates the service's database before anything else starts; retries while the database starts up.</summary>
internal sealed partial class MigrationHostedService(DatabaseMigrator migrator, ILogger<MigrationHostedService> logger) : IHostedService
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await migrator.MigrateAsync(cancellationToken);
                return;
            }
            catch (Npgsql.NpgsqlException exception) when (exception.IsTransient && TimeProvider.System.GetElapsedTime(started) < Deadline)
            {
                LogRetrying(logger, exception, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable for migrations; retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, Exception exception, double delayMs);
}
