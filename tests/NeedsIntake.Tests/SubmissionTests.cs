using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Contracts.Actors;
using Platform.Testing;

namespace Platform.NeedsIntake.Tests;

public sealed partial class SubmissionTests(NeedsIntakeApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"^BEH-\d{4}-\d{6}$")]
    private static partial Regex ReferencePattern();

    [Fact]
    public async Task A_submission_is_stored_with_its_history_and_published()
    {
        var municipality = await app.RegisterActorAsync("municipality", Token);
        using var client = app.Client("actor", municipality);
        var body = NeedsIntakeApp.NeedBody(municipality, municipalities: ["2582", "2482"]);
        body.Remove("submittedByActorId"); // an actor user submits for its own actor by default

        using var response = await client.PostAsJsonAsync("/api/needs", body, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var need = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        var id = need.GetProperty("id").GetGuid();
        Assert.Matches(ReferencePattern(), need.GetProperty("reference").GetString());
        Assert.Equal($"/api/needs/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("submitted", need.GetProperty("status").GetString());
        Assert.Equal(municipality, need.GetProperty("submittedByActorId").GetGuid());
        Assert.Equal(JsonValueKind.Array, need.GetProperty("similarNeeds").ValueKind);

        using var read = await client.GetAsync($"/api/needs/{id}", Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.ToString());
        var stored = await read.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(["24", "25"], stored.GetProperty("countyCodes").EnumerateArray().Select(code => code.GetString()));
        Assert.Equal(300m, stored.GetProperty("quantity").GetProperty("value").GetDecimal());
        Assert.Equal("lägenheter", stored.GetProperty("quantity").GetProperty("unit").GetString());
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), stored.GetProperty("identifiedOn").GetString());

        using var history = await client.GetAsync($"/api/needs/{id}/history", Token);
        var entry = Assert.Single((await history.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("items").EnumerateArray());
        Assert.Equal("submitted", entry.GetProperty("action").GetString());

        await Wait.UntilAsync(async () => await app.ScalarAsync(
                "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.NeedSubmitted' AND payload->>'needId' = $1 AND payload->>'submitterKind' = 'municipality' AND sent_at IS NOT NULL",
                id.ToString()) == 1,
            TimeSpan.FromSeconds(30), "NeedSubmitted published", Token);
    }

    public static TheoryData<string, object?, string> InvalidFields => new()
    {
        { "title", "", "title" },
        { "description", "kort", "description" },
        { "theme", null, "theme" },
        { "municipalityCodes", Array.Empty<string>(), "municipalityCodes" },
        { "municipalityCodes", new[] { "Boden" }, "municipalityCodes" },
        { "quantity", new { value = -1, unit = "MW" }, "quantity.value" },
        { "quantity", new { value = 10 }, "quantity.unit" },
        { "neededBy", "2020-01-01", "neededBy" },
        { "neededBy", "snart", "neededBy" },
        { "identifiedOn", "2999-01-01", "identifiedOn" },
        { "identifiedOn", "i fjol", "identifiedOn" },
        { "urgency", "asap", "urgency" },
        { "urgency", null, "urgency" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Each_invalid_field_is_400_naming_it_and_writes_nothing(string property, object? value, string field)
    {
        var actor = await app.RegisterActorAsync("municipality", Token);
        var body = NeedsIntakeApp.NeedBody(actor);
        body[property] = value;
        await AssertRejectedAsync(body, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_unknown_theme_municipality_actor_or_establishment_is_422()
    {
        var actor = await app.RegisterActorAsync("municipality", Token);
        var body = NeedsIntakeApp.NeedBody(actor);
        body["theme"] = "weather";
        await AssertRejectedAsync(body, HttpStatusCode.UnprocessableEntity, "theme");

        body = NeedsIntakeApp.NeedBody(actor, municipalities: ["2582", "0180"]);
        await AssertRejectedAsync(body, HttpStatusCode.UnprocessableEntity, "municipalityCodes");

        await AssertRejectedAsync(NeedsIntakeApp.NeedBody(Guid.NewGuid()), HttpStatusCode.UnprocessableEntity, "submittedByActorId");

        body = NeedsIntakeApp.NeedBody(actor);
        body["establishmentId"] = Guid.NewGuid();
        await AssertRejectedAsync(body, HttpStatusCode.UnprocessableEntity, "establishmentId");
    }

    [Fact]
    public async Task A_deactivated_actor_submits_no_new_needs()
    {
        var actor = await app.RegisterActorAsync("company", Token);
        await app.SubmitAsync(actor, Token);

        await app.PublishAsync(new ActorDeactivated { ActorId = actor, Reason = "Avvecklat", Version = 2, OccurredAt = DateTimeOffset.UtcNow }, Token);
        await Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM actors WHERE id = $1 AND NOT active", actor) == 1,
            TimeSpan.FromSeconds(30), "deactivation in the replica", Token);

        // A late update with an older version does not bring the actor back.
        await app.PublishAsync(new ActorUpdated { ActorId = actor, Name = "Gammalt namn", Kind = "company", Active = true, Version = 1, OccurredAt = DateTimeOffset.UtcNow }, Token);
        var problem = await AssertRejectedAsync(NeedsIntakeApp.NeedBody(actor), HttpStatusCode.UnprocessableEntity, "submittedByActorId");
        Assert.Contains("deactivated", problem.GetProperty("errors").GetProperty("submittedByActorId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reactivated_actor_submits_needs_again_whatever_order_the_events_arrive_in()
    {
        var inOrder = await app.RegisterActorAsync("company", Token);
        await app.PublishAsync(new ActorDeactivated { ActorId = inOrder, Reason = "Avvecklat", Version = 2, OccurredAt = DateTimeOffset.UtcNow }, Token);
        await WaitUntilActiveAsync(inOrder, false);
        await app.PublishAsync(new ActorReactivated { ActorId = inOrder, Reason = "Återstartat", Version = 3, OccurredAt = DateTimeOffset.UtcNow }, Token);
        await WaitUntilActiveAsync(inOrder, true);
        await app.SubmitAsync(inOrder, Token);

        // The deactivation arrives again, late: the newer reactivation stands.
        await ConsumedAsync(new ActorDeactivated { ActorId = inOrder, Reason = "Avvecklat", Version = 2, OccurredAt = DateTimeOffset.UtcNow });
        await app.SubmitAsync(inOrder, Token);

        // Reactivation before the deactivation it undoes, and before the registration.
        var reversed = Guid.CreateVersion7();
        await ConsumedAsync(new ActorReactivated { ActorId = reversed, Version = 3, OccurredAt = DateTimeOffset.UtcNow });
        await ConsumedAsync(new ActorDeactivated { ActorId = reversed, Version = 2, OccurredAt = DateTimeOffset.UtcNow });
        await ConsumedAsync(new ActorRegistered { ActorId = reversed, Name = "Omvänd ordning AB", Kind = "company", OccurredAt = DateTimeOffset.UtcNow });
        await app.SubmitAsync(reversed, Token);

        // A deactivation after the reactivation wins again.
        await app.PublishAsync(new ActorDeactivated { ActorId = reversed, Version = 4, OccurredAt = DateTimeOffset.UtcNow }, Token);
        await WaitUntilActiveAsync(reversed, false);
        await AssertRejectedAsync(NeedsIntakeApp.NeedBody(reversed), HttpStatusCode.UnprocessableEntity, "submittedByActorId");
    }

    private Task WaitUntilActiveAsync(Guid actor, bool active) =>
        Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM actors WHERE id = $1 AND active = $2", actor, active) == 1,
            TimeSpan.FromSeconds(30), $"actor {actor} {(active ? "active" : "inactive")} in the replica", Token);

    /// <summary>Publishes an event and waits until needs-intake has consumed it.</summary>
    private async Task ConsumedAsync<T>(T @event)
        where T : Platform.Contracts.IntegrationEvent
    {
        await app.PublishAsync(@event, Token);
        await Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", @event.EventId) == 1,
            TimeSpan.FromSeconds(30), $"{typeof(T).Name} consumed", Token);
    }

    [Fact]
    public async Task Roles_decide_who_submits()
    {
        var own = await app.RegisterActorAsync("municipality", Token);
        var other = await app.RegisterActorAsync("municipality", Token);

        using var actorClient = app.Client("actor", own);
        using var forOther = await actorClient.PostAsJsonAsync("/api/needs", NeedsIntakeApp.NeedBody(other), Token);
        Assert.Equal(HttpStatusCode.Forbidden, forOther.StatusCode);

        using var reader = app.Client("reader");
        using var asReader = await reader.PostAsJsonAsync("/api/needs", NeedsIntakeApp.NeedBody(own), Token);
        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);

        using var anonymous = app.Client(null);
        using var unauthenticated = await anonymous.PostAsJsonAsync("/api/needs", NeedsIntakeApp.NeedBody(own), Token);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);

        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM needs WHERE submitted_by_actor_id = ANY ($1)", new[] { own, other }));
    }

    [Fact]
    public async Task A_retried_submission_with_the_same_key_returns_the_first_answer_and_creates_nothing_new()
    {
        var actor = await app.RegisterActorAsync("municipality", Token);
        using var client = app.Client("actor", actor);
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> PostAsync(Dictionary<string, object?> body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/needs") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request, Token);
        }

        // Concurrent retries of one submission, as a phone on a bad connection sends them.
        var body = NeedsIntakeApp.NeedBody(actor);
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(body)));
        var ids = new HashSet<Guid>();
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            ids.Add((await answer.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid());
            answer.Dispose();
        }

        Assert.Single(ids);
        Assert.Equal(3, answers.Count(answer => answer.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM needs WHERE submitted_by_actor_id = $1", actor));

        body["title"] = "Ett annat behov med samma nyckel";
        using var different = await PostAsync(body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.True((await different.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM needs WHERE submitted_by_actor_id = $1", actor));
    }

    [Fact]
    public async Task An_invalid_idempotency_key_is_400()
    {
        var actor = await app.RegisterActorAsync("municipality", Token);
        using var client = app.Client("actor", actor);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/needs") { Content = JsonContent.Create(NeedsIntakeApp.NeedBody(actor)) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 201));
        using var response = await client.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM needs WHERE submitted_by_actor_id = $1", actor));
    }

    [Fact]
    public async Task A_reworded_duplicate_is_answered_with_the_first_need_and_an_unrelated_need_is_not()
    {
        // A topic no other test writes about, so the top five are not crowded by their needs.
        var arjeplog = await app.RegisterActorAsync("municipality", Token);
        var sorsele = await app.RegisterActorAsync("municipality", Token);
        var first = await app.SubmitAsync(arjeplog, Token,
            "Upprustning av skoterleder mellan byarna i Arjeplog",
            "Arjeplogs kommun behöver rusta upp skoterlederna mellan byarna, med nya broar över bäckarna och bättre skyltning, så att boende och besökare kan färdas säkert vintertid.",
            theme: "infrastructure", municipalities: ["2506"]);
        var firstId = first.GetProperty("id").GetGuid();

        // A draft can be checked before it is submitted.
        using var sorseleClient = app.Client("actor", sorsele);
        using var draft = await sorseleClient.PostAsJsonAsync("/api/needs/similar", new
        {
            title = "Broar och skyltning på skoterlederna",
            description = "Skoterlederna mellan byarna saknar broar över bäckarna och skyltningen är dålig; boende och besökare behöver kunna färdas säkert på vintern.",
        }, Token);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Contains((await draft.Content.ReadFromJsonAsync<JsonElement>(Token)).EnumerateArray(), need => need.GetProperty("id").GetGuid() == firstId);
        using var tooShort = await sorseleClient.PostAsJsonAsync("/api/needs/similar", new { title = "Hus", description = "kort" }, Token);
        var errors = (await tooShort.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _) && errors.TryGetProperty("description", out _));

        var duplicate = await app.SubmitAsync(sorsele, Token,
            "Säkrare skoterleder och broar i fjällbyarna",
            "Skoterlederna som förbinder fjällbyarna behöver nya broar, tydligare skyltning och underhåll för att vara säkra för både boende och turister under vintern.",
            theme: "infrastructure", municipalities: ["2422"]);
        var match = Assert.Single(duplicate.GetProperty("similarNeeds").EnumerateArray(), need => need.GetProperty("id").GetGuid() == firstId);
        Assert.InRange(match.GetProperty("score").GetDouble(), 0.2, 1.0);
        Assert.Equal(first.GetProperty("reference").GetString(), match.GetProperty("reference").GetString());

        var unrelated = await app.SubmitAsync(sorsele, Token,
            "Förstärkt stamnät till Norra Kiruna",
            "Svenska kraftnät behöver bygga en ny 400 kV-ledning för att gruvans elektrifiering ska kunna anslutas i tid. Tillståndsprocessen för ledningen måste påbörjas omgående.",
            theme: "electricity", municipalities: ["2584"]);
        Assert.DoesNotContain(unrelated.GetProperty("similarNeeds").EnumerateArray(), need => need.GetProperty("id").GetGuid() == firstId);
    }

    private async Task<JsonElement> AssertRejectedAsync(Dictionary<string, object?> body, HttpStatusCode status, string field)
    {
        using var coordinator = app.Client("coordinator");
        var actor = body["submittedByActorId"]!.ToString()!;
        const string needsOfActor = "SELECT count(*) FROM needs WHERE submitted_by_actor_id::text = $1";
        const string eventsOfActor = "SELECT count(*) FROM outbox_messages WHERE payload->>'submittedByActorId' = $1";
        var (needsBefore, eventsBefore) = (await app.ScalarAsync(needsOfActor, actor), await app.ScalarAsync(eventsOfActor, actor));
        using var response = await coordinator.PostAsJsonAsync("/api/needs", body, Token);
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name {field}: {problem}");
        Assert.Equal(needsBefore, await app.ScalarAsync(needsOfActor, actor));
        Assert.Equal(eventsBefore, await app.ScalarAsync(eventsOfActor, actor));
        return problem;
    }
}
