using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.ActorRegistry.Domain;
using Platform.Testing;

namespace Platform.ActorRegistry.Tests;

[Collection(nameof(ExclusiveWrites))]
public sealed class ActorsApiTests(ActorRegistryApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A valid, most likely unused organisation number: 556xxx-xxxx with the Luhn digit computed.</summary>
    private static string NewOrganisationNumber()
    {
        var digits = "556" + Random.Shared.NextInt64(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        for (var check = 0; check <= 9; check++)
        {
            if (OrganisationNumber.TryParse(digits + check, out var number, out _))
            {
                return number.Value.ToString();
            }
        }

        throw new InvalidOperationException("No check digit found.");
    }

    private async Task<(long Actors, long Outbox)> CountsAsync() =>
        (await app.ScalarAsync("SELECT count(*) FROM actors"), await app.ScalarAsync("SELECT count(*) FROM outbox_messages"));

    [Fact]
    public async Task A_coordinator_registers_reads_updates_and_deactivates_an_actor_and_each_change_is_published()
    {
        using var coordinator = app.Client("coordinator");
        var organisationNumber = NewOrganisationNumber();
        var name = UniqueName("Norrsken Vätgas AB");
        using var created = await coordinator.PostAsJsonAsync("/api/actors", new
        {
            name, kind = "company", organisationNumber = organisationNumber.Replace("-", "", StringComparison.Ordinal), municipalityCode = "2582",
            contacts = new[] { new { name = "Anna Lind", role = "vd", email = "anna@example.se", phone = "+46 70 123 45 67" } },
        }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var actor = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        var id = actor.GetProperty("id").GetGuid();
        Assert.Equal($"/api/actors/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(organisationNumber, actor.GetProperty("organisationNumber").GetString());
        Assert.Equal(["25"], actor.GetProperty("countyCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.True(actor.GetProperty("active").GetBoolean());

        using var read = await coordinator.GetAsync($"/api/actors/{id}", Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var etag = read.Headers.ETag!.ToString();

        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/actors/{id}")
        {
            Content = JsonContent.Create(new { name = name + " (Boden)", kind = "company", organisationNumber, municipalityCode = "2582", countyCodes = new[] { "24" } }),
        };
        update.Headers.TryAddWithoutValidation("If-Match", etag);
        using var updated = await coordinator.SendAsync(update, Token);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await updated.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(["24", "25"], after.GetProperty("countyCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.NotEqual(etag, updated.Headers.ETag!.ToString());

        using var deactivate = new HttpRequestMessage(HttpMethod.Post, $"/api/actors/{id}/deactivate") { Content = JsonContent.Create(new { reason = "Bolaget avvecklat" }) };
        deactivate.Headers.TryAddWithoutValidation("If-Match", updated.Headers.ETag!.ToString());
        using var deactivated = await coordinator.SendAsync(deactivate, Token);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await deactivated.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("active").GetBoolean());

        foreach (var type in new[] { "ActorRegistered", "ActorUpdated", "ActorDeactivated" })
        {
            await Wait.UntilAsync(async () => await app.ScalarAsync(
                    "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.' || $1 AND payload->>'actorId' = $2 AND sent_at IS NOT NULL", type, id.ToString()) == 1,
                TimeSpan.FromSeconds(30), $"{type} published", Token);
        }
    }

    [Fact]
    public async Task Search_is_case_and_accent_insensitive_and_filters_by_kind_county_and_municipality()
    {
        using var reader = app.Client("reader");
        using var response = await reader.GetAsync("/api/actors?q=LULEA&kind=municipality&county=25&municipality=2580", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        var names = page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Contains("Luleå kommun", names);
        Assert.All(page.GetProperty("items").EnumerateArray(), a => Assert.Equal("municipality", a.GetProperty("kind").GetString()));
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(20, page.GetProperty("pageSize").GetInt32());

        using var universities = await reader.GetAsync("/api/actors?q=universitet&kind=academia&pageSize=1&page=2", Token);
        var second = await universities.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(second.GetProperty("total").GetInt64() >= 2);
        Assert.Single(second.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Search_totals_stay_exact_when_actors_change_also_when_another_instance_changes_them()
    {
        using var coordinator = app.Client("coordinator");
        var word = $"Tallbark{Guid.NewGuid():N}"[..20];
        async Task<long> TotalAsync(string query) =>
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/actors?{query}", Token)).GetProperty("total").GetInt64();

        Assert.Equal(0, await TotalAsync($"q={word}&kind=company"));
        Assert.Equal(0, await TotalAsync($"q={word}&kind=company"));
        var totals = app.Services.GetRequiredService<Platform.ActorRegistry.Data.ActorSearchTotals>();
        Assert.True(totals.TryGet(new(word.ToLowerInvariant(), "company", null, null, null), out _, out var remembered));
        Assert.Equal(0, remembered);

        // Through this instance.
        using var created = await coordinator.PostAsJsonAsync("/api/actors", new { name = $"{word} Såg AB", kind = "company", municipalityCode = "2480" }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, await TotalAsync($"q={word}&kind=company"));
        Assert.Equal(1, await TotalAsync($"q={word}&kind=company&county=24"));

        // Written by another instance (or by hand): this instance's remembered totals must not survive it.
        await app.ScalarAsync("INSERT INTO actors (id, name, search_name, kind) VALUES ($1, $2, lower($2), 'company')", Guid.NewGuid(), $"{word} Kol AB");
        Assert.Equal(2, await TotalAsync($"q={word}&kind=company"));
        Assert.Equal(1, await TotalAsync($"q={word}&kind=company&county=24"));
        await app.ScalarAsync("UPDATE actors SET kind = 'other' WHERE search_name = lower($1)", $"{word} Kol AB");
        Assert.Equal(1, await TotalAsync($"q={word}&kind=company"));
        Assert.Equal(2, await TotalAsync($"q={word}"));
    }

    [Fact]
    public async Task Reference_geography_and_actors_are_seeded()
    {
        using var reader = app.Client("reader");
        var counties = await reader.GetFromJsonAsync<JsonElement>("/api/counties", Token);
        Assert.Equal(2, counties.GetProperty("total").GetInt64());
        var municipalities = await reader.GetFromJsonAsync<JsonElement>("/api/municipalities?county=24", Token);
        Assert.Equal(15, municipalities.GetProperty("total").GetInt64());

        var bjurholm = await reader.GetFromJsonAsync<JsonElement>($"/api/actors/{ReferenceActors.IdFor("municipality:2403")}", Token);
        Assert.Equal("Bjurholms kommun", bjurholm.GetProperty("name").GetString());
        Assert.Equal("212000-2833", bjurholm.GetProperty("organisationNumber").GetString());
        Assert.Equal(ReferenceActors.All.Count, await app.ScalarAsync("SELECT count(*) FROM actors WHERE id = ANY($1)", ReferenceActors.All.Select(a => a.Id).ToArray()));
    }

    public static TheoryData<string, HttpStatusCode, string> BadActors => new()
    {
        { """{"kind":"company","name":""}""", HttpStatusCode.BadRequest, "name" },
        { """{"kind":"spaceship","name":"Rymdbolaget"}""", HttpStatusCode.BadRequest, "kind" },
        { """{"kind":"company","name":"Felnummer AB","organisationNumber":"212000-2834"}""", HttpStatusCode.BadRequest, "organisationNumber" },
        { """{"kind":"municipality","name":"Utan kod"}""", HttpStatusCode.BadRequest, "municipalityCode" },
        { """{"kind":"company","name":"Okänd ort AB","municipalityCode":"0180"}""", HttpStatusCode.UnprocessableEntity, "municipalityCode" },
        { """{"kind":"company","name":"Fel län AB","countyCodes":["01"]}""", HttpStatusCode.UnprocessableEntity, "countyCodes" },
        { """{"kind":"company","name":"Kontakt AB","contacts":[{"name":"X","email":"not-an-email"}]}""", HttpStatusCode.BadRequest, "contacts[0].email" },
        { """{"kind":"company","name":"Webb AB","website":"javascript:alert(1)"}""", HttpStatusCode.BadRequest, "website" },
    };

    [Theory]
    [MemberData(nameof(BadActors))]
    public async Task Bad_input_is_a_problem_naming_the_field_and_writes_nothing(string body, HttpStatusCode status, string field)
    {
        using var coordinator = app.Client("coordinator");
        var before = await CountsAsync();
        using var response = await coordinator.PostAsync("/api/actors", new StringContent(body, Encoding.UTF8, "application/json"), Token);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_second_actor_with_the_same_organisation_number_is_a_conflict_naming_the_first()
    {
        using var coordinator = app.Client("coordinator");
        var organisationNumber = NewOrganisationNumber();
        using var first = await coordinator.PostAsJsonAsync("/api/actors", new { name = UniqueName("Första AB"), kind = "company", organisationNumber }, Token);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
        var before = await CountsAsync();

        using var second = await coordinator.PostAsJsonAsync("/api/actors", new { name = UniqueName("Andra AB"), kind = "company", organisationNumber }, Token);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(firstId, problem.GetProperty("existingActorId").GetGuid());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Updates_need_a_current_etag_and_unknown_actors_are_404()
    {
        using var coordinator = app.Client("coordinator");
        using var created = await coordinator.PostAsJsonAsync("/api/actors", new { name = UniqueName("Etag AB"), kind = "company" }, Token);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
        var body = new { name = UniqueName("Etag AB"), kind = "company" };
        var before = await CountsAsync();

        using var withoutEtag = await coordinator.PutAsJsonAsync($"/api/actors/{id}", body, Token);
        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutEtag.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/actors/{id}") { Content = JsonContent.Create(body) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"99\"");
        using var staleResponse = await coordinator.SendAsync(stale, Token);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleResponse.StatusCode);

        using var missing = new HttpRequestMessage(HttpMethod.Put, $"/api/actors/{Guid.NewGuid()}") { Content = JsonContent.Create(body) };
        missing.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var missingResponse = await coordinator.SendAsync(missing, Token);
        Assert.Equal(HttpStatusCode.NotFound, missingResponse.StatusCode);

        using var getMissing = await coordinator.GetAsync($"/api/actors/{Guid.NewGuid()}", Token);
        Assert.Equal(HttpStatusCode.NotFound, getMissing.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Roles_decide_who_may_register_and_update()
    {
        using var coordinator = app.Client("coordinator");
        using var created = await coordinator.PostAsJsonAsync("/api/actors", new { name = UniqueName("Roll AB"), kind = "company" }, Token);
        var actor = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        var id = actor.GetProperty("id").GetGuid();
        var etag = created.Headers.ETag!.ToString();

        using var anonymous = app.Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/actors", Token)).StatusCode);

        using var reader = app.Client("reader");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/actors/{id}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/actors", new { name = "Läsare AB", kind = "company" }, Token)).StatusCode);

        using var otherActor = app.Client("actor", Guid.NewGuid());
        using var foreign = new HttpRequestMessage(HttpMethod.Put, $"/api/actors/{id}") { Content = JsonContent.Create(new { name = "Kapat AB", kind = "company" }) };
        foreign.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherActor.SendAsync(foreign, Token)).StatusCode);

        using var self = app.Client("actor", id);
        using var promote = new HttpRequestMessage(HttpMethod.Put, $"/api/actors/{id}") { Content = JsonContent.Create(new { name = "Roll AB", kind = "agency" }) };
        promote.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.Forbidden, (await self.SendAsync(promote, Token)).StatusCode);

        using var own = new HttpRequestMessage(HttpMethod.Put, $"/api/actors/{id}") { Content = JsonContent.Create(new { name = "Roll AB (ny)", kind = "company", website = "https://roll.example.se" }) };
        own.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await self.SendAsync(own, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await self.PostAsJsonAsync($"/api/actors/{id}/deactivate", new { }, Token)).StatusCode);
    }
}
