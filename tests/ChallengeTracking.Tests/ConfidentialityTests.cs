using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Needs;
using Platform.Testing;

namespace Platform.ChallengeTracking.Tests;

/// <summary>A company's confidential need never lends its text to a challenge, which every role reads.</summary>
public sealed class ConfidentialityTests(ChallengeTrackingApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Invented words: the needs share features only with each other, so the first opens a challenge and the second joins it.
    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => new string([.. Enumerable.Range(0, 9).Select(_ => (char)('a' + Random.Shared.Next(26)))])));

    private static NeedSubmitted CompanyNeed(string title, string description, string[] municipalities) =>
        ChallengeTrackingApp.Need(title, description, theme: "housing", municipalities: municipalities) with { SubmitterKind = "company", Confidential = true };

    [Fact]
    public async Task A_challenge_opened_by_a_confidential_need_has_a_neutral_title_until_a_public_need_joins()
    {
        var topic = Words(8);
        var secret = CompanyNeed($"Hemligt {topic}", $"Konfidentiell plan: {topic} {Words(4)}", ["2582", "2580"]);
        var challengeId = await app.SubmitNeedAsync(secret, Token);

        var (challenge, _) = await app.GetChallengeAsync(challengeId, Token);
        Assert.Equal("Bostäder: Boden, Luleå", challenge.GetProperty("title").GetString());
        Assert.DoesNotContain(topic.Split(' ')[0], challenge.GetProperty("description").GetString(), StringComparison.Ordinal);
        using (var list = app.Client("reader"))
        {
            var page = await list.GetFromJsonAsync<JsonElement>("/api/challenges?theme=housing&pageSize=100", Token);
            Assert.DoesNotContain(topic.Split(' ')[0], page.GetRawText(), StringComparison.Ordinal);
        }

        await app.WaitForEventAsync("ChallengeIdentified", "challengeId", challengeId, Token);
        Assert.Equal(0, await app.ScalarAsync(
            "SELECT count(*) FROM outbox_messages WHERE message_type NOT LIKE '%.NeedSubmitted' AND payload::text LIKE '%' || $1 || '%'", topic.Split(' ')[0]));

        var second = CompanyNeed($"Också hemligt {topic}", $"Ännu en konfidentiell plan: {topic}", ["2582"]);
        Assert.Equal(challengeId, await app.SubmitNeedAsync(second, Token));
        Assert.Equal("Bostäder: Boden, Luleå", (await app.GetChallengeAsync(challengeId, Token)).Challenge.GetProperty("title").GetString());

        var open = ChallengeTrackingApp.Need($"Öppet behov {topic}", $"Kommunens beskrivning av {topic} i Boden", theme: "housing", municipalities: ["2582"]);
        Assert.Equal(challengeId, await app.SubmitNeedAsync(open, Token));
        var (retitled, _) = await app.GetChallengeAsync(challengeId, Token);
        Assert.Equal(open.Title, retitled.GetProperty("title").GetString());
        Assert.Equal(open.Description, retitled.GetProperty("description").GetString());
        await app.WaitForEventAsync("ChallengeUpdated", "challengeId", challengeId, Token);
    }

    [Fact]
    public async Task A_coordinator_retitles_a_challenge_under_If_Match_and_clustering_keeps_the_title()
    {
        var topic = Words(8);
        var challengeId = await app.SubmitNeedAsync(CompanyNeed($"Hemligt {topic}", $"Konfidentiell plan: {topic} {Words(4)}", ["2584"]), Token);
        var (_, etag) = await app.GetChallengeAsync(challengeId, Token);
        using var coordinator = app.Client("coordinator");
        Task<HttpResponseMessage> PutAsync(HttpClient client, object body, string? ifMatch) =>
            client.SendJsonAsync(HttpMethod.Put, $"/api/challenges/{challengeId}", body, ifMatch, Token);

        var edit = new { title = "Bostäder för inflyttare i Kiruna", description = "Kiruna behöver bostäder när staden flyttar och industrin växer." };
        var version = await app.ScalarAsync("SELECT version FROM challenges WHERE id = $1", challengeId);
        foreach (var (client, body, ifMatch, status, field) in new (HttpClient, object, string?, System.Net.HttpStatusCode, string?)[]
        {
            (coordinator, edit, null, System.Net.HttpStatusCode.PreconditionRequired, null),
            (app.Client("reader"), edit, etag, System.Net.HttpStatusCode.Forbidden, null),
            (coordinator, new { title = "Kort", edit.description }, etag, System.Net.HttpStatusCode.BadRequest, "title"),
            (coordinator, new { edit.title, description = "För kort." }, etag, System.Net.HttpStatusCode.BadRequest, "description"),
            (coordinator, new { title = "Rubrik\nmed radbrytning", edit.description }, etag, System.Net.HttpStatusCode.BadRequest, "title"),
        })
        {
            using var refused = await PutAsync(client, body, ifMatch);
            Assert.Equal(status, refused.StatusCode);
            if (field is not null)
            {
                Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty(field, out _), field);
            }
        }

        Assert.Equal(version, await app.ScalarAsync("SELECT version FROM challenges WHERE id = $1", challengeId));
        using (var edited = await PutAsync(coordinator, edit, etag))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, edited.StatusCode);
            Assert.Equal(edit.title, (await edited.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("title").GetString());
        }

        await app.WaitForEventAsync("ChallengeUpdated", "challengeId", challengeId, Token);
        using (var stale = await PutAsync(coordinator, edit with { title = "Ännu en rubrik för Kiruna" }, etag))
        {
            Assert.Equal(System.Net.HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        // A public need joining later no longer replaces the coordinator's title, as it would a neutral one.
        var open = ChallengeTrackingApp.Need($"Öppet behov {topic}", $"Kommunens beskrivning av {topic} i Kiruna", theme: "housing", municipalities: ["2584"]);
        Assert.Equal(challengeId, await app.SubmitNeedAsync(open, Token));
        var (kept, _) = await app.GetChallengeAsync(challengeId, Token);
        Assert.Equal((edit.title, edit.description), (kept.GetProperty("title").GetString(), kept.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task A_challenge_opened_by_a_public_need_keeps_its_title_when_confidential_needs_join()
    {
        var topic = Words(8);
        var open = ChallengeTrackingApp.Need($"Öppet {topic}", $"Kommunens beskrivning: {topic}", theme: "housing", municipalities: ["2480"]);
        var challengeId = await app.SubmitNeedAsync(open, Token);
        var secret = CompanyNeed($"Hemligt {topic}", $"Konfidentiell plan: {topic}", ["2482"]);
        Assert.Equal(challengeId, await app.SubmitNeedAsync(secret, Token));

        var (challenge, _) = await app.GetChallengeAsync(challengeId, Token);
        Assert.Equal(open.Title, challenge.GetProperty("title").GetString());
        Assert.Equal(open.Description, challenge.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_confidential_need_moved_to_a_new_theme_opens_a_neutral_challenge()
    {
        var topic = Words(8);
        var secret = CompanyNeed($"Hemligt {topic}", $"Konfidentiell plan: {topic}", ["2584"]);
        var first = await app.SubmitNeedAsync(secret, Token);
        await app.PublishAsync(new NeedTriaged { NeedId = secret.NeedId, Decision = "accept", Status = "accepted", Theme = "electricity", PreviousTheme = "housing", OccurredAt = DateTimeOffset.UtcNow }, Token);
        await Platform.Testing.Wait.UntilAsync(async () => await app.ChallengeOfAsync(secret.NeedId) != first, TimeSpan.FromSeconds(30), "need moved", Token);

        var (challenge, _) = await app.GetChallengeAsync(await app.ChallengeOfAsync(secret.NeedId), Token);
        Assert.Equal("Ny elproduktion och elnät: Kiruna", challenge.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_challenge_explains_itself_by_the_words_of_its_public_needs_only()
    {
        var topic = Words(6);
        var secretWord = Words(1);
        var open = ChallengeTrackingApp.Need($"Behov av {topic}", $"Kommunen beskriver {topic} och {topic}.", "housing", ["2582"]);
        var challengeId = await app.SubmitNeedAsync(open, Token);
        var secret = CompanyNeed($"Konfidentiellt {topic}", $"{secretWord} {secretWord} {topic} {secretWord}", ["2580"]);
        Assert.Equal(challengeId, await app.SubmitNeedAsync(secret, Token));

        using var reader = app.Client("reader");
        var explanation = await reader.GetFromJsonAsync<JsonElement>($"/api/challenges/{challengeId}/explanation", Token);
        var terms = explanation.GetProperty("terms").EnumerateArray().Select(term => term.GetProperty("term").GetString()!).ToList();
        Assert.Contains(terms, term => topic.Split(' ').Any(word => word.StartsWith(term, StringComparison.Ordinal)));
        Assert.DoesNotContain(secretWord, explanation.GetRawText(), StringComparison.Ordinal);

        // Every need is scored against the challenge, the confidential one too (by id only), closest first.
        var needs = explanation.GetProperty("needs").EnumerateArray().ToList();
        Assert.Equal(new[] { open.NeedId, secret.NeedId }.Order(), needs.Select(need => need.GetProperty("needId").GetGuid()).Order());
        Assert.All(needs, need => Assert.InRange(need.GetProperty("similarity").GetDouble(), 0.0, 1.0));
        Assert.True(needs[0].GetProperty("similarity").GetDouble() >= needs[1].GetProperty("similarity").GetDouble());

        using var unknown = await reader.GetAsync($"/api/challenges/{Guid.NewGuid()}/explanation", Token);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
