using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.ActorRegistry.Tests;

/// <summary>
/// Contact persons' e-mail addresses and phone numbers are personal data: coordinators and the actor's own users see
/// them; readers and other actors see name and role only, on every path that answers with an actor.
/// </summary>
public sealed class ContactPrivacyTests(ActorRegistryApp app)
{
    private const string Email = "karin.ek@example.se";
    private const string Phone = "+46 70 765 43 21";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(Guid Id, string Word, string ETag)> NewActorWithContactAsync()
    {
        var word = $"Kontaktbolag{Guid.NewGuid():N}"[..24];
        using var coordinator = app.Client("coordinator");
        using var created = await coordinator.PostAsJsonAsync("/api/actors", new
        {
            name = $"{word} AB", kind = "company", municipalityCode = "2584",
            contacts = new[] { new { name = "Karin Ek", role = "etableringsansvarig", email = Email, phone = Phone } },
        }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var actor = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        AssertDetailsShown(actor);
        return (actor.GetProperty("id").GetGuid(), word, created.Headers.ETag!.ToString());
    }

    private static JsonElement OnlyContact(JsonElement actor)
    {
        var contact = Assert.Single(actor.GetProperty("contacts").EnumerateArray());
        Assert.Equal("Karin Ek", contact.GetProperty("name").GetString());
        Assert.Equal("etableringsansvarig", contact.GetProperty("role").GetString());
        return contact;
    }

    private static void AssertDetailsShown(JsonElement actor)
    {
        var contact = OnlyContact(actor);
        Assert.Equal(Email, contact.GetProperty("email").GetString());
        Assert.Equal(Phone, contact.GetProperty("phone").GetString());
    }

    /// <summary>The fields stay (clients rely on the shape) but hold null.</summary>
    private static void AssertDetailsHidden(JsonElement actor)
    {
        var contact = OnlyContact(actor);
        Assert.Equal(JsonValueKind.Null, contact.GetProperty("email").ValueKind);
        Assert.Equal(JsonValueKind.Null, contact.GetProperty("phone").ValueKind);
        Assert.DoesNotContain(Email, actor.GetRawText(), StringComparison.Ordinal);
    }

    public static TheoryData<string, bool> Viewers => new()
    {
        { "coordinator", true },
        { "the actor itself", true },
        { "another actor", false },
        { "reader", false },
    };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task Email_and_phone_are_shown_to_coordinators_and_the_actor_itself_only(string viewer, bool seesDetails)
    {
        var (id, word, _) = await NewActorWithContactAsync();
        using var client = viewer switch
        {
            "coordinator" => app.Client("coordinator"),
            "the actor itself" => app.Client("actor", id),
            "another actor" => app.Client("actor", Guid.NewGuid()),
            _ => app.Client("reader"),
        };
        Action<JsonElement> expected = seesDetails ? AssertDetailsShown : AssertDetailsHidden;

        using var read = await client.GetAsync($"/api/actors/{id}", Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        expected(await read.Content.ReadFromJsonAsync<JsonElement>(Token));

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/actors?q={word}", Token);
        expected(Assert.Single(page.GetProperty("items").EnumerateArray()));
    }

    [Fact]
    public async Task In_a_search_an_actor_user_sees_its_own_contacts_details_and_not_another_actors()
    {
        var (own, word, _) = await NewActorWithContactAsync();
        using var coordinator = app.Client("coordinator");
        using var other = await coordinator.PostAsJsonAsync("/api/actors", new
        {
            name = $"{word} Två AB", kind = "company",
            contacts = new[] { new { name = "Karin Ek", role = "etableringsansvarig", email = Email, phone = Phone } },
        }, Token);
        var otherId = (await other.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();

        using var actor = app.Client("actor", own);
        var items = (await actor.GetFromJsonAsync<JsonElement>($"/api/actors?q={word}", Token)).GetProperty("items").EnumerateArray()
            .ToDictionary(item => item.GetProperty("id").GetGuid());
        Assert.Equal(2, items.Count);
        AssertDetailsShown(items[own]);
        AssertDetailsHidden(items[otherId]);
    }

    [Fact]
    public async Task The_answers_of_changes_show_details_to_the_coordinator_and_the_actor_that_made_them()
    {
        var (id, word, etag) = await NewActorWithContactAsync();
        var body = new
        {
            name = $"{word} AB", kind = "company", municipalityCode = "2584",
            contacts = new[] { new { name = "Karin Ek", role = "etableringsansvarig", email = Email, phone = Phone } },
        };

        using var self = app.Client("actor", id);
        using var ownUpdate = new HttpRequestMessage(HttpMethod.Put, $"/api/actors/{id}") { Content = JsonContent.Create(body) };
        ownUpdate.Headers.TryAddWithoutValidation("If-Match", etag);
        using var updated = await self.SendAsync(ownUpdate, Token);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        AssertDetailsShown(await updated.Content.ReadFromJsonAsync<JsonElement>(Token));

        using var coordinator = app.Client("coordinator");
        using var deactivate = new HttpRequestMessage(HttpMethod.Post, $"/api/actors/{id}/deactivate") { Content = JsonContent.Create(new { reason = "Sammanslaget" }) };
        deactivate.Headers.TryAddWithoutValidation("If-Match", updated.Headers.ETag!.ToString());
        using var deactivated = await coordinator.SendAsync(deactivate, Token);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        AssertDetailsShown(await deactivated.Content.ReadFromJsonAsync<JsonElement>(Token));
    }
}
