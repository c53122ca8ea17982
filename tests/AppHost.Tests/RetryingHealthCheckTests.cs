using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Tests;

/// <summary>
/// The AppHost's health checks answer as soon as a resource is ready (within one call), instead of waiting for Aspire's
/// next try (1 to 5 s apart), so each wave of the start-up begins right after the one it waits for.
/// </summary>
public sealed class RetryingHealthCheckTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    [Theory]
    [InlineData(1)] // a healthy resource is checked once
    [InlineData(3)]
    public async Task A_check_is_retried_within_one_call_until_it_is_healthy(int healthyAtCall)
    {
        var calls = 0;
        var result = await RetryingHealthChecks.UntilHealthyAsync(
            _ => Task.FromResult(++calls < healthyAtCall ? HealthCheckResult.Unhealthy("starting") : HealthCheckResult.Healthy()),
            TimeSpan.FromMinutes(1), Interval, TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(healthyAtCall, calls);
    }

    [Fact]
    public async Task Past_its_patience_the_check_returns_the_last_unhealthy_answer()
    {
        var calls = 0;
        var result = await RetryingHealthChecks.UntilHealthyAsync(
            _ => Task.FromResult(HealthCheckResult.Unhealthy($"down {++calls}")),
            TimeSpan.FromMilliseconds(200), Interval, TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.True(calls > 1, $"{calls} call(s)");
        Assert.Equal($"down {calls}", result.Description);
    }

    [Fact]
    public async Task Every_service_has_a_retrying_http_check_of_its_health_endpoint()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["Infrastructure:Mode=local", "Gateway:Port=0"], (_, settings) => settings.EnvironmentName = "Development", cancellationToken);

        var services = builder.Resources.OfType<ProjectResource>().Where(project => project.Name != "demo-seeder").ToList();
        Assert.Equal(7, services.Count);
        foreach (var service in services)
        {
            var check = Assert.Single(service.Annotations.OfType<HealthCheckAnnotation>());
            Assert.Equal($"{service.Name}-http-check", check.Key);
        }
    }

    [Fact]
    public async Task The_http_probe_is_healthy_on_a_success_answer_only()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var port = FreePort();
        var health = new Uri($"http://127.0.0.1:{port}/health");

        var refused = await RetryingHealthChecks.ProbeHttpAsync(health, cancellationToken);
        Assert.Equal(HealthStatus.Unhealthy, refused.Status);

        var status = HttpStatusCode.ServiceUnavailable;
        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var server = web.Build();
        server.MapGet("/health", () => Results.StatusCode((int)status));
        await server.StartAsync(cancellationToken);

        var unavailable = await RetryingHealthChecks.ProbeHttpAsync(health, cancellationToken);
        Assert.Equal(HealthStatus.Unhealthy, unavailable.Status);
        Assert.Equal("GET /health answered 503.", unavailable.Description);

        status = HttpStatusCode.OK;
        Assert.Equal(HealthStatus.Healthy, (await RetryingHealthChecks.ProbeHttpAsync(health, cancellationToken)).Status);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
