using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Needs;
using Platform.Testing;

namespace Platform.ChallengeTracking.Tests;

/// <summary>Coordinators' relinks, merges and status changes, and the fields derived from the linked needs.</summary>
public sealed class ChallengeApiTests(ChallengeTrackingApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Each need is about a topic of invented words, in the theme "other", so it shares no features with any other
    // test's needs and opens its own challenge unless a test means it to join one.
    private static string Topic() => string.Join(' ', Enumerable.Range(0, 10).Select(_ => new string([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26)))])));

    private static NeedSubmitted Lighthouse(string[] municipalities, Guid? establishment = null, string? topic = null) =>
        ChallengeTrackingApp.Need(string.Join(' ', (topic ??= Topic()).Split(' ')[..4]), topic, municipalities: municipalities, establishmentId: establishment);

    private static NeedSubmitted Choir(string[] municipalities) => Lighthouse(municipalities);

    private static NeedSubmitted Reindeer(string[] municipalities, Guid establishment) => Lighthouse(municipalities, establishment);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request, Token);
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];

    private static Guid[] Guids(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetGuid())];

    [Fact]
    public async Task Relink_and_merge_keep_counties_cross_county_and_establishments_right()
    {
        var northNeed = Lighthouse(["2582"]);
        var southNeed = Choir(["2480"]);
        var establishment = Guid.NewGuid();
        var thirdNeed = Reindeer(["2584"], establishment);
        var north = await app.SubmitNeedAsync(northNeed, Token);
        var south = await app.SubmitNeedAsync(southNeed, Token);
        var third = await app.SubmitNeedAsync(thirdNeed, Token);
        Assert.Equal(3, new[] { north, south, third }.Distinct().Count());

        var (challenge, etag) = await app.GetChallengeAsync(north, Token);
        Assert.Equal(["25"], Strings(challenge.GetProperty("countyCodes")));
        Assert.False(challenge.GetProperty("crossCounty").GetBoolean());
        Assert.Matches(@"^UTM-\d{4}-\d{4,}$", challenge.GetProperty("reference").GetString());

        using var coordinator = app.Client("coordinator");
        using (var stale = await PostAsync(coordinator, $"/api/challenges/{north}/needs", new { needId = southNeed.NeedId }, "\"999\""))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        using (var missing = await PostAsync(coordinator, $"/api/challenges/{north}/needs", new { needId = southNeed.NeedId }, null))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        }

        using (var unknownNeed = await PostAsync(coordinator, $"/api/challenges/{north}/needs", new { needId = Guid.NewGuid() }, etag))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownNeed.StatusCode);
        }

        using (var asReader = await PostAsync(app.Client("reader"), $"/api/challenges/{north}/needs", new { needId = southNeed.NeedId }, etag))
        {
            Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
        }

        using var relinked = await PostAsync(coordinator, $"/api/challenges/{north}/needs", new { needId = southNeed.NeedId }, etag);
        Assert.Equal(HttpStatusCode.OK, relinked.StatusCode);
        var afterRelink = await relinked.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(["24", "25"], Strings(afterRelink.GetProperty("countyCodes")));
        Assert.True(afterRelink.GetProperty("crossCounty").GetBoolean());
        Assert.Equal(new[] { northNeed.NeedId, southNeed.NeedId }.Order(), Guids(afterRelink.GetProperty("needIds")).Order());
        var (emptied, _) = await app.GetChallengeAsync(south, Token);
        Assert.Empty(emptied.GetProperty("countyCodes").EnumerateArray());
        Assert.Empty(emptied.GetProperty("needIds").EnumerateArray());
        await app.WaitForEventAsync("NeedLinkedToChallenge", "needId", southNeed.NeedId, Token, count: 2);

        using var merged = await PostAsync(coordinator, $"/api/challenges/{north}/merge", new { challengeId = third }, relinked.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var afterMerge = await merged.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal([establishment], Guids(afterMerge.GetProperty("establishmentIds")));
        Assert.Equal(3, afterMerge.GetProperty("needIds").GetArrayLength());
        Assert.Equal(["24", "25"], Strings(afterMerge.GetProperty("countyCodes")));
        var (archived, archivedTag) = await app.GetChallengeAsync(third, Token);
        Assert.Equal("archived", archived.GetProperty("status").GetString());
        Assert.Equal(north, archived.GetProperty("mergedInto").GetGuid());
        await app.WaitForEventAsync("ChallengesMerged", "targetChallengeId", north, Token);

        using (var mergeArchived = await PostAsync(coordinator, $"/api/challenges/{north}/merge", new { challengeId = third }, merged.Headers.ETag!.ToString()))
        {
            Assert.Equal(HttpStatusCode.Conflict, mergeArchived.StatusCode);
        }

        using (var statusOfArchived = await PostAsync(coordinator, $"/api/challenges/{third}/status", new { status = "analysed" }, archivedTag))
        {
            Assert.Equal(HttpStatusCode.Conflict, statusOfArchived.StatusCode);
        }

        // A withdrawn need stops counting: the Umeå need was the only one from Västerbotten.
        await app.PublishAsync(new NeedWithdrawn { NeedId = southNeed.NeedId, OccurredAt = DateTimeOffset.UtcNow }, Token);
        await Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM challenges WHERE id = $1 AND NOT cross_county", north) == 1,
            TimeSpan.FromSeconds(30), "the withdrawn need no longer counted", Token);
        var (afterWithdrawal, _) = await app.GetChallengeAsync(north, Token);
        Assert.Equal(["25"], Strings(afterWithdrawal.GetProperty("countyCodes")));
    }

    [Fact]
    public async Task A_status_change_is_published_and_a_resolved_challenge_takes_no_new_needs()
    {
        var need = Lighthouse(["2514"]);
        var id = await app.SubmitNeedAsync(need, Token);
        var (_, etag) = await app.GetChallengeAsync(id, Token);
        using var coordinator = app.Client("coordinator");
        using (var invalid = await PostAsync(coordinator, $"/api/challenges/{id}/status", new { status = "done" }, etag))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        using var resolved = await PostAsync(coordinator, $"/api/challenges/{id}/status", new { status = "resolved", note = "Fyren är renoverad." }, etag);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        await app.WaitForEventAsync("ChallengeStatusChanged", "challengeId", id, Token);

        // The same text again would join an open challenge; this one is resolved, so it opens a new one.
        var again = await app.SubmitNeedAsync(need with { NeedId = Guid.CreateVersion7(), EventId = Guid.CreateVersion7() }, Token);
        Assert.NotEqual(id, again);
    }

    [Fact]
    public async Task A_coordinator_sets_the_assignments_a_challenge_is_reported_under_with_If_Match()
    {
        var id = await app.SubmitNeedAsync(Lighthouse(["2580"]), Token);
        var (_, etag) = await app.GetChallengeAsync(id, Token);
        using var coordinator = app.Client("coordinator");
        Task<HttpResponseMessage> PutAsync(HttpClient client, object body, string? ifMatch) =>
            client.SendJsonAsync(HttpMethod.Put, $"/api/challenges/{id}/assignments", body, ifMatch, Token);

        var version = await app.ScalarAsync("SELECT version FROM challenges WHERE id = $1", id);
        foreach (var (client, body, ifMatch, status, field) in new (HttpClient, object, string?, HttpStatusCode, string?)[]
        {
            (coordinator, new { assignments = new[] { "KN2023/03505" } }, null, HttpStatusCode.PreconditionRequired, null),
            (app.Client("reader"), new { assignments = new[] { "KN2023/03505" } }, etag, HttpStatusCode.Forbidden, null),
            (coordinator, new { assignments = new[] { "KN2023/03505", "ett diarienummer" } }, etag, HttpStatusCode.BadRequest, "assignments[1]"),
            (coordinator, new { }, etag, HttpStatusCode.BadRequest, "assignments"),
            (coordinator, new { assignments = new[] { "KN2023/03505", "KN1999/00001" } }, etag, HttpStatusCode.UnprocessableEntity, "assignments[1]"),
        })
        {
            using var refused = await PutAsync(client, body, ifMatch);
            Assert.Equal(status, refused.StatusCode);
            if (field is not null)
            {
                Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty(field, out _), field);
            }
        }

        Assert.Equal(version, await app.ScalarAsync("SELECT version FROM challenges WHERE id = $1", id));
        using var linked = await PutAsync(coordinator, new { assignments = new[] { " KN2023/03505 ", "KN2023/03505" } }, etag);
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal(["KN2023/03505"], Strings((await linked.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("assignments")));
        await app.WaitForEventAsync("ChallengeAssignmentsChanged", "challengeId", id, Token);

        using (var stale = await PutAsync(coordinator, new { assignments = Array.Empty<string>() }, etag))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        using var unlinked = await PutAsync(coordinator, new { assignments = Array.Empty<string>() }, linked.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, unlinked.StatusCode);
        Assert.Empty(Strings((await unlinked.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("assignments")));
    }

    [Fact]
    public async Task A_need_is_clustered_once_even_when_delivered_twice_and_similar_needs_share_a_challenge()
    {
        var topic = Topic();
        var first = Lighthouse(["2582"], topic: topic);
        var challenge = await app.SubmitNeedAsync(first, Token);
        await app.PublishAsync(first, Token);
        await app.PublishAsync(first with { EventId = Guid.CreateVersion7() }, Token);

        var words = topic.Split(' ');
        var similar = ChallengeTrackingApp.Need(string.Join(' ', words[..6]), string.Join(' ', words.Reverse()), municipalities: ["2480"]);
        Assert.Equal(challenge, await app.SubmitNeedAsync(similar, Token));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM needs WHERE id = $1", first.NeedId));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.NeedLinkedToChallenge' AND payload->>'needId' = $1", first.NeedId.ToString()));

        var linked = await app.ScalarAsync(
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.NeedLinkedToChallenge' AND payload->>'needId' = $1 AND (payload->>'crossCounty')::boolean AND (payload->>'automatic')::boolean",
            similar.NeedId.ToString());
        Assert.Equal(1, linked);
    }

    [Fact]
    public async Task A_corrected_theme_moves_the_need_to_a_challenge_of_that_theme()
    {
        var need = Choir(["2581"]);
        var before = await app.SubmitNeedAsync(need, Token);
        await app.PublishAsync(new NeedTriaged { NeedId = need.NeedId, Decision = "accept", Status = "accepted", Theme = "skills", PreviousTheme = "other", OccurredAt = DateTimeOffset.UtcNow }, Token);
        await Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM needs n JOIN challenges c ON c.id = n.challenge_id WHERE n.id = $1 AND c.theme = 'skills'", need.NeedId) == 1,
            TimeSpan.FromSeconds(30), "the need in a skills challenge", Token);
        Assert.NotEqual(before, await app.ChallengeOfAsync(need.NeedId));
        var (old, _) = await app.GetChallengeAsync(before, Token);
        Assert.Empty(old.GetProperty("needIds").EnumerateArray());
    }

    [Fact]
    public async Task A_need_a_coordinator_relinked_is_never_moved_back_by_clustering()
    {
        var need = Choir(["2581"]);
        var own = await app.SubmitNeedAsync(need, Token);
        var other = await app.SubmitNeedAsync(Lighthouse(["2580"]), Token);
        var (_, etag) = await app.GetChallengeAsync(other, Token);
        using (var relinked = await PostAsync(app.Client("coordinator"), $"/api/challenges/{other}/needs", new { needId = need.NeedId }, etag))
        {
            Assert.Equal(HttpStatusCode.OK, relinked.StatusCode);
        }

        // A corrected theme would send an automatically placed need to a challenge of that theme; this one stays put.
        await app.PublishAsync(new NeedTriaged { NeedId = need.NeedId, Decision = "accept", Status = "accepted", Theme = "skills", PreviousTheme = "other", OccurredAt = DateTimeOffset.UtcNow }, Token);
        await Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM needs WHERE id = $1 AND theme = 'skills' AND status = 'accepted'", need.NeedId) == 1,
            TimeSpan.FromSeconds(30), "the triage applied", Token);
        Assert.Equal(other, await app.ChallengeOfAsync(need.NeedId));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM needs WHERE id = $1 AND NOT automatic", need.NeedId));
        Assert.NotEqual(own, other);
    }

    [Fact]
    public async Task Challenges_are_listed_by_theme_status_county_and_cross_county()
    {
        using var reader = app.Client("reader");
        using var themes = await reader.GetAsync("/api/themes", Token);
        var all = await themes.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(8, all.GetArrayLength());
        Assert.Contains(all.EnumerateArray(), theme => theme.GetProperty("code").GetString() == "housing" && theme.GetProperty("nameSv").GetString() == "Bostäder");

        var id = await app.SubmitNeedAsync(Lighthouse(["2401", "2505"]), Token);
        using var list = await reader.GetAsync("/api/challenges?theme=other&crossCounty=true&county=24&pageSize=100", Token);
        var page = await list.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Contains(page.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetGuid() == id);
        Assert.All(page.GetProperty("items").EnumerateArray(), item => Assert.True(item.GetProperty("crossCounty").GetBoolean()));

        using var bad = await reader.GetAsync("/api/challenges?theme=weather&status=open", Token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var missing = await reader.GetAsync($"/api/challenges/{Guid.NewGuid()}", Token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var anonymous = await app.Client(null).GetAsync("/api/challenges", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_coordinator_opens_a_challenge_by_hand()
    {
        var lead = await app.RegisterActorAsync("county-board", Token);
        using var coordinator = app.Client("coordinator");
        using var created = await coordinator.PostAsJsonAsync("/api/challenges", new
        {
            theme = "planning", title = "Samordnade tillståndsprocesser", description = "Tillståndsprövningen för industrietableringar behöver samordnas mellan länsstyrelserna.", leadActorId = lead,
        }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var challenge = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.False(challenge.GetProperty("automatic").GetBoolean());
        await app.WaitForEventAsync("ChallengeIdentified", "challengeId", challenge.GetProperty("id").GetGuid(), Token);

        using var unknown = await coordinator.PostAsJsonAsync("/api/challenges", new
        {
            theme = "weather", title = "Okänt tema här", description = "En beskrivning som är tillräckligt lång för att godtas.",
        }, Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
    }

    [Fact]
    public async Task Challenges_are_found_by_their_reference_or_words_of_their_text_among_all_of_them()
    {
        using var coordinator = app.Client("coordinator");
        var word = $"Fjärrvärme{Guid.NewGuid():N}"[..20];
        using var created = await coordinator.PostAsJsonAsync("/api/challenges", new
        {
            theme = "electricity", title = $"Värmeförsörjning i {word}", description = "Fjärrvärmen räcker inte till de nya bostäderna i kommunen.",
        }, Token);
        var challenge = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        var (id, reference) = (challenge.GetProperty("id").GetGuid(), challenge.GetProperty("reference").GetString()!);

        async Task<List<Guid>> FindAsync(string query)
        {
            using var list = await coordinator.GetAsync($"/api/challenges?{query}&pageSize=100", Token);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            return [.. (await list.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid())];
        }

        Assert.Equal([id], await FindAsync($"q={Uri.EscapeDataString(word.ToUpperInvariant())}"));
        Assert.Equal([id], await FindAsync($"q={Uri.EscapeDataString($" {reference.ToLowerInvariant()} ")}"));
        Assert.Equal([id], await FindAsync($"q={Uri.EscapeDataString(word)}&theme=electricity"));
        Assert.Empty(await FindAsync($"q={Uri.EscapeDataString(word)}&theme=housing"));
        // A search is words, not a pattern: % and _ match only themselves.
        Assert.DoesNotContain(id, await FindAsync("q=%25"));
        Assert.DoesNotContain(id, await FindAsync("q=_"));

        using var tooLong = await coordinator.GetAsync($"/api/challenges?q={new string('a', 201)}", Token);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("\"q\"", await tooLong.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }
}
