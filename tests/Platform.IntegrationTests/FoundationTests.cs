using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Platform.IntegrationTests;

public sealed class FoundationTests(PlatformFixture platform)
{
    private static CancellationToken Timeout => TestContext.Current.CancellationToken;

    public static TheoryData<string> Resources => new(PlatformFixture.AllResources);

    public static TheoryData<string> Services => new(PlatformFixture.Services);

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Every_resource_reaches_healthy(string resource)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Timeout);
        cancellation.CancelAfter(TimeSpan.FromSeconds(60));
        var state = await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellation.Token);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, state.Snapshot.HealthStatus);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Service_health_checks_its_database_and_the_broker(string service)
    {
        using var client = platform.App.CreateHttpClient(service);
        using var response = await client.GetAsync("/health", Timeout);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks").EnumerateArray()
            .ToDictionary(check => check.GetProperty("name").GetString()!, check => check.GetProperty("status").GetString());
        Assert.Contains(checks, check => check.Key.Contains("postgres", StringComparison.OrdinalIgnoreCase) && check.Value == "Healthy");
        Assert.Contains(checks, check => check.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase) && check.Value == "Healthy");
    }

    [Fact]
    public async Task Gateway_health_answers()
    {
        using var client = platform.CreateGatewayClient();
        using var response = await client.GetAsync("/health", Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dev_token_is_issued_in_development_and_accepted_by_the_gateway()
    {
        using var client = platform.CreateGatewayClient();
        using var tokenResponse = await client.PostAsJsonAsync("/api/dev/token", new { role = "coordinator" }, Timeout);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var token = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(Timeout);
        var accessToken = token.GetProperty("accessToken").GetString();
        Assert.False(string.IsNullOrEmpty(accessToken));
        Assert.True(token.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        using var anonymous = await client.GetAsync("/api/actors", Timeout);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/actors");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var authenticated = await client.SendAsync(request, Timeout);
        Assert.NotEqual(HttpStatusCode.Unauthorized, authenticated.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, authenticated.StatusCode);
    }

    [Fact]
    public async Task Dev_token_request_with_an_unknown_role_is_a_problem_naming_the_field()
    {
        using var client = platform.CreateGatewayClient();
        using var response = await client.PostAsJsonAsync("/api/dev/token", new { role = "admin" }, Timeout);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Timeout);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task Correlation_id_is_returned_by_the_gateway()
    {
        using var client = platform.CreateGatewayClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Correlation-Id", "test-correlation-42");
        using var response = await client.SendAsync(request, Timeout);
        Assert.Equal("test-correlation-42", response.Headers.GetValues("X-Correlation-Id").Single());
    }
}
