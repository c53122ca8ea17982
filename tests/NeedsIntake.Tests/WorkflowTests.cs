using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.NeedsIntake.Tests;

/// <summary>Triage, withdrawal, history and who sees what.</summary>
public sealed class WorkflowTests(NeedsIntakeApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Token);
    }

    [Fact]
    public async Task Of_two_triagers_with_the_same_version_one_wins_and_the_other_gets_412()
    {
        var actor = await app.RegisterActorAsync("municipality", Token);
        var id = (await app.SubmitAsync(actor, Token)).GetProperty("id").GetGuid();
        using var first = app.Client("coordinator");
        using var second = app.Client("coordinator");

        var answers = await Task.WhenAll(
            PostAsync(first, $"/api/needs/{id}/triage", new { decision = "accept" }, "\"1\""),
            PostAsync(second, $"/api/needs/{id}/triage", new { decision = "reject", reason = "Dubblett" }, "\"1\""));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], answers.Select(answer => answer.StatusCode).Order());
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM need_history WHERE need_id = $1 AND action = 'triaged'", id));
        await app.WaitForEventAsync("NeedTriaged", "needId", id, Token);
    }

    [Fact]
    public async Task Triage_accepts_or_rejects_and_corrects_the_theme()
    {
        var actor = await app.RegisterActorAsync("municipality", Token);
        var id = (await app.SubmitAsync(actor, Token, theme: "other")).GetProperty("id").GetGuid();
        using var coordinator = app.Client("coordinator");

        using (var noIfMatch = await PostAsync(coordinator, $"/api/needs/{id}/triage", new { decision = "accept" }, null))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        }

        using (var noReason = await PostAsync(coordinator, $"/api/needs/{id}/triage", new { decision = "reject" }, "\"1\""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }

        using (var badDecision = await PostAsync(coordinator, $"/api/needs/{id}/triage", new { decision = "maybe" }, "\"1\""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badDecision.StatusCode);
        }

        using (var unknownTheme = await PostAsync(coordinator, $"/api/needs/{id}/triage", new { decision = "accept", theme = "weather" }, "\"1\""))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownTheme.StatusCode);
        }

        using (var asActor = await PostAsync(app.Client("actor", actor), $"/api/needs/{id}/triage", new { decision = "accept" }, "\"1\""))
        {
            Assert.Equal(HttpStatusCode.Forbidden, asActor.StatusCode);
        }

        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM need_history WHERE need_id = $1 AND action = 'triaged'", id));

        using var accepted = await PostAsync(coordinator, $"/api/needs/{id}/triage", new { decision = "accept", theme = "housing" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("\"2\"", accepted.Headers.ETag?.ToString());
        var need = await accepted.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("accepted", need.GetProperty("status").GetString());
        Assert.Equal("housing", need.GetProperty("theme").GetString());
        await Wait.UntilAsync(async () => await app.ScalarAsync(
                "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.NeedTriaged' AND payload->>'needId' = $1 AND payload->>'previousTheme' = 'other' AND payload->>'theme' = 'housing'",
                id.ToString()) == 1,
            TimeSpan.FromSeconds(10), "NeedTriaged with the theme correction", Token);

        using var notFound = await PostAsync(coordinator, $"/api/needs/{Guid.NewGuid()}/triage", new { decision = "accept" }, "\"1\"");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task The_triage_queue_holds_open_needs_until_a_coordinator_decides_and_a_withdrawal_needs_no_body()
    {
        var actor = await app.RegisterActorAsync("municipality", Token);
        var triaged = (await app.SubmitAsync(actor, Token)).GetProperty("id").GetGuid();
        var withdrawn = (await app.SubmitAsync(actor, Token)).GetProperty("id").GetGuid();
        var waiting = (await app.SubmitAsync(actor, Token)).GetProperty("id").GetGuid();
        using var coordinator = app.Client("coordinator");

        async Task<Guid[]> QueueAsync() =>
            [.. (await coordinator.GetFromJsonAsync<JsonElement>($"/api/needs?awaitingTriage=true&submittedBy={actor}&pageSize=100", Token))
                .GetProperty("items").EnumerateArray().Select(need => need.GetProperty("id").GetGuid())];

        Assert.Equal(new[] { triaged, withdrawn, waiting }.Order(), (await QueueAsync()).Order());
        using (var accepted = await PostAsync(coordinator, $"/api/needs/{triaged}/triage", new { decision = "accept" }, "\"1\""))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using (var noBody = await app.Client("actor", actor).PostAsync($"/api/needs/{withdrawn}/withdraw", null, Token))
        {
            Assert.Equal(HttpStatusCode.OK, noBody.StatusCode);
        }

        Assert.Equal([waiting], await QueueAsync());
        using var all = await coordinator.GetAsync($"/api/needs?awaitingTriage=false&submittedBy={actor}", Token);
        Assert.Equal(3, (await all.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Only_the_submitting_actor_withdraws_and_a_withdrawn_need_is_not_triaged()
    {
        var submitter = await app.RegisterActorAsync("municipality", Token);
        var other = await app.RegisterActorAsync("municipality", Token);
        var id = (await app.SubmitAsync(submitter, Token)).GetProperty("id").GetGuid();

        using (var byOther = await PostAsync(app.Client("actor", other), $"/api/needs/{id}/withdraw", new { }, null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        }

        using (var byCoordinator = await PostAsync(app.Client("coordinator"), $"/api/needs/{id}/withdraw", new { }, null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);
        }

        using (var stale = await PostAsync(app.Client("actor", submitter), $"/api/needs/{id}/withdraw", new { }, "\"7\""))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        using var submitterClient = app.Client("actor", submitter);
        using var withdrawn = await PostAsync(submitterClient, $"/api/needs/{id}/withdraw", new { reason = "Löst lokalt" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("withdrawn", (await withdrawn.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("status").GetString());

        using (var again = await PostAsync(submitterClient, $"/api/needs/{id}/withdraw", new { }, null))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using (var triage = await PostAsync(app.Client("coordinator"), $"/api/needs/{id}/triage", new { decision = "accept" }, "\"2\""))
        {
            Assert.Equal(HttpStatusCode.Conflict, triage.StatusCode);
        }

        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM need_history WHERE need_id = $1 AND action = 'withdrawn'", id));
        await app.WaitForEventAsync("NeedWithdrawn", "needId", id, Token);

        using var history = await submitterClient.GetAsync($"/api/needs/{id}/history", Token);
        var entries = (await history.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["submitted", "withdrawn"], entries.Select(entry => entry.GetProperty("action").GetString()));
        Assert.Equal("Löst lokalt", entries[1].GetProperty("changes").GetProperty("reason").GetString());
        Assert.All(entries, entry => Assert.False(string.IsNullOrEmpty(entry.GetProperty("by").GetString())));
    }

    [Fact]
    public async Task Needs_of_companies_are_seen_by_coordinators_agencies_and_the_submitter_only()
    {
        var company = await app.RegisterActorAsync("company", Token);
        var agency = await app.RegisterActorAsync("agency", Token);
        var municipality = await app.RegisterActorAsync("municipality", Token);
        var companyNeed = (await app.SubmitAsync(company, Token)).GetProperty("id").GetGuid();
        var municipalityNeed = (await app.SubmitAsync(municipality, Token)).GetProperty("id").GetGuid();

        async Task<(HttpStatusCode Get, HttpStatusCode History, bool Listed)> SeenByAsync(HttpClient client, Guid id)
        {
            using var get = await client.GetAsync($"/api/needs/{id}", Token);
            using var history = await client.GetAsync($"/api/needs/{id}/history", Token);
            using var list = await client.GetAsync($"/api/needs?submittedBy={(id == companyNeed ? company : municipality)}&pageSize=100", Token);
            var items = (await list.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("items").EnumerateArray();
            return (get.StatusCode, history.StatusCode, items.Any(item => item.GetProperty("id").GetGuid() == id));
        }

        var seen = (HttpStatusCode.OK, HttpStatusCode.OK, true);
        var hidden = (HttpStatusCode.NotFound, HttpStatusCode.NotFound, false);
        Assert.Equal(seen, await SeenByAsync(app.Client("coordinator"), companyNeed));
        Assert.Equal(seen, await SeenByAsync(app.Client("actor", agency), companyNeed));
        Assert.Equal(seen, await SeenByAsync(app.Client("actor", company), companyNeed));
        Assert.Equal(hidden, await SeenByAsync(app.Client("actor", municipality), companyNeed));
        Assert.Equal(seen, await SeenByAsync(app.Client("actor", company), municipalityNeed));

        using var reader = app.Client("reader");
        using var asReader = await reader.GetAsync($"/api/needs/{municipalityNeed}", Token);
        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
    }

    [Fact]
    public async Task A_company_need_is_offered_as_similar_to_coordinators_agencies_and_that_company_only()
    {
        var company = await app.RegisterActorAsync("company", Token);
        var otherCompany = await app.RegisterActorAsync("company", Token);
        var agency = await app.RegisterActorAsync("agency", Token);
        var municipality = await app.RegisterActorAsync("municipality", Token);
        // A topic no other test writes about, so the top five are not crowded by their needs.
        var companyNeed = (await app.SubmitAsync(company, Token,
            "Renstängsel längs vätgasfabrikens tillfartsväg i Malå",
            "Fabrikens tillfartsväg korsar renarnas flyttled; samebyn och företaget behöver stängsel och en passage för renarna innan bygget börjar.",
            theme: "infrastructure", municipalities: ["2418"])).GetProperty("id").GetGuid();

        async Task<bool> OfferedToAsync(HttpClient client)
        {
            using var draft = await client.PostAsJsonAsync("/api/needs/similar", new
            {
                title = "Stängsel för renarna vid vätgasfabriken i Malå",
                description = "Renarnas flyttled korsas av fabrikens tillfartsväg; stängsel och en passage behövs innan bygget börjar.",
            }, Token);
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
            var offered = (await draft.Content.ReadFromJsonAsync<JsonElement>(Token)).EnumerateArray().ToList();
            // A similar need tells its reference, title and score: never who submitted it or how to reach them.
            Assert.All(offered, need => Assert.Equal(["id", "reference", "title", "score"], need.EnumerateObject().Select(property => property.Name)));
            return offered.Any(need => need.GetProperty("id").GetGuid() == companyNeed);
        }

        Assert.True(await OfferedToAsync(app.Client("coordinator")));
        Assert.True(await OfferedToAsync(app.Client("actor", agency)));
        Assert.True(await OfferedToAsync(app.Client("actor", company)));
        Assert.False(await OfferedToAsync(app.Client("actor", municipality)));
        Assert.False(await OfferedToAsync(app.Client("actor", otherCompany)));
    }

    [Fact]
    public async Task The_list_filters_and_pages()
    {
        var actor = await app.RegisterActorAsync("region", Token);
        for (var i = 0; i < 3; i++)
        {
            await app.SubmitAsync(actor, Token, title: $"Elnätskapacitet etapp {i}", theme: "electricity", municipalities: ["2480"]);
        }

        var housing = await app.SubmitAsync(actor, Token, theme: "housing", municipalities: ["2582"]);
        using var coordinator = app.Client("coordinator");
        using var page = await coordinator.GetAsync($"/api/needs?submittedBy={actor}&theme=electricity&county=24&pageSize=2&page=2", Token);
        var body = await page.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(3, body.GetProperty("total").GetInt64());
        Assert.Equal(2, body.GetProperty("pageSize").GetInt32());
        Assert.Single(body.GetProperty("items").EnumerateArray());

        using var text = await coordinator.GetAsync($"/api/needs?submittedBy={actor}&q=elnätskapaciteten", Token);
        Assert.Equal(3, (await text.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("total").GetInt64());

        // A coordinator picking a need by the reference someone read out: the reference alone finds it, in any case.
        var reference = housing.GetProperty("reference").GetString()!;
        var byReference = await coordinator.GetFromJsonAsync<JsonElement>($"/api/needs?q={Uri.EscapeDataString($" {reference.ToLowerInvariant()} ")}", Token);
        Assert.Equal(housing.GetProperty("id").GetGuid(), Assert.Single(byReference.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        using var badStatus = await coordinator.GetAsync("/api/needs?status=open&pageSize=500", Token);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        var errors = (await badStatus.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("status", out _));
        Assert.True(errors.TryGetProperty("pageSize", out _));
    }
}
