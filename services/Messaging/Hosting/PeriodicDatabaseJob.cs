using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging.Hosting;

/// <summary>
/// Database housekeeping on a timer: runs <see cref="RunOnceAsync"/> every <see cref="Interval"/> (first at start when
/// <see cref="RunAtStart"/>); a failed run (the database down, say) is tried again at the next tick. The first failure
/// is a warning and the recovery information; the failures in between are debug, so an outage of a job that runs every
/// second does not fill the log.
/// </summary>
public abstract class PeriodicDatabaseJob(TimeProvider timeProvider, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = timeProvider;

    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What the job does, for the log.</summary>
    protected abstract string Name { get; }

    protected virtual bool RunAtStart => false;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        if (!RunAtStart && !await timer.WaitForNextTickAsync(stoppingToken))
        {
            return;
        }

        var failing = false;
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                if (failing)
                {
                    failing = false;
                    Logger.LogInformation("{Job} works again", Name);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                if (failing)
                {
                    Logger.LogDebug(error, "{Job} failed again; next try in {Interval}", Name, Interval);
                }
                else
                {
                    failing = true;
                    Logger.LogWarning(error, "{Job} failed; trying again every {Interval}", Name, Interval);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
