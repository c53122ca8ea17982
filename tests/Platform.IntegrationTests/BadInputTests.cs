using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.IntegrationTests;

/// <summary>Hostile and broken input through the gateway: always a 4xx problem details answer, never a 5xx, nothing stored.</summary>
public sealed class BadInputTests(PlatformFixture platform)
{
    private static readonly string Marker = $"badinput{Guid.NewGuid():N}";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, string> Inputs()
    {
        var huge = new string('x', 900_000);
        var data = new TheoryData<string, string, string, string>
        {
            // method, path, content type, body ({marker} is replaced)
            { "POST", "/api/actors", "application/json", "{\"name\": \"{marker}\", \"kind\": " },
            { "POST", "/api/actors", "application/json", "{\"name\": \"{marker}\", \"kind\": 42}" },
            { "POST", "/api/actors", "application/json", "{\"name\": \"{marker}\", \"kind\": \"<script>alert(1)</script>\"}" },
            { "POST", "/api/actors", "application/json", "{\"name\": \"{marker}\", \"kind\": \"company'; DROP TABLE actors;--\"}" },
            { "POST", "/api/actors", "application/json", "{\"name\": \"{marker}" + huge + "\", \"kind\": \"company\"}" },
            { "POST", "/api/actors", "application/json", "[1, 2, 3]" },
            { "POST", "/api/actors", "text/plain", "{marker}" },
            { "POST", "/api/needs", "application/json", "{\"title\": \"{marker}\", \"description\": \"Beskrivning av behovet\", \"theme\": \"housing' OR '1'='1\", \"municipalityCodes\": [\"2580\"], \"urgency\": \"high\"}" },
            { "POST", "/api/needs", "application/json", "{\"title\": \"{marker}\", \"description\": \"Beskrivning av behovet\", \"theme\": \"housing\", \"municipalityCodes\": [\"2580; DROP TABLE needs\"], \"urgency\": \"high\"}" },
            { "POST", "/api/needs", "application/json", "{\"title\": \"{marker}\", \"description\": \"Beskrivning av behovet\", \"theme\": \"housing\", \"municipalityCodes\": \"2580\", \"urgency\": \"extreme\"}" },
            { "POST", "/api/needs", "application/json", "{\"title\": \"{marker}\", \"description\": \"Beskrivning\", \"theme\": \"housing\", \"municipalityCodes\": [\"2580\"], \"urgency\": \"high\", \"quantity\": {\"value\": \"many\"}}" },
            { "POST", "/api/needs", "application/json", "{\"title\": \"{marker}\", \"description\": \"Beskrivning\", \"theme\": \"housing\", \"municipalityCodes\": [\"2580\"], \"urgency\": \"high\", \"neededBy\": \"1999-13-45\"}" },
            { "POST", "/api/needs/import", "text/csv", "title,description,theme,municipality_codes,urgency\r\n{marker},\"unterminated,housing,2580,high\r\n" },
            { "POST", "/api/efforts", "application/json", "{\"title\": \"{marker}\", \"challengeIds\": [\"not-a-guid\"], \"budgetSek\": 1e400}" },
            { "POST", "/api/efforts", "application/json", "{\"title\": \"{marker}\", \"challengeIds\": [], \"budgetSek\": -5, \"startDate\": \"2024-01-01\", \"endDate\": \"2023-01-01\"}" },
            { "POST", "/api/assignments", "application/json", "{\"reference\": \"KN2023/03505'--\", \"title\": \"{marker}\", \"budgetSek\": 0.001}" },
            { "POST", "/api/lessons", "application/json", "{\"title\": \"{marker}\", \"text\": null, \"targetGroups\": [null]}" },
            { "GET", "/api/actors?page=abc&pageSize=-1&q={marker}", "", "" },
            { "GET", "/api/needs?theme=<script>&status=DROP%20TABLE&q={marker}", "", "" },
            { "GET", "/api/actors/1%20OR%201=1", "", "" },
            { "GET", "/api/reports/final?assignment=KN2023/03505&format=<svg/onload=alert(1)>", "", "" },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Bad_input_is_a_4xx_problem_and_stores_nothing(string method, string path, string contentType, string body)
    {
        using var client = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{marker}", Marker, StringComparison.Ordinal));
        if (method != "GET")
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.Replace("{marker}", Marker, StringComparison.Ordinal)));
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await client.SendAsync(request, Token);
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{method} {path}: {status} {await response.Content.ReadAsStringAsync(Token)}");
        if (status != 404)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        await AssertNothingStoredAsync(client);
    }

