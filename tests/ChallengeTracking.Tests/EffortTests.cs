using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.ChallengeTracking.Tests;

public sealed class EffortTests(ChallengeTrackingApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(Guid Challenge, Guid Lead, Guid Partner)> SetUpAsync()
    {
        // Invented words over the whole alphabet: hexadecimal ones share 4-grams often enough to cluster two tests' needs.
        var topic = string.Join(' ', Enumerable.Range(0, 8).Select(_ => new string([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26)))])));
        var challenge = await app.SubmitNeedAsync(ChallengeTrackingApp.Need(topic[..30], topic), Token);
        return (challenge, await app.RegisterActorAsync("agency", Token), await app.RegisterActorAsync("region", Token));
    }

    private static Dictionary<string, object?> Effort(Guid challenge, Guid lead, Guid partner) => new()
    {
        ["title"] = "Samordnad kompetensförsörjning för industrin",
        ["challengeIds"] = new[] { challenge },
        ["leadActorId"] = lead,
        ["participants"] = new[] { new { actorId = partner, role = "implementing" }, new { actorId = lead, role = "funding" } },
        ["status"] = "ongoing",
        ["startDate"] = "2026-01-01",
        ["endDate"] = "2027-12-31",
        ["budgetSek"] = 1_000_000.50m,
        ["fundingAssignment"] = "KN2023/03505",
    };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string? etag = null)
    {
        using var client = app.Client("coordinator");
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request, Token);
    }

    [Fact]
    public async Task An_effort_funded_by_an_assignment_not_registered_is_422_until_reporting_announces_it()
    {
        var (challenge, lead, partner) = await SetUpAsync();
        var reference = $"N{Random.Shared.Next(2000, 2100)}/{Random.Shared.Next(100_000, 999_999)}";
        var effort = Effort(challenge, lead, partner);
        effort["fundingAssignment"] = reference;
        using (var unknown = await SendAsync(HttpMethod.Post, "/api/efforts", effort))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
            var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Contains("try again shortly", problem.GetProperty("errors").GetProperty("fundingAssignment")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM efforts WHERE funding_assignment = $1", reference));

        await app.PublishAsync(new Platform.Contracts.Reporting.AssignmentRegistered
        {
            Reference = reference, Title = "Ett annat uppdrag", BudgetYear = 2026, BudgetSek = 1_000_000m, OccurredAt = DateTimeOffset.UtcNow,
        }, Token);
        await Platform.Testing.Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM assignments WHERE reference = $1", reference) == 1,
            TimeSpan.FromSeconds(30), "the assignment known", Token);
        using var launched = await SendAsync(HttpMethod.Post, "/api/efforts", effort);
        Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
    }

    [Fact]
    public async Task An_effort_is_launched_spends_money_reports_progress_and_completes()
    {
        var (challenge, lead, partner) = await SetUpAsync();
        using var launched = await SendAsync(HttpMethod.Post, "/api/efforts", Effort(challenge, lead, partner));
        Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        var effort = await launched.Content.ReadFromJsonAsync<JsonElement>(Token);
        var id = effort.GetProperty("id").GetGuid();
        Assert.Equal(1_000_000.50m, effort.GetProperty("budgetSek").GetDecimal());
        Assert.Equal(2, effort.GetProperty("participants").GetArrayLength());
        await app.WaitForEventAsync("EffortLaunched", "effortId", id, Token);
        var (withEffort, _) = await app.GetChallengeAsync(challenge, Token);
        Assert.Contains(withEffort.GetProperty("effortIds").EnumerateArray(), effortId => effortId.GetGuid() == id);

        using (var first = await SendAsync(HttpMethod.Post, $"/api/efforts/{id}/expenditures", new { date = "2026-03-15", amountSek = 600_000.25m, category = "personnel", description = "Projektledare" }))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal("false", first.Headers.GetValues("X-Effort-Over-Budget").Single());
        }

        using (var second = await SendAsync(HttpMethod.Post, $"/api/efforts/{id}/expenditures", new { date = "2026-06-01", amountSek = 400_000.50m, category = "transfer" }))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
            Assert.Equal("true", second.Headers.GetValues("X-Effort-Over-Budget").Single());
        }

        using var read = await app.Client("reader").GetAsync($"/api/efforts/{id}", Token);
        var spent = await read.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(1_000_000.75m, spent.GetProperty("spentSek").GetDecimal());
        Assert.Equal(-0.25m, spent.GetProperty("remainingSek").GetDecimal());
        Assert.True(spent.GetProperty("overBudget").GetBoolean());
        await app.WaitForEventAsync("ExpenditureRecorded", "effortId", id, Token, count: 2);

        var etag = read.Headers.ETag!.ToString();
        var progress = new
        {
            progressPercent = 100, status = "completed", note = "Alla utbildningsomgångar genomförda.",
            indicators = new[] { new { name = "Utbildade operatörer", unit = "personer", baseline = 0m, target = 400m, actual = (decimal?)420m } },
        };
        using (var noIfMatch = await SendAsync(HttpMethod.Post, $"/api/efforts/{id}/progress", progress))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        }

        using (var stale = await SendAsync(HttpMethod.Post, $"/api/efforts/{id}/progress", progress, "\"1\""))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        using var completed = await SendAsync(HttpMethod.Post, $"/api/efforts/{id}/progress", progress, etag);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var done = await completed.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(420m, done.GetProperty("indicators")[0].GetProperty("actual").GetDecimal());
        await app.WaitForEventAsync("EffortCompleted", "effortId", id, Token);
        await app.WaitForEventAsync("EffortProgressReported", "effortId", id, Token);
        // Reporting learns the results from the event: the indicator travels with it.
        Assert.True(await app.ScalarAsync(
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.EffortProgressReported' AND payload->>'effortId' = $1 AND (payload->'indicators'->0->>'actual')::numeric = 420",
            id.ToString()) >= 1);

        using var reopen = await SendAsync(HttpMethod.Post, $"/api/efforts/{id}/progress", new { progressPercent = 50, status = "ongoing" }, completed.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, reopen.StatusCode);
    }

    public static TheoryData<string, object?, string> InvalidFields => new()
    {
        { "title", "", "title" },
        { "challengeIds", Array.Empty<Guid>(), "challengeIds" },
        { "leadActorId", null, "leadActorId" },
        { "status", "completed", "status" },
        { "startDate", "2026-13-01", "startDate" },
        { "endDate", "2025-12-31", "endDate" },
        { "budgetSek", -1m, "budgetSek" },
        { "budgetSek", 10.555m, "budgetSek" },
        { "fundingAssignment", "uppdrag 7", "fundingAssignment" },
        { "participants", new[] { new { actorId = Guid.NewGuid(), role = "sponsor" } }, "participants[0].role" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Each_invalid_effort_field_is_400_naming_it_and_writes_nothing(string property, object? value, string field)
    {
        var (challenge, lead, partner) = await SetUpAsync();
        var body = Effort(challenge, lead, partner);
        body[property] = value;
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, field, lead);
    }

    [Fact]
    public async Task Unknown_challenges_and_actors_are_422_and_write_nothing()
    {
        var (challenge, lead, partner) = await SetUpAsync();
        var body = Effort(challenge, lead, partner);
        body["challengeIds"] = new[] { challenge, Guid.NewGuid() };
        await AssertRejectedAsync(body, HttpStatusCode.UnprocessableEntity, "challengeIds", lead);
        body = Effort(challenge, lead, partner);
        body["leadActorId"] = Guid.NewGuid();
        await AssertRejectedAsync(body, HttpStatusCode.UnprocessableEntity, "leadActorId", lead);
        body = Effort(challenge, lead, Guid.NewGuid());
        await AssertRejectedAsync(body, HttpStatusCode.UnprocessableEntity, "participants[0].actorId", lead);
    }

    [Fact]
    public async Task Expenditures_are_positive_within_the_dates_and_never_on_a_cancelled_effort()
    {
        var (challenge, lead, partner) = await SetUpAsync();
        using var launched = await SendAsync(HttpMethod.Post, "/api/efforts", Effort(challenge, lead, partner));
        var effort = await launched.Content.ReadFromJsonAsync<JsonElement>(Token);
        var id = effort.GetProperty("id").GetGuid();

        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { date = "2025-12-31", amountSek = 10m, category = "travel" }, "date"),
            (new { date = "2026-05-01", amountSek = 0m, category = "travel" }, "amountSek"),
            (new { date = "2026-05-01", amountSek = 10m, category = "food" }, "category"),
        })
        {
            using var response = await SendAsync(HttpMethod.Post, $"/api/efforts/{id}/expenditures", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM expenditures WHERE effort_id = $1", id));
        using var cancelled = await SendAsync(HttpMethod.Post, $"/api/efforts/{id}/progress", new { progressPercent = 10, status = "cancelled" }, launched.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        using var afterCancel = await SendAsync(HttpMethod.Post, $"/api/efforts/{id}/expenditures", new { date = "2026-05-01", amountSek = 10m, category = "travel" });
        Assert.Equal(HttpStatusCode.Conflict, afterCancel.StatusCode);
        using var missing = await SendAsync(HttpMethod.Post, $"/api/efforts/{Guid.NewGuid()}/expenditures", new { date = "2026-05-01", amountSek = 10m, category = "travel" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // Other tests' efforts may address the same challenge: every one listed matches both filters, this one among them.
        using var list = await app.Client("reader").GetAsync($"/api/efforts?challenge={challenge}&assignment=KN2023%2F03505", Token);
        var items = (await list.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, item => item.GetProperty("id").GetGuid() == id);
        Assert.All(items, item =>
        {
            Assert.Equal("KN2023/03505", item.GetProperty("fundingAssignment").GetString());
            Assert.Contains(item.GetProperty("challengeIds").EnumerateArray(), c => c.GetGuid() == challenge);
        });
    }

    private async Task AssertRejectedAsync(Dictionary<string, object?> body, HttpStatusCode status, string field, Guid lead)
    {
        var before = await app.ScalarAsync("SELECT count(*) FROM efforts WHERE lead_actor_id = $1", lead);
        using var response = await SendAsync(HttpMethod.Post, "/api/efforts", body);
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name {field}: {problem}");
        Assert.Equal(before, await app.ScalarAsync("SELECT count(*) FROM efforts WHERE lead_actor_id = $1", lead));
    }
}
