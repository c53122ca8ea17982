using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.ActorRegistry.Tests;

/// <summary>Deactivation and reactivation: both need the current ETag, both are published and kept in the actor's history.</summary>
public sealed class ActorLifecycleTests(ActorRegistryApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(Guid Id, string ETag)> NewActorAsync(HttpClient coordinator)
    {
        using var created = await coordinator.PostAsJsonAsync("/api/actors", new { name = $"Livscykel {Guid.NewGuid():N}"[..22], kind = "company", municipalityCode = "2523" }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid(), created.Headers.ETag!.ToString());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Token);
    }

    private Task<long> VersionAsync(Guid id) => app.ScalarAsync("SELECT version FROM actors WHERE id = $1", id);

    [Fact]
    public async Task Deactivation_needs_the_current_etag()
    {
        using var coordinator = app.Client("coordinator");
        var (id, etag) = await NewActorAsync(coordinator);
        var path = $"/api/actors/{id}/deactivate";

        using (var withoutEtag = await PostAsync(coordinator, path, new { reason = "Avvecklat" }, null))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, withoutEtag.StatusCode);
        }

        using (var stale = await PostAsync(coordinator, path, new { reason = "Avvecklat" }, "\"99\""))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        using (var weak = await PostAsync(coordinator, path, new { reason = "Avvecklat" }, $"W/{etag}"))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, weak.StatusCode);
        }

        Assert.Equal(1, await VersionAsync(id));
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.ActorDeactivated' AND payload->>'actorId' = $1", id.ToString()));

        using var deactivated = await PostAsync(coordinator, path, new { reason = "Avvecklat" }, etag);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await deactivated.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("active").GetBoolean());

        // "*" means any current version.
        var (other, _) = await NewActorAsync(coordinator);
        using var any = await PostAsync(coordinator, $"/api/actors/{other}/deactivate", new { }, "*");
        Assert.Equal(HttpStatusCode.OK, any.StatusCode);
    }

    [Fact]
    public async Task A_coordinator_reactivates_a_deactivated_actor_and_both_changes_are_published_and_in_its_history()
    {
        using var coordinator = app.Client("coordinator");
        var (id, etag) = await NewActorAsync(coordinator);

        using var deactivated = await PostAsync(coordinator, $"/api/actors/{id}/deactivate", new { reason = "Konkurs" }, etag);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        var deactivatedEtag = deactivated.Headers.ETag!.ToString();

        var path = $"/api/actors/{id}/reactivate";
        using var self = app.Client("actor", id);
        using (var bySelf = await PostAsync(self, path, new { }, deactivatedEtag))
        {
            Assert.Equal(HttpStatusCode.Forbidden, bySelf.StatusCode);
        }

        using var reader = app.Client("reader");
        using (var byReader = await PostAsync(reader, path, new { }, deactivatedEtag))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode);
        }

        using (var withoutEtag = await PostAsync(coordinator, path, new { reason = "Rekonstruktion klar" }, null))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, withoutEtag.StatusCode);
        }

        using (var stale = await PostAsync(coordinator, path, new { reason = "Rekonstruktion klar" }, etag))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        using (var tooLong = await PostAsync(coordinator, path, new { reason = new string('x', 1001) }, deactivatedEtag))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        }

        Assert.Equal(2, await VersionAsync(id));

        using var reactivated = await PostAsync(coordinator, path, new { reason = "Rekonstruktion klar" }, deactivatedEtag);
        Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        var actor = await reactivated.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(actor.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, actor.GetProperty("deactivationReason").ValueKind);
        Assert.Equal("\"3\"", reactivated.Headers.ETag!.ToString());

        var read = await reader.GetFromJsonAsync<JsonElement>($"/api/actors/{id}", Token);
        Assert.True(read.GetProperty("active").GetBoolean());
        var active = await reader.GetFromJsonAsync<JsonElement>($"/api/actors?q={actor.GetProperty("name").GetString()}&active=true", Token);
        Assert.Equal(id, Assert.Single(active.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        foreach (var (type, version) in new[] { ("ActorDeactivated", 2), ("ActorReactivated", 3) })
        {
            await Wait.UntilAsync(async () => await app.ScalarAsync(
                    "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.' || $1 AND payload->>'actorId' = $2 AND (payload->>'version')::int = $3 AND sent_at IS NOT NULL",
                    type, id.ToString(), version) == 1,
                TimeSpan.FromSeconds(30), $"{type} published", Token);
        }

        // Any role reads the history, oldest first.
        var history = await reader.GetFromJsonAsync<JsonElement>($"/api/actors/{id}/history", Token);
        Assert.Equal(3, history.GetProperty("total").GetInt64());
        var entries = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["registered", "deactivated", "reactivated"], entries.Select(entry => entry.GetProperty("action").GetString()));
        Assert.Equal("Konkurs", entries[1].GetProperty("changes").GetProperty("reason").GetString());
        Assert.Equal("Rekonstruktion klar", entries[2].GetProperty("changes").GetProperty("reason").GetString());
        Assert.All(entries, entry => Assert.StartsWith("dev-coordinator-", entry.GetProperty("by").GetString(), StringComparison.Ordinal));
        Assert.True(entries[2].GetProperty("at").GetDateTimeOffset() >= entries[1].GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Reactivating_an_active_actor_changes_nothing_and_unknown_actors_are_404()
    {
        using var coordinator = app.Client("coordinator");
        var (id, etag) = await NewActorAsync(coordinator);

        using var again = await PostAsync(coordinator, $"/api/actors/{id}/reactivate", new { }, etag);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag!.ToString());
        Assert.Equal(1, await VersionAsync(id));
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.ActorReactivated' AND payload->>'actorId' = $1", id.ToString()));

        var missing = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(coordinator, $"/api/actors/{missing}/reactivate", new { }, "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(coordinator, $"/api/actors/{missing}/deactivate", new { }, "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/actors/{missing}/history", Token)).StatusCode);
    }

    [Fact]
    public async Task A_reason_is_optional_so_a_deactivation_or_reactivation_needs_no_body()
    {
        using var coordinator = app.Client("coordinator");
        var (id, etag) = await NewActorAsync(coordinator);
        foreach (var action in new[] { "deactivate", "reactivate" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/actors/{id}/{action}");
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            using var response = await coordinator.SendAsync(request, Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(action == "reactivate", (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("active").GetBoolean());
            etag = response.Headers.ETag!.ToString();
        }
    }

    [Fact]
    public async Task The_history_keeps_updates_without_contact_details()
    {
        using var coordinator = app.Client("coordinator");
        var (id, etag) = await NewActorAsync(coordinator);
        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/actors/{id}")
        {
            Content = JsonContent.Create(new
            {
                name = "Livscykel Gruv AB", kind = "company", municipalityCode = "2523", website = "https://gruv.example.se",
                contacts = new[] { new { name = "Per Berg", role = "vd", email = "per.berg@example.se", phone = "070-111 22 33" } },
            }),
        };
        update.Headers.TryAddWithoutValidation("If-Match", etag);
        using var self = app.Client("actor", id);
        using var updated = await self.SendAsync(update, Token);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        using var reader = app.Client("reader");
        var history = await reader.GetFromJsonAsync<JsonElement>($"/api/actors/{id}/history?pageSize=1&page=2", Token);
        Assert.Equal(2, history.GetProperty("total").GetInt64());
        var entry = Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.Equal("updated", entry.GetProperty("action").GetString());
        Assert.StartsWith("dev-actor-", entry.GetProperty("by").GetString(), StringComparison.Ordinal);
        var changes = entry.GetProperty("changes");
        Assert.Equal("Livscykel Gruv AB", changes.GetProperty("name").GetString());
        Assert.Equal("https://gruv.example.se/", changes.GetProperty("website").GetString());
        Assert.Equal("Per Berg", Assert.Single(changes.GetProperty("contacts").EnumerateArray()).GetProperty("name").GetString());
        Assert.False(changes.TryGetProperty("kind", out _), "an unchanged field is not listed");
        Assert.DoesNotContain("per.berg", entry.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("111 22 33", entry.GetRawText(), StringComparison.Ordinal);
    }
}
