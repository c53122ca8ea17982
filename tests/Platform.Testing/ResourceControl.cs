using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Platform.Testing;

/// <summary>Stopping and starting a resource of a running AppHost, as the dashboard's commands do.</summary>
public static class ResourceControl
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    public static Task StopResourceAsync(this DistributedApplication app, string resource, CancellationToken cancellationToken) =>
        app.ResourceCommands.ExecuteCommandAsync(resource, "resource-stop", cancellationToken);

    /// <summary>
    /// Starts a stopped resource and waits (at most two minutes) until it is healthy. Right after the start command the
    /// resource's last state can still be the stop's (exited, or failed to start), which the default wait takes as
    /// final: this waits through it.
    /// </summary>
    public static async Task StartResourceAsync(this DistributedApplication app, string resource, CancellationToken cancellationToken)
    {
        await app.ResourceCommands.ExecuteCommandAsync(resource, "resource-start", cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.WaitOnResourceUnavailable, timeout.Token);
    }
}
