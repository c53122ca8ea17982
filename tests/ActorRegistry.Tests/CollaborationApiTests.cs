using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.ActorRegistry.Domain;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Contracts.Reporting;
using Platform.Testing;

namespace Platform.ActorRegistry.Tests;

[Collection(nameof(ExclusiveWrites))]
public sealed class CollaborationApiTests(ActorRegistryApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<Guid> NewCompanyAsync(HttpClient coordinator)
    {
        using var created = await coordinator.PostAsJsonAsync("/api/actors", new { name = $"Bolag {Guid.NewGuid():N}"[..20], kind = "company", municipalityCode = "2482" }, Token);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
    }

    private async Task<(long Establishments, long Forums, long Members, long Meetings, long Outbox)> CountsAsync() => (
        await app.ScalarAsync("SELECT count(*) FROM establishments"), await app.ScalarAsync("SELECT count(*) FROM forums"),
        await app.ScalarAsync("SELECT count(*) FROM forum_members"), await app.ScalarAsync("SELECT count(*) FROM meetings"),
        await app.ScalarAsync("SELECT count(*) FROM outbox_messages"));

    [Fact]
    public async Task An_establishment_keeps_its_phase_history_and_publishes_its_events()
    {
        using var coordinator = app.Client("coordinator");
        var company = await NewCompanyAsync(coordinator);
        var body = new
        {
            companyActorId = company, name = "Batterifabrik Skellefteå", sector = "Battericeller", municipalityCode = "2482",
            investmentSek = 25_000_000_000.50m, expectedJobs = 2500, phase = "announced", announcedOn = "2024-03-01",
        };
        using var created = await coordinator.PostAsJsonAsync("/api/establishments", body, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var establishment = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        var id = establishment.GetProperty("id").GetGuid();
        Assert.Equal("24", establishment.GetProperty("countyCode").GetString());
        Assert.Equal(25_000_000_000.50m, establishment.GetProperty("investmentSek").GetDecimal());

        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/establishments/{id}") { Content = JsonContent.Create(body with { phase = "permitting" }) };
        update.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        using var updated = await coordinator.SendAsync(update, Token);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/establishments/{id}") { Content = JsonContent.Create(body with { phase = "construction" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await coordinator.SendAsync(stale, Token)).StatusCode);

        var read = await coordinator.GetFromJsonAsync<JsonElement>($"/api/establishments/{id}", Token);
        Assert.Equal("permitting", read.GetProperty("phase").GetString());
        Assert.Equal(["announced", "permitting"], read.GetProperty("phaseHistory").EnumerateArray().Select(p => p.GetProperty("phase").GetString()));

        var listed = await coordinator.GetFromJsonAsync<JsonElement>($"/api/establishments?company={company}&phase=permitting", Token);
        Assert.Equal(id, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        foreach (var type in new[] { "EstablishmentRegistered", "EstablishmentUpdated" })
        {
            await Wait.UntilAsync(async () => await app.ScalarAsync(
                    "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.' || $1 AND payload->>'establishmentId' = $2 AND sent_at IS NOT NULL", type, id.ToString()) == 1,
                TimeSpan.FromSeconds(30), $"{type} published", Token);
        }
    }

    [Fact]
    public async Task Bad_establishments_are_problems_naming_the_field_and_write_nothing()
    {
        using var coordinator = app.Client("coordinator");
        var municipalityActor = ReferenceActors.IdFor("municipality:2480");
        var company = await NewCompanyAsync(coordinator);
        var before = await CountsAsync();

        (string Body, HttpStatusCode Status, string Field)[] cases =
        [
            ($$"""{"companyActorId":"{{company}}","name":"X","sector":"Stål","municipalityCode":"2582","phase":"announced"}""", HttpStatusCode.BadRequest, "name"),
            ($$"""{"companyActorId":"{{company}}","name":"Verk","sector":"Stål","municipalityCode":"2582","phase":"dreaming"}""", HttpStatusCode.BadRequest, "phase"),
            ($$"""{"companyActorId":"{{company}}","name":"Verk","sector":"Stål","municipalityCode":"2582","phase":"announced","expectedJobs":-5}""", HttpStatusCode.BadRequest, "expectedJobs"),
            ($$"""{"companyActorId":"{{company}}","name":"Verk","sector":"Stål","municipalityCode":"2582","phase":"announced","investmentSek":1000.005}""", HttpStatusCode.BadRequest, "investmentSek"),
            ($$"""{"companyActorId":"{{company}}","name":"Verk","sector":"Stål","municipalityCode":"2582","phase":"announced","investmentSek":-0.01}""", HttpStatusCode.BadRequest, "investmentSek"),
            ($$"""{"companyActorId":"{{company}}","name":"Verk","sector":"Stål","municipalityCode":"2582","phase":"announced","investmentSek":10000000000000.01}""", HttpStatusCode.BadRequest, "investmentSek"),
            ($$"""{"companyActorId":"{{company}}","name":"Verk","sector":"Stål","municipalityCode":"2582","phase":"announced","investmentSek":"500"}""", HttpStatusCode.BadRequest, "$.investmentSek"),
            ($$"""{"companyActorId":"{{company}}","name":"Verk","sector":"Stål","municipalityCode":"9999","phase":"announced"}""", HttpStatusCode.UnprocessableEntity, "municipalityCode"),
            ($$"""{"companyActorId":"{{Guid.NewGuid()}}","name":"Verk","sector":"Stål","municipalityCode":"2582","phase":"announced"}""", HttpStatusCode.UnprocessableEntity, "companyActorId"),
            ($$"""{"companyActorId":"{{municipalityActor}}","name":"Verk","sector":"Stål","municipalityCode":"2582","phase":"announced"}""", HttpStatusCode.UnprocessableEntity, "companyActorId"),
        ];
        foreach (var (body, status, field) in cases)
        {
            using var response = await coordinator.PostAsync("/api/establishments", new StringContent(body, Encoding.UTF8, "application/json"), Token);
            Assert.Equal(status, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        }

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/establishments/{Guid.NewGuid()}", Token)).StatusCode);
    }

    [Fact]
    public async Task A_forum_gets_members_with_roles_and_records_meetings()
    {
        using var coordinator = app.Client("coordinator");
        var convenor = ReferenceActors.IdFor("agency:tillvaxtverket");
        using var created = await coordinator.PostAsJsonAsync("/api/forums", new
        {
            name = $"Elnätsforum {Guid.NewGuid():N}"[..22], purpose = "Elnätskapacitet i båda länen", scope = "cross-county", convenorActorId = convenor,
        }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var forumId = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();

        var member = ReferenceActors.IdFor("agency:svk");
        using var added = await coordinator.PostAsJsonAsync($"/api/forums/{forumId}/members", new { actorId = member, role = "member" }, Token);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        using var again = await coordinator.PostAsJsonAsync($"/api/forums/{forumId}/members", new { actorId = member, role = "observer" }, Token);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var unknown = await coordinator.PostAsJsonAsync($"/api/forums/{forumId}/members", new { actorId = Guid.NewGuid(), role = "member" }, Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        using var badRole = await coordinator.PostAsJsonAsync($"/api/forums/{forumId}/members", new { actorId = member, role = "king" }, Token);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);

        var forum = await coordinator.GetFromJsonAsync<JsonElement>($"/api/forums/{forumId}", Token);
        var roles = forum.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("actorId").GetGuid(), m => m.GetProperty("role").GetString());
        Assert.Equal("convenor", roles[convenor]);
        Assert.Equal("member", roles[member]);

        var needId = Guid.CreateVersion7();
        await PublishNeedSubmittedAsync(needId);
        var meetingId = (await RecordMeetingOnceKnownAsync(coordinator, new
        {
            date = "2024-01-15", forumId, title = "Dialogmöte om elnät", agenda = "Kapacitet 2030", minutes = "Gemensam analys beslutad.",
            attendingActorIds = new[] { convenor, member }, needIds = new[] { needId },
        })).GetProperty("id").GetGuid();

        var listed = await coordinator.GetFromJsonAsync<JsonElement>($"/api/meetings?forum={forumId}&from=2024-01-01&to=2024-12-31", Token);
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(meetingId, item.GetProperty("id").GetGuid());
        Assert.Equal(needId, Assert.Single(item.GetProperty("needIds").EnumerateArray()).GetGuid());

        var before = await CountsAsync();
        using var badMeeting = await coordinator.PostAsJsonAsync("/api/meetings", new { date = "2024-01-15", title = "Möte", attendingActorIds = new[] { Guid.NewGuid() } }, Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badMeeting.StatusCode);
        using var undated = await coordinator.PostAsJsonAsync("/api/meetings", new { title = "Möte" }, Token);
        Assert.Equal(HttpStatusCode.BadRequest, undated.StatusCode);
        using var reader = app.Client("reader");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/forums", new { name = "Läsarforum", scope = "national" }, Token)).StatusCode);
        Assert.Equal(before, await CountsAsync());

        foreach (var type in new[] { "ForumCreated", "ForumMemberAdded", "MeetingRecorded" })
        {
            await Wait.UntilAsync(async () => await app.ScalarAsync(
                    "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.' || $1 AND payload->>'forumId' = $2 AND sent_at IS NOT NULL", type, forumId.ToString()) >= 1,
                TimeSpan.FromSeconds(30), $"{type} published", Token);
        }
    }

    [Fact]
    public async Task Forums_and_meetings_name_the_registered_assignments_they_work_for_and_nothing_else()
    {
        using var coordinator = app.Client("coordinator");
        // An assignment registered in reporting reaches the registry as an event.
        var registered = new AssignmentRegistered
        {
            Reference = $"N{Random.Shared.Next(1000, 9999)}/{Random.Shared.Next(1, 999_999):D6}", Title = "Uppdrag om elnät", BudgetYear = 2024, BudgetSek = 100_000m,
            OccurredAt = DateTimeOffset.UtcNow,
        };
        await app.PublishAsync(registered, Token);
        await Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM known_assignments WHERE reference = $1", registered.Reference) == 1,
            TimeSpan.FromSeconds(30), "the assignment known to the registry", Token);

        using var created = await coordinator.PostAsJsonAsync("/api/forums", new
        {
            name = $"Uppdragsforum {Guid.NewGuid():N}"[..24], scope = "national", assignments = new[] { "KN2023/03505", $" {registered.Reference} ", "KN2023/03505" },
        }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var forum = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        var forumId = forum.GetProperty("id").GetGuid();
        Assert.Equal(["KN2023/03505", registered.Reference], forum.GetProperty("assignments").EnumerateArray().Select(a => a.GetString()));

        using var meeting = await coordinator.PostAsJsonAsync("/api/meetings", new { date = "2024-02-01", title = "Möte för uppdraget", assignments = new[] { registered.Reference } }, Token);
        Assert.Equal(HttpStatusCode.Created, meeting.StatusCode);
        var meetingId = (await meeting.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();

        var meetings = await coordinator.GetFromJsonAsync<JsonElement>($"/api/meetings?assignment={Uri.EscapeDataString(registered.Reference)}", Token);
        Assert.Equal(meetingId, Assert.Single(meetings.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var forums = await coordinator.GetFromJsonAsync<JsonElement>($"/api/forums?assignment={Uri.EscapeDataString(registered.Reference)}", Token);
        Assert.Equal(forumId, Assert.Single(forums.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var before = await CountsAsync();
        foreach (var (path, body, status) in new (string, object, HttpStatusCode)[]
        {
            ("/api/forums", new { name = "Forum för okänt uppdrag", scope = "national", assignments = new[] { "KN2023/03505", "KN1999/00001" } }, HttpStatusCode.UnprocessableEntity),
            ("/api/meetings", new { date = "2024-02-01", title = "Möte för okänt uppdrag", assignments = new[] { "KN2023/03505", "KN1999/00001" } }, HttpStatusCode.UnprocessableEntity),
            ("/api/meetings", new { date = "2024-02-01", title = "Möte med fel nummer", assignments = new[] { "KN2023/03505", "inte ett diarienummer" } }, HttpStatusCode.BadRequest),
        })
        {
            using var refused = await coordinator.PostAsJsonAsync(path, body, Token);
            Assert.Equal(status, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.True(problem.GetProperty("errors").TryGetProperty("assignments[1]", out _), problem.ToString());
        }

        using var badFilter = await coordinator.GetAsync("/api/meetings?assignment=nonsense", Token);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal(before, await CountsAsync());
        await Wait.UntilAsync(async () => await app.ScalarAsync(
                "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.ForumCreated' AND payload->>'forumId' = $1 AND payload->'assignments' ? $2",
                forumId.ToString(), registered.Reference) == 1,
            TimeSpan.FromSeconds(30), "ForumCreated with its assignments", Token);
    }

    [Fact]
    public async Task Meetings_are_found_by_who_attended_and_what_they_concern_and_an_actor_lists_its_forums_and_meetings()
    {
        using var coordinator = app.Client("coordinator");
        var email = $"kontakt-{Guid.NewGuid():N}@example.se";
        using var registered = await coordinator.PostAsJsonAsync("/api/actors", new
        {
            name = $"Mötesdeltagare {Guid.NewGuid():N}"[..30], kind = "company", municipalityCode = "2580",
            contacts = new[] { new { name = "Eva Berg", role = "vd", email, phone = "+46 70 555 12 34" } },
        }, Token);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var actor = (await registered.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
        using var created = await coordinator.PostAsJsonAsync("/api/forums", new
        {
            name = $"Kompetensforum {Guid.NewGuid():N}"[..24], purpose = "Kompetensförsörjning i båda länen", scope = "cross-county",
            convenorActorId = ReferenceActors.IdFor("agency:tillvaxtverket"),
        }, Token);
        var forumId = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
        using (var added = await coordinator.PostAsJsonAsync($"/api/forums/{forumId}/members", new { actorId = actor, role = "member" }, Token))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        Guid needId = Guid.CreateVersion7(), challengeId = Guid.CreateVersion7();
        await PublishNeedSubmittedAsync(needId);
        await PublishChallengeIdentifiedAsync(challengeId);
        var aboutNeed = (await RecordMeetingOnceKnownAsync(coordinator, new
        {
            date = "2024-03-05", forumId, title = "Möte om behovet", attendingActorIds = new[] { actor }, needIds = new[] { needId },
        })).GetProperty("id").GetGuid();
        var aboutChallenge = (await RecordMeetingOnceKnownAsync(coordinator, new
        {
            date = "2024-04-09", title = "Möte om utmaningen", attendingActorIds = new[] { ReferenceActors.IdFor("agency:svk") }, challengeIds = new[] { challengeId },
        })).GetProperty("id").GetGuid();

        async Task<Guid[]> MeetingsAsync(string query) =>
            [.. (await coordinator.GetFromJsonAsync<JsonElement>($"/api/meetings?{query}", Token)).GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid())];
        Assert.Equal([aboutNeed], await MeetingsAsync($"actor={actor}"));
        Assert.Equal([aboutNeed], await MeetingsAsync($"need={needId}"));
        Assert.Equal([aboutChallenge], await MeetingsAsync($"challenge={challengeId}"));
        Assert.Empty(await MeetingsAsync($"actor={actor}&from=2024-04-01"));
        Assert.Empty(await MeetingsAsync($"challenge={challengeId}&forum={forumId}"));

        using var reader = app.Client("reader");
        var forums = await reader.GetFromJsonAsync<JsonElement>($"/api/actors/{actor}/forums", Token);
        Assert.Equal(forumId, Assert.Single(forums.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var attended = await reader.GetFromJsonAsync<JsonElement>($"/api/actors/{actor}/meetings?pageSize=5", Token);
        // Where a company takes part is readable; its contact details are not, on either path.
        Assert.DoesNotContain(email, forums.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email, attended.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal((1, 5), (attended.GetProperty("total").GetInt32(), attended.GetProperty("pageSize").GetInt32()));
        Assert.Equal(aboutNeed, Assert.Single(attended.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        foreach (var (path, status) in new[]
        {
            ($"/api/actors/{Guid.NewGuid()}/forums", HttpStatusCode.NotFound),
            ($"/api/actors/{Guid.NewGuid()}/meetings", HttpStatusCode.NotFound),
            ($"/api/actors/{actor}/meetings?pageSize=0", HttpStatusCode.BadRequest),
            ("/api/meetings?actor=inte-ett-id", HttpStatusCode.BadRequest),
        })
        {
            using var refused = await reader.GetAsync(path, Token);
            Assert.Equal(status, refused.StatusCode);
        }
    }

    private Task PublishNeedSubmittedAsync(Guid needId) => app.PublishAsync(new NeedSubmitted
    {
        NeedId = needId, Reference = $"BEH-2026-{Random.Shared.Next(1_000_000):D6}", Title = "Elnätskapacitet för industrin",
        Description = "Nya industrier i Luleå behöver anslutas till elnätet.", Theme = "electricity", SubmittedByActorId = ReferenceActors.IdFor("municipality:2580"),
        MunicipalityCodes = ["2580"], CountyCodes = ["25"], Urgency = "high", OccurredAt = DateTimeOffset.UtcNow,
    }, Token);

    private Task PublishChallengeIdentifiedAsync(Guid challengeId) => app.PublishAsync(new ChallengeIdentified
    {
        ChallengeId = challengeId, Reference = $"UTM-2026-{Random.Shared.Next(10_000):D4}", Theme = "electricity", Title = "Elnätskapacitet",
        Status = "identified", OccurredAt = DateTimeOffset.UtcNow,
    }, Token);

    /// <summary>Records a meeting as a client would whose needs and challenges are new: again after a 422 until the registry has heard of them.</summary>
    private async Task<JsonElement> RecordMeetingOnceKnownAsync(HttpClient coordinator, object body)
    {
        JsonElement meeting = default;
        await Wait.UntilAsync(async () =>
        {
            using var response = await coordinator.PostAsJsonAsync("/api/meetings", body, Token);
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                return false;
            }

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            meeting = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
            return true;
        }, TimeSpan.FromSeconds(30), "the meeting's needs and challenges known to the registry", Token);
        return meeting;
    }

    [Fact]
    public async Task A_meeting_linking_needs_or_challenges_not_known_here_is_422_naming_each_and_says_a_new_one_may_not_have_arrived()
    {
        using var coordinator = app.Client("coordinator");
        Guid knownNeed = Guid.CreateVersion7(), knownChallenge = Guid.CreateVersion7(), newNeed = Guid.CreateVersion7(), newChallenge = Guid.CreateVersion7();
        var need = new NeedSubmitted
        {
            NeedId = knownNeed, Reference = "BEH-2026-000042", Title = "Bostäder i Gällivare", Description = "Gällivare behöver bostäder för inflyttare.",
            Theme = "housing", SubmittedByActorId = ReferenceActors.IdFor("municipality:2523"), MunicipalityCodes = ["2523"], CountyCodes = ["25"],
            Urgency = "medium", OccurredAt = DateTimeOffset.UtcNow,
        };
        var challenge = new ChallengeIdentified
        {
            ChallengeId = knownChallenge, Reference = "UTM-2026-0042", Theme = "housing", Title = "Bostadsbrist", Status = "identified", OccurredAt = DateTimeOffset.UtcNow,
        };
        await app.PublishAsync(need, Token);
        await app.PublishAsync(challenge, Token);
        foreach (var eventId in new[] { need.EventId, challenge.EventId })
        {
            await Wait.UntilAsync(async () => await app.ScalarAsync("SELECT count(*) FROM inbox_messages WHERE message_id = $1", eventId) == 1,
                TimeSpan.FromSeconds(30), $"event {eventId} consumed by the registry", Token);
        }

        var body = new
        {
            date = "2024-02-01", title = "Dialogmöte om bostäder", attendingActorIds = new[] { ReferenceActors.IdFor("municipality:2523") },
            needIds = new[] { knownNeed, newNeed }, challengeIds = new[] { newChallenge, knownChallenge },
        };
        var before = await CountsAsync();
        using (var response = await coordinator.PostAsJsonAsync("/api/meetings", body, Token))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors");
            Assert.Equal(["challengeIds[0]", "needIds[1]"], errors.EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal));
            foreach (var (field, id) in new[] { ("needIds[1]", newNeed), ("challengeIds[0]", newChallenge) })
            {
                var message = errors.GetProperty(field)[0].GetString()!;
                Assert.Contains(id.ToString(), message, StringComparison.Ordinal);
                Assert.Contains("may not have arrived yet", message, StringComparison.Ordinal);
                Assert.Contains("retry", message, StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await CountsAsync());

        // Once their events arrive, the same request is recorded.
        await PublishNeedSubmittedAsync(newNeed);
        await PublishChallengeIdentifiedAsync(newChallenge);
        var meeting = await RecordMeetingOnceKnownAsync(coordinator, body);
        Assert.Equal([knownNeed, newNeed], meeting.GetProperty("needIds").EnumerateArray().Select(id => id.GetGuid()));
        Assert.Equal([newChallenge, knownChallenge], meeting.GetProperty("challengeIds").EnumerateArray().Select(id => id.GetGuid()));
    }

    [Fact]
    public async Task Development_has_demo_establishments_and_forums()
    {
        using var reader = app.Client("reader");
        var boden = await reader.GetFromJsonAsync<JsonElement>("/api/establishments?municipality=2582", Token);
        Assert.Contains(boden.GetProperty("items").EnumerateArray(), e => e.GetProperty("name").GetString()!.Contains("Stegra", StringComparison.Ordinal));
        var gallivare = await reader.GetFromJsonAsync<JsonElement>("/api/establishments?q=gallivare", Token);
        Assert.True(gallivare.GetProperty("total").GetInt64() >= 2);
        var forums = await reader.GetFromJsonAsync<JsonElement>("/api/forums?scope=cross-county", Token);
        Assert.True(forums.GetProperty("total").GetInt64() >= 1);
    }
}
