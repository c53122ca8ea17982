using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Testing;

/// <summary>
/// The last lines every resource of a started AppHost wrote, kept while it starts, so a start that times out can say
/// which resource did not become healthy and what it said last.
/// </summary>
public sealed class ResourceLogs : IDisposable
{
    private const int Kept = 30;
    private readonly DistributedApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _lines = new();

    private ResourceLogs(DistributedApplication app)
    {
        _app = app;
        var logger = app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in app.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            var lines = _lines.GetOrAdd(resource.Name, _ => new ConcurrentQueue<string>());
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in logger.WatchAsync(resource.Name).WithCancellation(_stop.Token))
                    {
                        foreach (var line in batch)
                        {
                            lines.Enqueue(line.Content);
                            while (lines.Count > Kept && lines.TryDequeue(out _))
                            {
                            }
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            });
        }
    }

    /// <summary>Starts keeping every resource's last lines; call once the application is built.</summary>
    public static ResourceLogs Watch(DistributedApplication app) => new(app);

    /// <summary>Each resource that is not healthy: its state, failing health reports and last lines.</summary>
    public string DescribeUnhealthy() => string.Join("\n", _lines.Keys.Order().Select(name =>
    {
        if (_app.ResourceNotifications.TryGetCurrentState(name, out var resource)
            && ((resource.Snapshot.HealthStatus is HealthStatus.Healthy or null && resource.Snapshot.State?.Text is "Running" or "Finished") || resource.Snapshot.State?.Text == "NotStarted"))
        {
            return null;
        }

        var state = resource is null ? "unknown" : $"{resource.Snapshot.State?.Text}/{resource.Snapshot.HealthStatus?.ToString() ?? "no health"}"
            + string.Concat(resource.Snapshot.HealthReports.Where(r => r.Status != HealthStatus.Healthy).Select(r => $" [{r.Name}: {r.Description ?? r.ExceptionText}]"));
        return $"{name}: {state}\n    " + string.Join("\n    ", _lines[name]);
    }).Where(text => text is not null));

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
