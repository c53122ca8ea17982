using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.ActorRegistry.Tests;

/// <summary>
/// Coordinators correct forums and meetings under If-Match: a forum's fields, members removed (once: twice is 409)
/// and given other roles; a meeting planned, then held, its attendees and links changed. Refusals write nothing.
/// </summary>
[Collection(nameof(ExclusiveWrites))]
public sealed class CollaborationEditTests(ActorRegistryApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<Guid> NewActorAsync(HttpClient coordinator, string kind = "agency")
    {
        using var created = await coordinator.PostAsJsonAsync("/api/actors", new { name = $"Aktör {Guid.NewGuid():N}"[..20], kind, municipalityCode = "2580" }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
    }

    private static async Task<(JsonElement Body, string ETag)> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token), response.Headers.ETag!.Tag);
    }

    private Task<long> OutboxAsync(string type, string key, Guid id) =>
        app.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.' || $1 AND payload->>$2 = $3", type, key, id.ToString());

    [Fact]
    public async Task A_forum_is_edited_and_its_members_removed_once_and_given_other_roles()
    {
        using var coordinator = app.Client("coordinator");
        var (convenor, member) = (await NewActorAsync(coordinator), await NewActorAsync(coordinator, "municipality"));
        using var created = await coordinator.PostAsJsonAsync("/api/forums", new { name = "Elnätsforum Norrbotten", scope = "regional", convenorActorId = convenor }, Token);
        var forum = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
        using (var joined = await coordinator.PostAsJsonAsync($"/api/forums/{forum}/members", new { actorId = member, role = "member" }, Token))
        {
            Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        }

        var (_, etag) = await ReadAsync(coordinator, $"/api/forums/{forum}");
        var edit = new { name = "Elnätsforum Norr", purpose = "Samordna nätkapacitet för nya etableringar.", scope = "cross-county", convenorActorId = convenor };
        using (var missing = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/forums/{forum}", edit, null, Token))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        }

        using (var edited = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/forums/{forum}", edit, etag, Token))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
            var body = await edited.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal(("Elnätsforum Norr", "cross-county"), (body.GetProperty("name").GetString(), body.GetProperty("scope").GetString()));
        }

        using (var stale = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/forums/{forum}/members/{member}", new { role = "observer" }, etag, Token))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        var (_, current) = await ReadAsync(coordinator, $"/api/forums/{forum}");
        using (var badRole = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/forums/{forum}/members/{member}", new { role = "chair" }, current, Token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        }

        using (var role = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/forums/{forum}/members/{member}", new { role = "observer" }, current, Token))
        {
            Assert.Equal(HttpStatusCode.OK, role.StatusCode);
        }

        using (var reader = app.Client("reader"))
        using (var refused = await reader.DeleteAsync($"/api/forums/{forum}/members/{member}", Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var removed = await coordinator.DeleteAsync($"/api/forums/{forum}/members/{member}", Token))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        using (var twice = await coordinator.DeleteAsync($"/api/forums/{forum}/members/{member}", Token))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        using (var gone = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/forums/{forum}/members/{member}", new { role = "member" }, (await ReadAsync(coordinator, $"/api/forums/{forum}")).ETag, Token))
        {
            Assert.Equal(HttpStatusCode.Conflict, gone.StatusCode);
        }

        var (after, version) = await ReadAsync(coordinator, $"/api/forums/{forum}");
        Assert.Equal(convenor, Assert.Single(after.GetProperty("members").EnumerateArray()).GetProperty("actorId").GetGuid());
        Assert.Equal("\"5\"", version);
        Assert.Equal(1, await OutboxAsync("ForumUpdated", "forumId", forum));
        Assert.Equal(1, await OutboxAsync("ForumMemberRoleChanged", "forumId", forum));
        Assert.Equal(1, await OutboxAsync("ForumMemberRemoved", "forumId", forum));
    }

    [Fact]
    public async Task A_meeting_is_planned_then_held_and_a_held_meeting_in_the_future_is_refused()
    {
        using var coordinator = app.Client("coordinator");
        var attendee = await NewActorAsync(coordinator, "municipality");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var meeting = new Dictionary<string, object?> { ["date"] = today.AddDays(10).ToString("yyyy-MM-dd"), ["title"] = "Dialogmöte om bostäder i Kiruna" };
        using var created = await coordinator.PostAsJsonAsync("/api/meetings", meeting, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal("planned", body.GetProperty("status").GetString());
        var planned = await coordinator.GetFromJsonAsync<JsonElement>($"/api/meetings?status=planned&actor={attendee}", Token);
        Assert.Equal(0, planned.GetProperty("total").GetInt32());

        var (_, etag) = await ReadAsync(coordinator, $"/api/meetings/{id}");
        meeting["status"] = "held";
        using (var future = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{id}", meeting, etag, Token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
            Assert.True((await future.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty("status", out _));
        }

        meeting["challengeIds"] = new[] { Guid.NewGuid() };
        meeting["date"] = today.AddDays(-1).ToString("yyyy-MM-dd");
        using (var unknown = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{id}", meeting, etag, Token))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
            Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty("challengeIds[0]", out _));
        }

        meeting.Remove("challengeIds");
        meeting["attendingActorIds"] = new[] { attendee };
        meeting["minutes"] = "Kommunen redovisade behovet av 400 bostäder.";
        using (var missing = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{id}", meeting, null, Token))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        }

        Assert.Equal(0, await OutboxAsync("MeetingUpdated", "meetingId", id));
        using (var held = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{id}", meeting, etag, Token))
        {
            Assert.Equal(HttpStatusCode.OK, held.StatusCode);
            Assert.Equal("\"2\"", held.Headers.ETag!.Tag);
        }

        using (var stale = await coordinator.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{id}", meeting, etag, Token))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        var heldList = await coordinator.GetFromJsonAsync<JsonElement>($"/api/meetings?status=held&actor={attendee}", Token);
        var found = Assert.Single(heldList.GetProperty("items").EnumerateArray());
        Assert.Equal(("held", "Kommunen redovisade behovet av 400 bostäder."), (found.GetProperty("status").GetString(), found.GetProperty("minutes").GetString()));
        Assert.Equal(1, await OutboxAsync("MeetingUpdated", "meetingId", id));

        using var badStatus = await coordinator.GetAsync("/api/meetings?status=done", Token);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }
}