    public static TheoryData<string, string, string, string> FieldInputs()
    {
        var id = Guid.NewGuid();
        return new TheoryData<string, string, string, string>
        {
            // method, path, body ({marker} is replaced), the field the problem names
            { "POST", "/api/actors", "{\"name\": \"{marker}\\u0000\", \"kind\": \"company\"}", "$.name" },
            { "POST", "/api/actors", "{\"name\": \"{marker}\\u202Efdp.exe\", \"kind\": \"company\"}", "name" },
            { "POST", "/api/actors", "{\"name\": \"{marker}\", \"kind\": \"company\", \"contacts\": [{\"name\": \"A\\u0000\", \"role\": \"VD\"}]}", "$.contacts[0].name" },
            { "POST", "/api/forums", "{\"name\": \"{marker}\", \"purpose\": \"Syfte\\u0000\", \"scope\": \"regional\"}", "$.purpose" },
            { "POST", "/api/meetings", "{\"title\": \"{marker}\", \"date\": \"2024-01-31\", \"minutes\": \"Protokoll\\u0000\"}", "$.minutes" },
            { "POST", "/api/challenges", "{\"title\": \"{marker}\\u0000\", \"description\": \"Beskrivning av utmaningen i norr\", \"theme\": \"housing\"}", "$.title" },
            { "POST", "/api/lessons", "{\"title\": \"{marker}\", \"text\": \"Lärdom\\u0000 om samverkan\"}", "$.text" },
            { "POST", "/api/needs", "{\"title\": \"{marker}\", \"description\": \"Beskrivning av behovet\", \"theme\": \"housing\", \"municipalityCodes\": [\"2580\"], \"urgency\": \"high\", \"quantity\": {\"value\": 3, \"unit\": \"st\\u0000\"}}", "$.quantity.unit" },
            { "POST", $"/api/needs/{id}/triage", "{\"decision\": \"reject\", \"reason\": \"{marker}\\u0000\"}", "$.reason" },
            { "POST", $"/api/needs/{id}/withdraw", "{\"reason\": \"{marker}\\u0000\"}", "$.reason" },
            { "POST", "/api/efforts", "{\"title\": \"{marker}\", \"budgetSek\": \"500\"}", "$.budgetSek" },
            { "POST", "/api/establishments", "{\"name\": \"{marker}\", \"investmentSek\": \"500\"}", "$.investmentSek" },
            { "GET", "/api/needs?q={marker}%00", "", "q" },
            { "GET", "/api/actors?municipality=25%0080", "", "municipality" },
            { "GET", "/api/challenges?county=2%005", "", "county" },
            { "GET", "/api/reports/finance?assignment=KN2023%00", "", "assignment" },
            { "GET", "/api/lessons?targetGroup=kommuner%00", "", "targetGroup" },
            { "GET", "/api/needs?submittedBy=x", "", "submittedBy" },
            { "GET", "/api/reports/progress?from=9999-12-31&to=9999-12-31", "", "from" },
            { "GET", "/api/meetings?from=9999-12-31", "", "from" },
            { "GET", "/api/actors?page=2147483647", "", "page" },
            { "GET", "/api/establishments?page=2147483647", "", "page" },
            { "GET", "/api/forums?page=2147483647", "", "page" },
            { "GET", "/api/meetings?page=2147483647", "", "page" },
            { "GET", "/api/needs?page=2147483647", "", "page" },
            { "GET", "/api/challenges?page=2147483647", "", "page" },
            { "GET", "/api/efforts?page=2147483647", "", "page" },
            { "GET", "/api/assignments?page=2147483647", "", "page" },
            { "GET", "/api/lessons?page=2147483647", "", "page" },
            { "GET", "/api/needs?page=99999999999", "", "page" },
        };
    }

