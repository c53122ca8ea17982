using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
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
        await StopAsync("reporting");
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
            await StartAsync("reporting");
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

    /// <summary>
    /// Alone, for the same reason, and because this test's client address is every test's: requests without a token,
    /// development token requests included, share one bucket per address, while health probes are never limited. The
    /// test ends once the address is served again, so the tests after it get their tokens.
    /// </summary>
    [Fact]
    public async Task Clients_without_a_token_are_limited_by_address_and_so_is_the_development_token_endpoint()
    {
        using var anonymous = platform.CreateGatewayClient();
        // As a browser asks: the refusal is problem details all the same.
        anonymous.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        const string Themes = "GET /api/themes", DevToken = "POST /api/dev/token", Health = "GET /health", Alive = "GET /alive";
        var requests = new (string Name, Func<Task<HttpResponseMessage>> Send)[]
        {
            (Themes, () => anonymous.GetAsync("/api/themes", Token)),
            (Themes, () => anonymous.GetAsync("/api/themes", Token)),
            (DevToken, () => anonymous.PostAsJsonAsync("/api/dev/token", new { role = "reader" }, Token)),
            (Health, () => anonymous.GetAsync("/health", Token)),
            (Themes, () => anonymous.GetAsync("/api/themes", Token)),
            (Themes, () => anonymous.GetAsync("/api/themes", Token)),
            (DevToken, () => anonymous.PostAsJsonAsync("/api/dev/token", new { role = "reader" }, Token)),
            (Alive, () => anonymous.GetAsync("/alive", Token)),
        };

        // Refusals by request, each with its content type, Retry-After and problem status.
        var refused = new Dictionary<string, (string? MediaType, string? RetryAfter, int Status)>();
        var serverErrors = new List<string>();
        try
        {
            for (var batch = 0; batch < 20 && !(refused.ContainsKey(Themes) && refused.ContainsKey(DevToken)); batch++)
            {
                var answers = await Task.WhenAll(Enumerable.Range(0, PlatformFixture.RateLimitBurst).Select(async i =>
                {
                    var (name, send) = requests[i % requests.Length];
                    return (Name: name, Response: await send());
                }));
                foreach (var (name, response) in answers)
                {
                    using (response)
                    {
                        if ((int)response.StatusCode >= 500)
                        {
                            serverErrors.Add($"{name}: {(int)response.StatusCode}");
                        }

                        if (response.StatusCode == HttpStatusCode.TooManyRequests && !refused.ContainsKey(name))
                        {
                            refused[name] = (response.Content.Headers.ContentType?.MediaType, response.Headers.TryGetValues("Retry-After", out var retryAfter) ? retryAfter.Single() : null,
                                (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("status").GetInt32());
                        }
                    }
                }
            }

            Assert.Empty(serverErrors);
            foreach (var name in new[] { Themes, DevToken })
            {
                Assert.True(refused.TryGetValue(name, out var refusal), $"{name} was never refused");
                Assert.Equal(("application/problem+json", 429), (refusal.MediaType, refusal.Status));
                Assert.True(int.Parse(refusal.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
            }

            Assert.False(refused.ContainsKey(Health), "a health probe was refused");
            Assert.False(refused.ContainsKey(Alive), "a liveness probe was refused");
        }
        finally
        {
            await Wait.UntilAsync(async () =>
            {
                using var token = await anonymous.PostAsJsonAsync("/api/dev/token", new { role = "reader" }, Token);
                return token.StatusCode == HttpStatusCode.OK;
            }, TimeSpan.FromSeconds(30), "the address served again", Token);
        }
    }

    private Task StopAsync(string resource) => platform.App.StopResourceAsync(resource, Token);

    private Task StartAsync(string resource) => platform.App.StartResourceAsync(resource, Token);

    private async Task<Guid> SubmitAsync(HttpClient municipality, string topic, int i)
    {
        using var response = await municipality.PostAsJsonAsync("/api/needs", new
        {
            title = $"Elnätskapacitet för industrin {topic} {i}",
            description = $"Kommunen behöver mer elnätskapacitet {topic} för nya etableringar, omgång {i}.",
            theme = "electricity",
            municipalityCodes = new[] { "2580" },
            urgency = "high",
        }, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
    }

    private async Task<HttpClient> MunicipalityAsync() =>
        await platform.CreateGatewayClientAsync("actor", await platform.MunicipalityActorAsync("2580", Token), Token);

    /// <summary>Every need linked to a challenge by challenge-tracking and known once to reporting.</summary>
    private async Task AssertEveryNeedArrivedOnceAsync(Guid[] ids)
    {
        await Wait.UntilAsync(async () => await platform.ScalarAsync("challengesdb", "SELECT count(*) FROM needs WHERE id = ANY ($1) AND challenge_id IS NOT NULL", (object)ids) == ids.Length,
            TimeSpan.FromSeconds(120), "every need clustered", Token);
        await Wait.UntilAsync(async () => await platform.ScalarAsync("reportingdb", "SELECT count(*) FROM rm_needs WHERE id = ANY ($1) AND reference IS NOT NULL AND status = 'linked'", (object)ids) == ids.Length,
            TimeSpan.FromSeconds(120), "every need submitted and linked in reporting", Token);
        await Wait.UntilAsync(async () => await platform.ScalarAsync("needsdb", "SELECT count(*) FROM needs WHERE id = ANY ($1) AND status = 'linked'", (object)ids) == ids.Length,
            TimeSpan.FromSeconds(120), "every need linked in needs-intake", Token);
        Assert.Equal(ids.Length, await platform.ScalarAsync("reportingdb",
            "SELECT count(*) FROM event_log WHERE message_type LIKE '%.NeedSubmitted' AND (payload->>'needId')::uuid = ANY ($1)", (object)ids));
        // Once: a second delivery of a link would have written a second history entry.
        Assert.Equal(ids.Length, await platform.ScalarAsync("needsdb", "SELECT count(*) FROM need_history WHERE need_id = ANY ($1) AND action = 'linked'", (object)ids));
    }

    [Fact]
    public async Task Needs_submitted_while_the_broker_is_down_reach_every_service_once_it_is_back()
    {
        using var municipality = await MunicipalityAsync();
        var topic = Guid.NewGuid().ToString("N")[..8];
        await StopAsync("messaging");
        var ids = new List<Guid>();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                ids.Add(await SubmitAsync(municipality, topic, i));
            }
        }
        finally
        {
            await StartAsync("messaging");
        }

        await AssertEveryNeedArrivedOnceAsync([.. ids]);
    }

    [Fact]
    public async Task A_service_restarted_mid_stream_loses_nothing()
    {
        using var municipality = await MunicipalityAsync();
        var topic = Guid.NewGuid().ToString("N")[..8];
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            if (i == 5)
            {
                await StopAsync("challenge-tracking");
            }

            if (i == 12)
            {
                await StartAsync("challenge-tracking");
            }

            ids.Add(await SubmitAsync(municipality, topic, i));
        }

        await AssertEveryNeedArrivedOnceAsync([.. ids]);
    }

    [Fact]
    public async Task With_the_database_down_the_APIs_answer_503_at_once_and_recover_by_themselves()
    {
        using var coordinator = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        await StopAsync("postgres");
        try
        {
            foreach (var path in new[] { "/api/needs", "/api/actors", "/api/challenges", "/api/reports/overview" })
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await coordinator.GetAsync(path, Token);
                var elapsed = Stopwatch.GetElapsedTime(started);
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
                Assert.True(elapsed < TimeSpan.FromSeconds(5), $"{path} answered in {elapsed.TotalMilliseconds:N0} ms");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        finally
        {
            await StartAsync("postgres");
        }

        foreach (var path in new[] { "/api/needs", "/api/actors", "/api/challenges", "/api/reports/overview" })
        {
            await Wait.UntilAsync(async () =>
            {
                using var response = await coordinator.GetAsync(path, Token);
                return response.StatusCode == HttpStatusCode.OK;
            }, TimeSpan.FromSeconds(60), $"{path} serving again", Token);
        }
    }
}
