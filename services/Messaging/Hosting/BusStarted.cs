using MassTransit;

namespace Platform.Messaging.Hosting;

/// <summary>
/// Completes when the bus has started for the first time, which MassTransit reports only once every receive endpoint
/// is ready: its queue declared and bound to the exchanges of the events it consumes. Until then an event this service
/// publishes for its own consumers would reach an exchange with no queue bound, and the broker would drop it.
/// </summary>
public sealed class BusStarted : IBusObserver
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits until the bus has started.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _started.Task.WaitAsync(cancellationToken);

    public Task PostStart(IBus bus, Task<BusReady> busReady)
    {
        _started.TrySetResult();
        return Task.CompletedTask;
    }

    public void PostCreate(IBus bus)
    {
    }

    public void CreateFaulted(Exception exception)
    {
    }

    public Task PreStart(IBus bus) => Task.CompletedTask;

    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    public Task PreStop(IBus bus) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
