using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>Tests that stop parts of the platform run alone, after the others.</summary>
[CollectionDefinition(nameof(Outages), DisableParallelization = true)]
public sealed class Outages;

[Collection(nameof(Outages))]
public sealed class ServiceOutageTests(PlatformFixture platform)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stopped_service_is_503_problem_details_at_once_and_serves_again_when_started()
    {
        using var reader = await platform.CreateGatewayClientAsync("reader", null, Token);
        await platform.App.ResourceCommands.ExecuteCommandAsync("reporting", "resource-stop", Token);
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await reader.GetAsync("/api/reports/overview", Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(elapsed < TimeSpan.FromSeconds(5), $"answered in {elapsed.TotalMilliseconds:N0} ms");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(response.Headers.RetryAfter);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
        }
        finally
        {
            await platform.App.ResourceCommands.ExecuteCommandAsync("reporting", "resource-start", Token);
            await platform.App.ResourceNotifications.WaitForResourceHealthyAsync("reporting", Token);
        }

        await Wait.UntilAsync(async () =>
        {
            using var response = await reader.GetAsync("/api/reports/overview", Token);
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60), "reporting serving again through the gateway", Token);
    }

    /// <summary>Alone (many requests at once would starve the other tests): a client over its burst gets 429.</summary>
    [Fact]
    public async Task A_client_over_its_rate_is_429_with_retry_after()
    {
        using var client = await platform.CreateGatewayClientAsync("actor", Guid.NewGuid(), Token);
        var responses = await Task.WhenAll(Enumerable.Range(0, 5 * PlatformFixture.RateLimitBurst).Select(_ => client.GetAsync("/api/themes", Token)));
        try
        {
            var limited = responses.FirstOrDefault(response => response.StatusCode == HttpStatusCode.TooManyRequests);
            Assert.NotNull(limited);
            Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
            Assert.Contains(responses, response => response.StatusCode == HttpStatusCode.OK);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }
}
