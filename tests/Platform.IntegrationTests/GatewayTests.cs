using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Gateway.Hardening;
using Platform.Gateway.Routing;
using Platform.IntegrationTests.Contract;
using Platform.ServiceDefaults.Authentication;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>The gateway's authorisation, limits, CORS, headers, correlation and documentation, on the running platform.</summary>
public sealed class GatewayTests(PlatformFixture platform)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Operations the gateway answers itself (<c>Apis/DevTokenApi.cs</c>, Development only) instead of routing them to a service.</summary>
    private static readonly string[] GatewaysOwnOperations = ["POST /api/dev/token"];

    [Fact]
    public async Task Every_route_reaches_an_operation_of_the_merged_document_and_every_operation_has_a_route()
    {
        var document = await OpenApiDocument.ReadAsync(platform, Token);
        var failures = new List<string>();
        failures.AddRange(GatewayRoutes.All.Where(route => !document.Operations.Any(operation => Takes(route, operation)))
            .Select(route => $"route {route.Name} ({route.Method} {route.Path}) reaches no operation of the merged document"));
        failures.AddRange(document.Operations
            .Where(operation => !GatewaysOwnOperations.Contains(operation.ToString()) && !GatewayRoutes.All.Any(route => Takes(route, operation)))
            .Select(operation => $"{operation} is in the merged document but no route of GatewayRoutes.All reaches it"));
        failures.AddRange(GatewaysOwnOperations.Where(own => !document.Operations.Any(operation => operation.ToString() == own))
            .Select(own => $"{own}, the gateway's own operation, is missing from the merged document"));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// Whether a route takes an operation's requests: the same method, and a path that YARP matches (<c>{id}</c> is any one
    /// segment, <c>{**rest}</c> the path itself and anything under it).
    /// </summary>
    private static bool Takes(GatewayRoute route, OpenApiOperation operation)
    {
        if (route.Method != operation.Method)
        {
            return false;
        }

        var pattern = route.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var path = operation.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i].StartsWith("{**", StringComparison.Ordinal))
            {
                return true;
            }

            if (i >= path.Length || (!pattern[i].StartsWith('{') && pattern[i] != path[i]))
            {
                return false;
            }
        }

        return pattern.Length == path.Length;
    }

    [Fact]
    public async Task Every_route_and_role_of_the_table_is_allowed_or_refused_as_it_says()
    {
        var actorId = Guid.NewGuid();
        var clients = new Dictionary<string, HttpClient>
        {
            ["coordinator"] = await platform.CreateGatewayClientAsync("coordinator", null, Token),
            ["actor"] = await platform.CreateGatewayClientAsync("actor", actorId, Token),
            ["reader"] = await platform.CreateGatewayClientAsync("reader", null, Token),
            ["anonymous"] = platform.CreateGatewayClient(),
        };
        var failures = new List<string>();
        foreach (var route in GatewayRoutes.All)
        {
            var roles = GatewayRoutes.RolesOf(route.Policy);
            foreach (var (role, client) in clients)
            {
                // "own" routes are called on the actor's own id; everything else on an id that does not exist.
                var id = role == "actor" ? actorId : Guid.NewGuid();
                var path = route.Path.Replace("{**rest}", string.Empty, StringComparison.Ordinal).TrimEnd('/').Replace("{id}", id.ToString(), StringComparison.Ordinal);
                if (path == "/api/reports")
                {
                    path = "/api/reports/overview";
                }

                using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
                if (route.Method != "GET")
                {
                    request.Content = path.EndsWith("/import", StringComparison.Ordinal)
                        ? new StringContent("title\n", Encoding.UTF8, "text/csv")
                        : new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request, Token);
                var status = (int)response.StatusCode;
                var expected = roles.Contains(role) ? "allowed" : role == "anonymous" ? "401" : "403";
                var actual = status is 401 or 403 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : status >= 500 ? $"server error {status}" : "allowed";
                if (actual != expected)
                {
                    failures.Add($"{role} {route.Method} {path}: expected {expected}, got {status}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Bad_and_expired_tokens_are_401()
    {
        using var client = platform.CreateGatewayClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/themes", Token)).StatusCode);

        var key = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().Single(p => p.Name == "dev-signing-key");
        var issuer = new DevTokenIssuer(Options.Create(new PlatformAuthenticationOptions { DevSigningKey = await key.GetValueAsync(Token) }), new PastTime());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Issue("coordinator", null).AccessToken);
        using var expired = await client.GetAsync("/api/themes", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    private sealed class PastTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddDays(-2);
    }

    [Fact]
    public async Task Each_development_token_has_its_own_subject_so_testers_of_one_role_do_not_share_a_rate_limit()
    {
        using var client = platform.CreateGatewayClient();
        var actorId = Guid.NewGuid();

        async Task<JsonWebToken> IssueAsync(string role, Guid? actor)
        {
            using var response = await client.PostAsJsonAsync("/api/dev/token", new { role, actorId = actor }, Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return new JsonWebToken((await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("accessToken").GetString());
        }

        foreach (var (role, actor) in new[] { ("coordinator", (Guid?)null), ("reader", null), ("actor", actorId) })
        {
            var first = await IssueAsync(role, actor);
            var second = await IssueAsync(role, actor);
            Assert.NotEqual(first.Subject, second.Subject);
            Assert.Equal(role, first.GetClaim(PlatformRoles.RoleClaim).Value);
            Assert.Equal(role, second.GetClaim(PlatformRoles.RoleClaim).Value);
            if (actor is not null)
            {
                Assert.Equal(actor.ToString(), first.GetClaim(PlatformRoles.ActorIdClaim).Value);
                Assert.Equal(actor.ToString(), second.GetClaim(PlatformRoles.ActorIdClaim).Value);
            }
        }
    }

    [Fact]
    public async Task A_request_target_or_headers_over_the_limits_are_414_and_431_problem_details()
    {
        using var coordinator = await platform.CreateGatewayClientAsync("coordinator", null, Token);

        using var longTarget = await coordinator.GetAsync("/api/needs/" + new string('a', RequestLimits.MaxTargetLength), Token);
        await AssertProblemAsync(longTarget, HttpStatusCode.RequestUriTooLong);
        using var longQuery = await coordinator.GetAsync("/api/needs?q=" + new string('a', RequestLimits.MaxTargetLength), Token);
        await AssertProblemAsync(longQuery, HttpStatusCode.RequestUriTooLong);

        // A client that accepts no JSON gets the problem all the same (not a 500).
        using var html = new HttpRequestMessage(HttpMethod.Get, "/api/needs/" + new string('a', RequestLimits.MaxTargetLength));
        html.Headers.Accept.ParseAdd("text/html");
        await AssertProblemAsync(await coordinator.SendAsync(html, Token), HttpStatusCode.RequestUriTooLong);

        using var largeHeader = new HttpRequestMessage(HttpMethod.Get, "/api/themes");
        largeHeader.Headers.Add("X-Large", new string('a', RequestLimits.MaxHeadersTotalSize));
        await AssertProblemAsync(await coordinator.SendAsync(largeHeader, Token), HttpStatusCode.RequestHeaderFieldsTooLarge);

        using var manyHeaders = new HttpRequestMessage(HttpMethod.Get, "/api/themes");
        for (var i = 0; i < RequestLimits.MaxHeaderCount; i++)
        {
            manyHeaders.Headers.Add($"X-Header-{i}", "a");
        }

        await AssertProblemAsync(await coordinator.SendAsync(manyHeaders, Token), HttpStatusCode.RequestHeaderFieldsTooLarge);

        // Within the limits the same client is served.
        using var served = await coordinator.GetAsync("/api/themes", Token);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        // Just within them the gateway passes the request on, with headers of its own (X-Forwarded-*, traceparent):
        // whatever the service answers, the client gets problem details, never an empty body.
        var path = "/api/needs/";
        using var atTargetLimit = await coordinator.GetAsync(path + new string('a', RequestLimits.MaxTargetLength - path.Length), Token);
        await AssertProblemAsync(atTargetLimit, null);

        using var atSizeLimit = new HttpRequestMessage(HttpMethod.Get, "/api/needs/" + Guid.NewGuid());
        atSizeLimit.Headers.Add("X-Large", new string('a', RequestLimits.MaxHeadersTotalSize - 1_000));
        await AssertProblemAsync(await coordinator.SendAsync(atSizeLimit, Token), null);

        using var atCountLimit = new HttpRequestMessage(HttpMethod.Get, "/api/needs/" + Guid.NewGuid());
        for (var i = 0; i < RequestLimits.MaxHeaderCount - 4; i++)
        {
            atCountLimit.Headers.Add($"X-Header-{i}", "a");
        }

        await AssertProblemAsync(await coordinator.SendAsync(atCountLimit, Token), null);

        // A 4xx problem with a title; the gateway's own refusals (the status expected) also say what the limit is.
        static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode? expected)
        {
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(Token);
                var status = (int)response.StatusCode;
                Assert.True(expected is null ? status is >= 400 and < 500 : response.StatusCode == expected, $"expected {(int?)expected ?? 400}-, got {status}: {body}");
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{status}: '{response.Content.Headers.ContentType}' {body}");
                var problem = JsonDocument.Parse(body).RootElement;
                Assert.Equal(status, problem.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), body);
                if (expected is not null)
                {
                    Assert.True(problem.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()), body);
                }
            }
        }
    }

    [Fact]
    public async Task A_body_over_the_routes_limit_is_413_whether_its_length_is_declared_or_streamed()
    {
        using var client = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        var large = "{\"title\":\"" + new string('x', 1_200_000) + "\"}";
        using var declared = await client.PostAsync("/api/needs", new StringContent(large, Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal("application/problem+json", declared.Content.Headers.ContentType?.MediaType);

        using var streamed = new HttpRequestMessage(HttpMethod.Post, "/api/needs") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(large))) };
        streamed.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        streamed.Headers.TransferEncodingChunked = true;
        using var chunked = await client.SendAsync(streamed, Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
    }

    [Fact]
    public async Task CORS_preflight_admits_the_allowed_origin_only()
    {
        using var client = platform.CreateGatewayClient();
        HttpRequestMessage Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/api/needs");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
            return request;
        }

        using var allowed = await client.SendAsync(Preflight(PlatformFixture.AllowedOrigin), Token);
        Assert.True(allowed.IsSuccessStatusCode, $"preflight: {(int)allowed.StatusCode}");
        Assert.Equal(PlatformFixture.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", string.Join(',', allowed.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);

        using var refused = await client.SendAsync(Preflight("https://evil.example.com"), Token);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Answers_carry_security_headers_and_the_correlation_id_reaches_the_events()
    {
        using var coordinator = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        var correlationId = $"gateway-test-{Guid.NewGuid():N}";
        var name = $"Korrelationsbolaget {Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/actors") { Content = JsonContent.Create(new { name, kind = "company" }) };
        request.Headers.Add("X-Correlation-Id", correlationId);
        using var response = await coordinator.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(correlationId, response.Headers.GetValues("X-Correlation-Id").First());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        Assert.Equal(1, await platform.ScalarAsync("actorsdb", "SELECT count(*) FROM outbox_messages WHERE correlation_id = $1 AND payload->>'name' = $2", correlationId, name));

        using var generated = await coordinator.GetAsync("/api/themes", Token);
        Assert.Matches("^[0-9a-f]{32}$", generated.Headers.GetValues("X-Correlation-Id").First());
    }

    [Fact]
    public async Task One_trace_runs_from_the_gateway_through_the_outbox_and_the_broker_to_the_consumers()
    {
        using var municipality = await platform.CreateGatewayClientAsync("actor", await platform.MunicipalityActorAsync("2580", Token), Token);
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/needs")
        {
            Content = JsonContent.Create(new
            {
                title = $"Spårbar vattenförsörjning {traceId[..8]}", description = "Luleå behöver säkrad vattenförsörjning till nya industriområden.",
                theme = "public-services", municipalityCodes = new[] { "2580" }, urgency = "medium",
            }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await municipality.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var needId = (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid().ToString();

        // needs-intake's event carries the request's trace; challenge-tracking, consuming it from RabbitMQ through the
        // relay, writes its own event (the link) in that same trace.
        async Task<long> TracedAsync(string database, string type) =>
            await platform.ScalarAsync(database, $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.{type}' AND payload->>'needId' = $1 AND trace_parent LIKE '00-' || $2 || '-%'", needId, traceId);
        Assert.Equal(1, await TracedAsync("needsdb", "NeedSubmitted"));
        await Wait.UntilAsync(async () => await TracedAsync("challengesdb", "NeedLinkedToChallenge") == 1, TimeSpan.FromSeconds(30), "the link event in the request's trace", Token);
    }

    /// <summary>Every public path of DESIGN.md's API, as the merged document must list it.</summary>
    private static readonly string[] DesignPaths =
    [
        "/api/counties", "/api/municipalities", "/api/actors", "/api/actors/{id}", "/api/actors/{id}/deactivate", "/api/establishments",
        "/api/establishments/{id}", "/api/forums", "/api/forums/{id}", "/api/forums/{id}/members", "/api/meetings", "/api/meetings/{id}", "/api/needs",
        "/api/needs/{id}", "/api/needs/{id}/history", "/api/needs/{id}/triage", "/api/needs/{id}/withdraw", "/api/needs/import", "/api/themes",
        "/api/challenges", "/api/challenges/{id}", "/api/challenges/{id}/needs", "/api/challenges/{id}/merge", "/api/challenges/{id}/status",
        "/api/efforts", "/api/efforts/{id}", "/api/efforts/{id}/expenditures", "/api/efforts/{id}/progress", "/api/assignments", "/api/lessons",
        "/api/reports/overview", "/api/reports/finance", "/api/reports/final", "/api/reports/progress", "/api/dev/token",
    ];

    [Fact]
    public async Task The_merged_OpenAPI_document_lists_every_public_path_with_named_described_operations()
    {
        using var client = platform.CreateGatewayClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/platform.json", Token);
        Assert.Equal(0, document.GetProperty("x-unavailable").GetArrayLength());
        var paths = document.GetProperty("paths");
        var missing = DesignPaths.Where(path => !paths.TryGetProperty(path, out _)).ToList();
        Assert.True(missing.Count == 0, $"missing: {string.Join(", ", missing)}");
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.True(operation.Value.TryGetProperty("operationId", out _), $"{operation.Name} {path.Name} is named");
                Assert.True(operation.Value.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 10, $"{operation.Name} {path.Name} is described");
            }
        }

        Assert.True(paths.GetProperty("/api/needs").GetProperty("post").GetProperty("responses").TryGetProperty("422", out _), "problem details documented");

        using var reference = await client.GetAsync("/api-reference", Token);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
        var page = await reference.Content.ReadAsStringAsync(Token);
        Assert.True(page.Contains("\"openapi/platform.json\"", StringComparison.Ordinal), page);
        Assert.Contains("script-src 'self'", reference.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var script = await client.GetAsync("/api-reference/scalar.js", Token);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
