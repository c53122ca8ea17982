using Npgsql;
using Platform.Notifications.Webhooks;

namespace Platform.Notifications.Data;

/// <summary>Every half minute, lets the events parked for longer than <see cref="EventRecorder.Patience"/> go ahead (<see cref="EventRecorder.ReleaseStaleAsync"/>).</summary>
public sealed partial class ParkedEventReleaser(NpgsqlDataSource dataSource, EventRecorder recorder, DeliverySignal signal, ILogger<ParkedEventReleaser> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                int released;
                do
                {
                    released = await recorder.ReleaseStaleAsync(dataSource, stoppingToken);
                    if (released > 0)
                    {
                        LogReleased(released);
                        signal.Queued();
                    }
                }
                while (released > 0);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} events waited too long for what they are about and went ahead.")]
    private partial void LogReleased(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing parked events failed; trying again shortly.")]
    private partial void LogFailed(Exception exception);
}
