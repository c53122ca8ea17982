using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Client.Models;
using Platform.Testing;

namespace Platform.Reporting.Tests;

/// <summary>
/// The written parts of the final report: coordinators save sections and the cover's facts as versions under
/// If-Match; every format shows them in their chapters; a frozen version keeps the words it was frozen with.
/// </summary>
public sealed class ReportTextsTests(ReportingApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Query(string assignment) => $"assignment={Uri.EscapeDataString(assignment)}";

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, object body, string? ifMatch) =>
        client.SendJsonAsync(HttpMethod.Put, path, body, ifMatch, Token);

    [Fact]
    public async Task Coordinators_write_the_sections_and_the_cover_that_every_format_shows_and_a_frozen_version_keeps()
    {
        var assignment = await app.AddAssignmentAsync(50_000m, Token);
        using var coordinator = app.Client("coordinator");
        using var reader = app.Client("reader");
        var empty = (await reader.GetFromJsonAsync<ReportTexts>($"/api/reports/final/texts?{Query(assignment)}", Json, Token))!;
        Assert.Equal(["summary", "collaboration", "efforts", "lessons", "dialogue", "structures", "finance", "conclusions"], empty.Sections.Select(section => section.Key));
        Assert.All(empty.Sections, section => Assert.Equal((0, string.Empty), (section.Version, section.Text)));
        Assert.Equal(0, empty.Cover.Version);

        using var saved = await PutAsync(coordinator, $"/api/reports/final/sections/summary?{Query(assignment)}",
            new { text = "Uppdraget har **genomförts** i dialog med *båda* länen.\n\n- Boden\n- Luleå" }, "\"0\"");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"1\"", saved.Headers.ETag?.ToString());
        var summary = (await saved.Content.ReadFromJsonAsync<ReportSection>(Json, Token))!;
        Assert.Equal((1, "Sammanfattning"), (summary.Version, summary.Title));
        Assert.NotNull(summary.SavedBy);
        using var cover = await PutAsync(coordinator, $"/api/reports/final/cover?{Query(assignment)}",
            new { agencyCaseNumber = "Ä 2023-1234", decidedBy = "generaldirektör Anna Andersson", presentedBy = "utredare Erik Eriksson" }, "\"0\"");
        Assert.Equal(HttpStatusCode.OK, cover.StatusCode);

        var html = await reader.GetStringAsync($"/api/reports/final?{Query(assignment)}&format=html", Token);
        Assert.Contains("<p>Uppdraget har <strong>genomförts</strong> i dialog med <em>båda</em> länen.</p><ul><li><p>Boden</p></li>", html.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<dt>Tillväxtverkets diarienummer</dt><dd>Ä 2023-1234</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Till</dt><dd>Regeringskansliet (Klimat- och näringslivsdepartementet)</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Beslut i detta ärende har fattats av generaldirektör Anna Andersson. Föredragande har varit utredare Erik Eriksson.", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("Sammanfattning", StringComparison.Ordinal) < html.IndexOf("1. Uppdraget", StringComparison.Ordinal), "the summary comes first");
        var markdown = await reader.GetStringAsync($"/api/reports/final?{Query(assignment)}&format=md", Token);
        Assert.Contains("## Sammanfattning\n\nUppdraget har **genomförts** i dialog med *båda* länen.\n\n- Boden\n- Luleå\n",
            markdown.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        var progress = (await reader.GetFromJsonAsync<ReportDocument>($"/api/reports/progress?{Query(assignment)}&from=2024-01-01&to=2024-06-30", Json, Token))!;
        Assert.Empty(progress.Sections);
        Assert.Equal("Ä 2023-1234", progress.Cover.AgencyCaseNumber);

        using var frozen = await coordinator.PostAsync($"/api/reports/final/versions?{Query(assignment)}", null, Token);
        Assert.Equal(HttpStatusCode.Created, frozen.StatusCode);
        using var rewritten = await PutAsync(coordinator, $"/api/reports/final/sections/summary?{Query(assignment)}", new { text = "Ny lydelse." }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, rewritten.StatusCode);

        var kept = (await reader.GetFromJsonAsync<ReportDocument>($"/api/reports/final/versions/1?{Query(assignment)}&format=json", Json, Token))!;
        Assert.StartsWith("Uppdraget har **genomförts**", kept.Sections.Single(section => section.Key == "summary").Text, StringComparison.Ordinal);
        var draft = (await reader.GetFromJsonAsync<ReportDocument>($"/api/reports/final?{Query(assignment)}", Json, Token))!;
        Assert.Equal("Ny lydelse.", draft.Sections.Single(section => section.Key == "summary").Text);
        Assert.Contains(draft.SinceVersion!.Changes, change => change.Figure == "Sparade versioner av textavsnitten" && change.Then == 1 && change.Now == 2);
        var versions = (await reader.GetFromJsonAsync<PagedResult<ReportSection>>($"/api/reports/final/sections/summary/versions?{Query(assignment)}", Json, Token))!;
        Assert.Equal([2, 1], versions.Items.Select(version => version.Version));
    }

    [Theory]
    [InlineData("reader", "/api/reports/final/sections/summary", "\"0\"", HttpStatusCode.Forbidden, null)]
    [InlineData("coordinator", "/api/reports/final/sections/summary", null, HttpStatusCode.PreconditionRequired, null)]
    [InlineData("coordinator", "/api/reports/final/sections/summary", "\"5\"", HttpStatusCode.PreconditionFailed, null)]
    [InlineData("coordinator", "/api/reports/final/sections/preface", "\"0\"", HttpStatusCode.NotFound, null)]
    [InlineData("coordinator", "/api/reports/final/sections/summary?text=<b>", "\"0\"", HttpStatusCode.BadRequest, "text")]
    [InlineData("coordinator", "/api/reports/final/cover", "\"0\"", HttpStatusCode.BadRequest, "decidedBy")]
    public async Task A_wrong_save_is_refused_with_a_problem_and_writes_nothing(string role, string path, string? ifMatch, HttpStatusCode expected, string? field)
    {
        var assignment = await app.AddAssignmentAsync(10_000m, Token);
        using var client = app.Client(role);
        // A text with HTML, or a cover without who decided, where the case asks for a bad body.
        object body = path.Contains("?text=", StringComparison.Ordinal) ? new { text = "Se <b>detta</b>." }
            : path.EndsWith("/cover", StringComparison.Ordinal) ? new { agencyCaseNumber = "Ä 2023-1234", presentedBy = "Erik Eriksson" }
            : new { text = "Ett stycke." };
        using var response = await PutAsync(client, $"{path.Split('?')[0]}?{Query(assignment)}", body, ifMatch);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Json, Token)).GetProperty("errors").TryGetProperty(field, out _), field);
        }

        Assert.Equal(0, await app.ScalarAsync("SELECT (SELECT count(*) FROM report_sections WHERE assignment = $1) + (SELECT count(*) FROM report_covers WHERE assignment = $1)", assignment));
    }

    [Fact]
    public async Task An_unknown_assignment_is_422_and_the_database_keeps_every_saved_text()
    {
        using var coordinator = app.Client("coordinator");
        using var unknown = await PutAsync(coordinator, "/api/reports/final/sections/summary?assignment=KN1999%2F00001", new { text = "Text." }, "\"0\"");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);

        var assignment = await app.AddAssignmentAsync(10_000m, Token);
        using var saved = await PutAsync(coordinator, $"/api/reports/final/sections/conclusions?{Query(assignment)}", new { text = "Slutsats." }, "\"0\"");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await using var connection = new NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync(Token);
        foreach (var sql in new[] { "UPDATE report_sections SET text = 'ändrad' WHERE assignment = @assignment", "DELETE FROM report_sections WHERE assignment = @assignment" })
        {
            await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new("assignment", assignment) } };
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Token));
            Assert.Contains("never changed or removed", refusal.MessageText, StringComparison.Ordinal);
        }
    }
}
