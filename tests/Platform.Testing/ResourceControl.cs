using System.Diagnostics;
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
    /// Kills the resource's process at once (SIGKILL: no shutdown, nothing flushed, as when a node dies) and waits until
    /// the orchestrator has seen it go. <see cref="StartResourceAsync"/> starts it again.
    /// </summary>
    public static async Task KillResourceAsync(this DistributedApplication app, string resource, CancellationToken cancellationToken)
    {
        if (!app.ResourceNotifications.TryGetCurrentState(resource, out var current)
            || current.Snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is not { } pid)
        {
            throw new InvalidOperationException($"Resource '{resource}' has no process to kill.");
        }

        using (var process = Process.GetProcessById(Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture)))
        {
            process.Kill();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        await app.ResourceNotifications.WaitForResourceAsync(resource, state => state.Snapshot.State?.Text is not (null or "Running" or "Starting"), timeout.Token);
    }

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