    [Theory]
    [MemberData(nameof(FieldInputs))]
    public async Task Hostile_text_numbers_dates_and_pages_are_400_naming_the_field(string method, string path, string body, string field)
    {
        // Withdrawing is for the submitting actor's users; the others are the coordinator's.
        using var client = path.EndsWith("/withdraw", StringComparison.Ordinal)
            ? await platform.CreateGatewayClientAsync("actor", Guid.NewGuid(), Token)
            : await platform.CreateGatewayClientAsync("coordinator", null, Token);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{marker}", Marker, StringComparison.Ordinal));
        if (method != "GET")
        {
            request.Content = new StringContent(body.Replace("{marker}", Marker, StringComparison.Ordinal), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"{method} {path}: {text}");
        Assert.DoesNotContain("Guid", messages[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Int32", messages[0].GetString(), StringComparison.Ordinal);
        using var coordinator = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        await AssertNothingStoredAsync(coordinator);
    }

    [Theory]
    [InlineData("GET", "/api/needs?q=a%00", "", "q")]
    [InlineData("POST", "/api/actors", "{\"name\": \"A\\u0000\", \"kind\": \"company\"}", "$.name")]
    [InlineData("POST", "/api/actors", "{\"name\": ", "$")]
    [InlineData("POST", "/api/actors", "{\"name\": \"Ok AB\", \"kind\": 42}", "$.kind")]
    public async Task A_client_that_accepts_only_html_gets_problem_details_too(string method, string path, string body, string field)
    {
        using var client = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.ParseAdd("text/html");
        if (method != "GET")
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(field, JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Single().Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task If_match_compares_strongly_and_a_star_matches_the_current_version()
    {
        using var client = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        using var created = await client.PostAsJsonAsync("/api/actors", new { name = $"Villkorsbolaget {Guid.NewGuid():N}", kind = "company" }, Token);
        var actor = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        var path = $"/api/actors/{actor.GetProperty("id").GetGuid()}";
        var etag = created.Headers.ETag!.Tag;

        async Task<System.Net.HttpStatusCode> PutAsync(string ifMatch, string name)
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(new { name, kind = "company" }) };
            put.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            using var response = await client.SendAsync(put, Token);
            return response.StatusCode;
        }

        Assert.Equal(System.Net.HttpStatusCode.PreconditionFailed, await PutAsync($"W/{etag}", "Svagt villkor AB"));
        Assert.Equal(System.Net.HttpStatusCode.OK, await PutAsync("*", "Vilket villkor som helst AB"));
        Assert.Equal(System.Net.HttpStatusCode.PreconditionFailed, await PutAsync(etag, "Gammalt villkor AB"));
        var current = await client.GetFromJsonAsync<JsonElement>(path, Token);
        Assert.Equal("Vilket villkor som helst AB", current.GetProperty("name").GetString());
    }

    public static TheoryData<string> BadPaths() => new(
        "/api/needs/%00",
        "/api/needs/%ZZ",
        "/api/needs/%",
        "/api/needs/%01%1B%5B31m",
        "/api/needs/%7F",
        "/api/needs/%E2%80%AE",
        "/api/needs/%C3%28%FF%FE",
        "/api/..%2f..%2fetc%2fpasswd",
        "/api/needs/..%5c..%5cwindows",
        "/api/needs/%2F%2F",
        "/api/needs/" + new string('7', 5_000),
        "/api/actors/" + new string('7', 5_000) + "/history",
        "/api/no-such-route");

    /// <summary>
    /// Every path outside <c>/api</c> is the web client's: a path it does not know is its "not found" page (for people,
    /// not problem details), and the services' operator endpoints are never reached, whatever the dot segments.
    /// </summary>
    [Theory]
    [InlineData("GET", "/no-such-route")]
    [InlineData("GET", "/api/%2e%2e/operations/read-models/rebuild")]
    [InlineData("POST", "/api/%2e%2e/operations/read-models/rebuild")]
    [InlineData("POST", "/operations/read-models/rebuild")]
    public async Task A_path_outside_the_API_is_the_web_clients_not_found_page(string method, string path)
    {
        using var client = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        var target = new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), target), Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode} {body}");
        Assert.DoesNotContain("rebuilt", body, StringComparison.OrdinalIgnoreCase);
        if (method == "GET")
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Sidan finns inte", body, StringComparison.Ordinal);
        }
    }

    /// <summary>Paths sent as written (percent-encodings kept, no dot segments removed by the client).</summary>
    [Theory]
    [MemberData(nameof(BadPaths))]
    public async Task A_bad_path_is_a_4xx_problem(string path)
    {
        using var client = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        var target = new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var response = await client.GetAsync(target, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{path}: {status} {body}");
        if (path.Contains("%00", StringComparison.Ordinal))
        {
            // Kestrel refuses a path that decodes to NUL while it parses the request line, before any middleware, and
            // has no way to give that answer a body.
            Assert.Equal(400, status);
            return;
        }

        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{path}: {status} '{response.Content.Headers.ContentType}' {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Invalid_UTF8_is_a_400_problem_and_stores_nothing()
    {
        using var client = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        var prefix = Encoding.UTF8.GetBytes($"{{\"name\": \"{Marker}");
        byte[] invalid = [0xC3, 0x28, 0xFF, 0xFE];
        var suffix = Encoding.UTF8.GetBytes("\", \"kind\": \"company\"}");
        using var json = new ByteArrayContent([.. prefix, .. invalid, .. suffix]);
        json.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("/api/actors", json, Token);
        Assert.Equal(400, (int)response.StatusCode);

        using var csv = new ByteArrayContent([.. Encoding.UTF8.GetBytes($"title,description,theme,municipality_codes,urgency\r\n{Marker}"), .. invalid, .. Encoding.UTF8.GetBytes(",Beskrivning av behov,housing,2580,high\r\n")]);
        csv.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var import = await client.PostAsync("/api/needs/import", csv, Token);
        Assert.Equal(400, (int)import.StatusCode);
        await AssertNothingStoredAsync(client);
    }

    private static async Task AssertNothingStoredAsync(HttpClient client)
    {
        var actors = await client.GetFromJsonAsync<JsonElement>($"/api/actors?q={Marker}", Token);
        Assert.Equal(0, actors.GetProperty("total").GetInt64());
        var needs = await client.GetFromJsonAsync<JsonElement>($"/api/needs?q={Marker}", Token);
        Assert.Equal(0, needs.GetProperty("total").GetInt64());
        var lessons = await client.GetFromJsonAsync<JsonElement>("/api/lessons?published=false&pageSize=100", Token);
        Assert.DoesNotContain(lessons.GetProperty("items").EnumerateArray(), lesson => lesson.GetProperty("title").GetString()!.Contains(Marker, StringComparison.Ordinal));
    }
}
