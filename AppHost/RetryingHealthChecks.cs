using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost;

/// <summary>
/// Health checks that keep trying within one call, every <see cref="RetryInterval"/> for up to <see cref="Patience"/>,
/// and answer as soon as the resource is healthy. Aspire runs a failing check again only after seconds, and each wave of
/// the start-up (servers, consuming services, registry, gateway) waits for the one before it to be reported healthy.
/// </summary>
public static class RetryingHealthChecks
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public static IHealthChecksBuilder AddRetryingCheck(
        this IHealthChecksBuilder checks, string name, Func<CancellationToken, Task<HealthCheckResult>> check) =>
        checks.AddAsyncCheck(name, cancellationToken => UntilHealthyAsync(check, Patience, RetryInterval, cancellationToken));

    /// <summary>Runs <paramref name="check"/> until it is healthy or <paramref name="patience"/> is spent; returns its last result.</summary>
    public static async Task<HealthCheckResult> UntilHealthyAsync(
        Func<CancellationToken, Task<HealthCheckResult>> check, TimeSpan patience, TimeSpan retryInterval, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var result = await check(cancellationToken);
            if (result.Status == HealthStatus.Healthy || TimeProvider.System.GetElapsedTime(started) + retryInterval > patience)
            {
                return result;
            }

            await Task.Delay(retryInterval, cancellationToken);
        }
    }

    /// <summary>
    /// In place of Aspire's <c>WithHttpHealthCheck</c>: GET <paramref name="path"/> on the project's <c>http</c> endpoint,
    /// healthy on a 2xx answer, checked promptly.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRetryingHttpHealthCheck(this IResourceBuilder<ProjectResource> project, string path)
    {
        var endpoint = project.GetEndpoint("http");
        var key = $"{project.Resource.Name}-http-check";
        project.ApplicationBuilder.Services.AddHealthChecks().AddRetryingCheck(key, cancellationToken => endpoint.IsAllocated
            ? ProbeHttpAsync(new Uri(new Uri(endpoint.Url), path), cancellationToken)
            : Task.FromResult(HealthCheckResult.Unhealthy("The endpoint has no address yet.")));
        return project.WithHealthCheck(key);
    }

    /// <summary>One GET of <paramref name="uri"/>: healthy on a 2xx answer.</summary>
    public static async Task<HealthCheckResult> ProbeHttpAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(uri, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"GET {uri.AbsolutePath} answered {(int)response.StatusCode}.");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }
}
