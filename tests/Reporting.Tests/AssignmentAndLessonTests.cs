using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Challenges;
using Platform.Testing;

namespace Platform.Reporting.Tests;

public sealed class AssignmentAndLessonTests(ReportingApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, object?> Assignment(string reference) => new()
    {
        ["reference"] = reference,
        ["title"] = "Uppdrag om kompetensförsörjning",
        ["decisionDate"] = "2024-03-01",
        ["reportDueDate"] = "2025-03-01",
        ["appropriation"] = "Anslag 1:4 Tillväxtverket",
        ["budgetYear"] = 2024,
        ["budgetSek"] = 1_500_000.50m,
    };

    private static string NewReference() => $"N{Random.Shared.Next(1000, 9999)}/{Random.Shared.Next(1, 999_999):D6}";

    [Fact]
    public async Task An_assignment_is_added_listed_and_a_second_with_its_reference_is_409()
    {
        var reference = NewReference();
        using var coordinator = app.Client("coordinator");
        using var created = await coordinator.PostAsJsonAsync("/api/assignments", Assignment(reference), Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1_500_000.50m, (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("budgetSek").GetDecimal());

        using var again = await coordinator.PostAsJsonAsync("/api/assignments", Assignment(reference), Token);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Announced once, in the same transaction: challenge-tracking learns from it which assignments may fund efforts.
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.AssignmentRegistered' AND payload->>'reference' = $1", reference));

        var list = await app.Client("reader").GetFromJsonAsync<JsonElement>("/api/assignments?pageSize=100", Token);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), item => item.GetProperty("reference").GetString() == reference);
        Assert.True(list.GetProperty("total").GetInt64() >= 2);
    }

    [Fact]
    public async Task An_assignment_is_corrected_under_If_Match_and_a_budget_change_is_a_new_entry()
    {
        var reference = NewReference();
        using var coordinator = app.Client("coordinator");
        using (var created = await coordinator.PostAsJsonAsync("/api/assignments", Assignment(reference), Token))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var read = await coordinator.GetAsync($"/api/assignments/{reference}", Token);
        var etag = read.Headers.ETag!.Tag;
        var corrected = Assignment(reference);
        corrected["reportDueDate"] = "2025-06-30";
        corrected["budgetSek"] = 2_000_000m;
        using (var missing = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/assignments/{reference}", corrected, null, Token))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        }

        var renamed = Assignment(NewReference());
        using (var other = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/assignments/{reference}", renamed, etag, Token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
            Assert.True((await other.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty("reference", out _));
        }

        using (var reader = app.Client("reader"))
        using (var refused = await reader.SendJsonAsync(HttpMethod.Put, $"/api/assignments/{reference}", corrected, etag, Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var unknown = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/assignments/{renamed["reference"]}", renamed, etag, Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM assignment_budgets WHERE reference = $1", reference));
        using (var edited = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/assignments/{reference}", corrected, etag, Token))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
            var body = await edited.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal(("2025-06-30", 2_000_000m), (body.GetProperty("reportDueDate").GetString(), body.GetProperty("budgetSek").GetDecimal()));
        }

        using (var stale = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/assignments/{reference}", corrected, etag, Token))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        // The registered amount stays as it was; the change is an entry of its own, which the database keeps.
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM assignments WHERE reference = $1 AND budget_sek = 1500000.50", reference));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM assignment_budgets WHERE reference = $1 AND budget_sek = 2000000", reference));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.ScalarAsync("DELETE FROM assignment_budgets WHERE reference = $1", reference));
        Assert.Equal(1, await app.ScalarAsync(
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.AssignmentUpdated' AND payload->>'reference' = $1 AND (payload->>'budgetSek')::numeric = 2000000", reference));

        var finance = await coordinator.GetFromJsonAsync<JsonElement>($"/api/reports/finance?assignment={Uri.EscapeDataString(reference)}", Token);
        Assert.Equal(2_000_000m, finance.GetProperty("budgetSek").GetDecimal());
    }

    [Theory]
    [InlineData("reference", "KN-2023")]
    [InlineData("title", "")]
    [InlineData("decisionDate", "22/6/2023")]
    [InlineData("reportDueDate", "2024-02-30")]
    [InlineData("appropriation", null)]
    [InlineData("budgetYear", 1999)]
    [InlineData("budgetSek", 0)]
    [InlineData("budgetSek", 10.001)]
    public async Task A_bad_assignment_field_is_400_naming_it_and_writes_nothing(string field, object? value)
    {
        var reference = NewReference();
        var body = Assignment(reference);
        body[field] = value is double number ? (decimal)number : value;
        using var response = await app.Client("coordinator").PostAsJsonAsync("/api/assignments", body, Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name {field}: {problem}");
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM assignments WHERE reference = $1", reference));
    }

    [Fact]
    public async Task Only_coordinators_add_assignments_and_lessons()
    {
        using var reader = app.Client("reader");
        using var assignment = await reader.PostAsJsonAsync("/api/assignments", Assignment(NewReference()), Token);
        Assert.Equal(HttpStatusCode.Forbidden, assignment.StatusCode);
        using var lesson = await app.Client("actor", Guid.NewGuid()).PostAsJsonAsync("/api/lessons", new { title = "Lärdom", text = "En lärdom om samverkan.", targetGroups = new[] { "kommuner" } }, Token);
        Assert.Equal(HttpStatusCode.Forbidden, lesson.StatusCode);
        using var anonymous = await app.Client(null).GetAsync("/api/reports/overview", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_draft_lesson_is_hidden_from_readers_until_published_which_publishes_its_event()
    {
        var challenge = Guid.CreateVersion7();
        await app.ApplyAsync([new ChallengeIdentified { ChallengeId = challenge, Reference = "UTM-2026-0042", Theme = "skills", Title = "Kompetens", Status = "identified" }]);

        using var coordinator = app.Client("coordinator");
        using var created = await coordinator.PostAsJsonAsync("/api/lessons", new
        {
            title = "Gemensam rekrytering över länsgränsen",
            text = "Kommuner som rekryterade tillsammans fick fler sökande än de som rekryterade var för sig.",
            targetGroups = new[] { "kommuner", "regioner", "Kommuner" },
            challengeIds = new[] { challenge },
        }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lesson = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        var id = lesson.GetProperty("id").GetGuid();
        Assert.False(lesson.GetProperty("published").GetBoolean());
        Assert.Equal(2, lesson.GetProperty("targetGroups").GetArrayLength());

        using var reader = app.Client("reader");
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/lessons/{id}", Token)).StatusCode);
        var readerList = await reader.GetFromJsonAsync<JsonElement>($"/api/lessons?challenge={challenge}", Token);
        Assert.Equal(0, readerList.GetProperty("total").GetInt64());
        using var readerDrafts = await reader.GetAsync($"/api/lessons?challenge={challenge}&published=false", Token);
        Assert.Equal(HttpStatusCode.BadRequest, readerDrafts.StatusCode);
        Assert.True((await readerDrafts.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty("published", out _));
        var drafts = await coordinator.GetFromJsonAsync<JsonElement>($"/api/lessons?challenge={challenge}&published=false", Token);
        Assert.Equal(id, drafts.GetProperty("items")[0].GetProperty("id").GetGuid());

        using var withoutIfMatch = await coordinator.PostAsync($"/api/lessons/{id}/publish", null, Token);
        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutIfMatch.StatusCode);
        using var stale = await Publish(coordinator, id, "\"7\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var published = await Publish(coordinator, id, created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        using var twice = await Publish(coordinator, id, published.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        await app.WaitForEventAsync("LessonPublished", "lessonId", id, Token);
        var visible = await reader.GetFromJsonAsync<JsonElement>($"/api/lessons?challenge={challenge}&targetGroup=REGIONER", Token);
        Assert.Equal(id, visible.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Drafts_and_published_lessons_are_paged_and_counted_apart()
    {
        var challenge = Guid.CreateVersion7();
        await app.ApplyAsync([new ChallengeIdentified { ChallengeId = challenge, Reference = "UTM-2026-0043", Theme = "housing", Title = "Bostäder", Status = "identified" }]);
        using var coordinator = app.Client("coordinator");
        var drafts = new List<Guid>();
        // Drafts first, then the published ones: the newest first would fill a page of drafts with published lessons.
        foreach (var published in new[] { false, false, true, true, true })
        {
            using var created = await coordinator.PostAsJsonAsync("/api/lessons", new
            {
                title = $"Lärdom om bostadsbyggande {(published ? "publicerad" : "utkast")}",
                text = "Kommuner som planerade bostäder tidigt hann före etableringen.",
                targetGroups = new[] { "kommuner" },
                challengeIds = new[] { challenge },
                published,
            }, Token);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            if (!published)
            {
                drafts.Add((await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid());
            }
        }

        var firstDrafts = await coordinator.GetFromJsonAsync<JsonElement>($"/api/lessons?challenge={challenge}&published=false&pageSize=1", Token);
        var secondDrafts = await coordinator.GetFromJsonAsync<JsonElement>($"/api/lessons?challenge={challenge}&published=false&pageSize=1&page=2", Token);
        Assert.Equal(2, firstDrafts.GetProperty("total").GetInt64());
        Assert.Equal(drafts.Order(), new[] { firstDrafts, secondDrafts }.Select(page => page.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid()).Order());

        var publishedOnes = await coordinator.GetFromJsonAsync<JsonElement>($"/api/lessons?challenge={challenge}&published=true&pageSize=2", Token);
        Assert.Equal(3, publishedOnes.GetProperty("total").GetInt64());
        Assert.All(publishedOnes.GetProperty("items").EnumerateArray(), lesson => Assert.True(lesson.GetProperty("published").GetBoolean()));
        Assert.Equal(5, (await coordinator.GetFromJsonAsync<JsonElement>($"/api/lessons?challenge={challenge}", Token)).GetProperty("total").GetInt64());
        Assert.Equal(3, (await app.Client("reader").GetFromJsonAsync<JsonElement>($"/api/lessons?challenge={challenge}", Token)).GetProperty("total").GetInt64());
    }

    private static Task<HttpResponseMessage> Publish(HttpClient client, Guid id, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/lessons/{id}/publish");
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request, Token);
    }

    [Fact]
    public async Task A_lesson_linking_an_unknown_effort_is_422_and_bad_fields_are_400()
    {
        using var coordinator = app.Client("coordinator");
        var unknown = Guid.NewGuid();
        using var unknownEffort = await coordinator.PostAsJsonAsync("/api/lessons", new
        {
            title = "Lärdom om okänd insats", text = "Den här lärdomen pekar på en insats som inte finns.", targetGroups = new[] { "myndigheter" }, effortIds = new[] { unknown },
        }, Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownEffort.StatusCode);
        Assert.True((await unknownEffort.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty("effortIds[0]", out _));

        using var noGroups = await coordinator.PostAsJsonAsync("/api/lessons", new { title = "Lärdom", text = "För kort", targetGroups = Array.Empty<string>() }, Token);
        Assert.Equal(HttpStatusCode.BadRequest, noGroups.StatusCode);
        var errors = (await noGroups.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("text", out _));
        Assert.True(errors.TryGetProperty("targetGroups", out _));
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM lessons WHERE $1 = ANY (effort_ids)", unknown));
    }
}
