using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Client.Models;
using Platform.Testing;

namespace Platform.Reporting.Tests;

/// <summary>A lesson is revised under If-Match as its next version; the earlier versions stay readable and never change.</summary>
public sealed class LessonRevisionTests(ReportingApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, object body, string? ifMatch) =>
        client.SendJsonAsync(HttpMethod.Put, $"/api/lessons/{id}", body, ifMatch, Token);

    private static object Body(string title, string text = "Kommuner som planerade tillsammans fick fler bostäder byggda i tid.") =>
        new { title, text, targetGroups = new[] { "kommuner" }, documentedOn = "2024-05-02" };

    [Fact]
    public async Task A_published_lesson_is_revised_as_its_next_version_and_the_first_stays_readable()
    {
        using var coordinator = app.Client("coordinator");
        var title = $"Gemensam planering {Guid.NewGuid():N}"[..30];
        using var created = await coordinator.PostAsJsonAsync("/api/lessons", new { title, text = "Planering över kommungränsen sparar tid.", targetGroups = new[] { "kommuner" }, published = true }, Token);
        var lesson = (await created.Content.ReadFromJsonAsync<Lesson>(Json, Token))!;

        foreach (var (client, body, ifMatch, status, field) in new (HttpClient, object, string?, HttpStatusCode, string?)[]
        {
            (coordinator, Body($"{title} (reviderad)"), null, HttpStatusCode.PreconditionRequired, null),
            (app.Client("reader"), Body($"{title} (reviderad)"), "\"1\"", HttpStatusCode.Forbidden, null),
            (coordinator, Body("Ko"), "\"1\"", HttpStatusCode.BadRequest, "title"),
            (coordinator, new { title, text = "Planering över kommungränsen sparar tid.", targetGroups = new[] { "kommuner" }, effortIds = new[] { Guid.NewGuid() } }, "\"1\"",
                HttpStatusCode.UnprocessableEntity, "effortIds[0]"),
        })
        {
            using var refused = await PutAsync(client, lesson.Id, body, ifMatch);
            Assert.Equal(status, refused.StatusCode);
            if (field is not null)
            {
                Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty(field, out _), field);
            }
        }

        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM lesson_revisions WHERE lesson_id = $1", lesson.Id));
        using var revised = await PutAsync(coordinator, lesson.Id, Body($"{title} (reviderad)"), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal("\"2\"", revised.Headers.ETag!.Tag);
        var now = (await revised.Content.ReadFromJsonAsync<Lesson>(Json, Token))!;
        Assert.Equal((2, true, lesson.PublishedAt, new DateOnly(2024, 5, 2)), (now.Version, now.Published, now.PublishedAt, now.DocumentedOn));
        await app.WaitUntilAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.LessonRevised' AND payload->>'lessonId' = $1", lesson.Id.ToString(),
            "LessonRevised in the outbox", Token);

        using var stale = await PutAsync(coordinator, lesson.Id, Body($"{title} (igen)"), "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var same = await PutAsync(coordinator, lesson.Id, Body($"{title} (reviderad)"), "\"2\"");
        Assert.Equal("\"2\"", same.Headers.ETag!.Tag);

        using var reader = app.Client("reader");
        var revisions = (await reader.GetFromJsonAsync<PagedResult<Lesson>>($"/api/lessons/{lesson.Id}/revisions", Json, Token))!;
        var first = Assert.Single(revisions.Items);
        Assert.Equal((1, title, "Planering över kommungränsen sparar tid."), (first.Version, first.Title, first.Text));
        Assert.Equal($"{title} (reviderad)", (await reader.GetFromJsonAsync<Lesson>($"/api/lessons/{lesson.Id}", Json, Token))!.Title);

        await using var connection = new NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync(Token);
        await using var update = new NpgsqlCommand("UPDATE lesson_revisions SET title = 'ändrad' WHERE lesson_id = @id", connection) { Parameters = { new("id", lesson.Id) } };
        Assert.Contains("never changed or removed", (await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync(Token))).MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drafts_revisions_are_for_coordinators_only()
    {
        using var coordinator = app.Client("coordinator");
        var title = $"Utkast om elnät {Guid.NewGuid():N}"[..28];
        using var created = await coordinator.PostAsJsonAsync("/api/lessons", new { title, text = "Tidig dialog med nätägaren lönar sig.", targetGroups = new[] { "kommuner" } }, Token);
        var draft = (await created.Content.ReadFromJsonAsync<Lesson>(Json, Token))!;
        using (var revised = await PutAsync(coordinator, draft.Id, Body($"{title} (reviderad)"), "\"1\""))
        {
            Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
            Assert.False((await revised.Content.ReadFromJsonAsync<Lesson>(Json, Token))!.Published);
        }

        Assert.Single((await coordinator.GetFromJsonAsync<PagedResult<Lesson>>($"/api/lessons/{draft.Id}/revisions", Json, Token))!.Items);
        using var reader = app.Client("reader");
        using var hidden = await reader.GetAsync($"/api/lessons/{draft.Id}/revisions", Token);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using var unknown = await PutAsync(coordinator, Guid.NewGuid(), Body("Okänd lärdom"), "\"1\"");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
