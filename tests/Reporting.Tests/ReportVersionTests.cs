using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using Platform.Client.Models;
using Platform.Contracts.Challenges;

namespace Platform.Reporting.Tests;

/// <summary>
/// Frozen versions of the final report: every format frozen at once with its SHA-256, served byte for byte after the
/// data has changed, a draft that says what changed since, and a schema that refuses to alter a frozen version.
/// The changes a draft lists include platform-wide figures (needs, challenges), so no other test may add data meanwhile.
/// </summary>
[Collection(nameof(ExclusiveReadModels))]
public sealed class ReportVersionTests(ReportingApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Versions(string assignment) => $"/api/reports/final/versions?assignment={Uri.EscapeDataString(assignment)}";

    private static string File(string assignment, int number, string format) =>
        $"/api/reports/final/versions/{number}?assignment={Uri.EscapeDataString(assignment)}&format={format}";

    private async Task<ReportVersion> FreezeAsync(HttpClient coordinator, string assignment)
    {
        using var response = await coordinator.PostAsync(Versions(assignment), null, Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        var version = (await response.Content.ReadFromJsonAsync<ReportVersion>(Json, Token))!;
        Assert.Equal($"/api/reports/final/versions/{version.Version.Number}?assignment={Uri.EscapeDataString(assignment)}", response.Headers.Location!.OriginalString);
        return version;
    }

    [Fact]
    public async Task A_frozen_version_is_served_byte_for_byte_after_the_data_changed_and_the_draft_says_what_changed()
    {
        var assignment = await app.AddAssignmentAsync(500_000m, Token);
        var scenario = new Scenario(assignment).Build();
        await app.ApplyAsync(scenario.Events);
        using var coordinator = app.Client("coordinator");
        using var reader = app.Client("reader");

        var first = await FreezeAsync(coordinator, assignment);
        Assert.Equal(1, first.Version.Number);
        Assert.Equal(ReportFormats.All.Order(StringComparer.Ordinal), first.Files.Select(file => file.Format));
        var frozen = new Dictionary<string, byte[]>();
        foreach (var file in first.Files)
        {
            using var response = await reader.GetAsync(File(assignment, 1, file.Format), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync(Token);
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(file.Bytes, bytes.LongLength);
            Assert.Contains($"-v1.{file.Format}", response.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
            frozen[file.Format] = bytes;
        }

        var document = JsonSerializer.Deserialize<ReportDocument>(frozen[ReportFormats.Json], Json)!;
        Assert.Equal(1, document.Version!.Number);
        Assert.Equal(Scenario.Spent, document.Finance.SpentSek);
        Assert.Contains("Fastställd version 1", System.Text.Encoding.UTF8.GetString(frozen[ReportFormats.Html]), StringComparison.Ordinal);

        // The data moves on: 1,000 kronor more spent in the budget year.
        await app.ApplyAsync([new ExpenditureRecorded
        {
            ExpenditureId = Guid.CreateVersion7(), EffortId = scenario.Effort1, Date = new DateOnly(2024, 5, 1), AmountSek = 1_000m, Category = "travel",
            FundingAssignment = assignment, OccurredAt = DateTimeOffset.UtcNow,
        }]);

        foreach (var (format, bytes) in frozen)
        {
            using var again = await reader.GetAsync(File(assignment, 1, format), Token);
            Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync(Token));
        }

        var draft = (await reader.GetFromJsonAsync<ReportDocument>($"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}", Json, Token))!;
        Assert.Null(draft.Version);
        Assert.Equal(1, draft.SinceVersion!.Version.Number);
        var spent = Assert.Single(draft.SinceVersion.Changes, change => change.Figure == "Utfall (kr)");
        Assert.Equal((Scenario.Spent, Scenario.Spent + 1_000m), (spent.Then, spent.Now));
        Assert.DoesNotContain(draft.SinceVersion.Changes, change => change.Figure == "Behov");
        var markdown = await reader.GetStringAsync($"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}&format=md", Token);
        Assert.Contains("Utkast. Sedan fastställd version 1 har 2 uppgifter ändrats", markdown, StringComparison.Ordinal);
        Assert.Contains("| Utfall (kr) | 666\u00a0667,03 | 667\u00a0667,03 |", markdown, StringComparison.Ordinal);

        // Every format of the draft carries the changes, the workbook as a sheet of its own.
        foreach (var format in ReportFormats.All)
        {
            using var draftFile = await reader.GetAsync($"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}&format={format}", Token);
            Assert.True(draftFile.IsSuccessStatusCode, $"{format}: {(int)draftFile.StatusCode}");
        }

        using (var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(
            new MemoryStream(await reader.GetByteArrayAsync($"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}&format=xlsx", Token)), false))
        {
            Assert.Contains(workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>(), sheet => sheet.Name == "Ändringar sedan version");
        }

        var second = await FreezeAsync(coordinator, assignment);
        Assert.Equal(2, second.Version.Number);
        Assert.NotEqual(first.Files.Single(file => file.Format == "json").Sha256, second.Files.Single(file => file.Format == "json").Sha256);
        var list = (await reader.GetFromJsonAsync<PagedResult<ReportVersion>>(Versions(assignment), Json, Token))!;
        Assert.Equal([2, 1], list.Items.Select(version => version.Version.Number));
        Assert.Equal(2, list.Total);
        var afterSecond = (await reader.GetFromJsonAsync<ReportDocument>($"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}", Json, Token))!;
        Assert.Empty(afterSecond.SinceVersion!.Changes);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_remove_a_frozen_version()
    {
        var assignment = await app.AddAssignmentAsync(10_000m, Token);
        using var coordinator = app.Client("coordinator");
        await FreezeAsync(coordinator, assignment);

        await using var connection = new NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync(Token);
        foreach (var sql in new[]
        {
            "UPDATE report_versions SET frozen_by = 'someone else' WHERE assignment = @assignment",
            "DELETE FROM report_version_files WHERE assignment = @assignment",
            "UPDATE report_version_files SET content = '\\x00' WHERE assignment = @assignment",
            "TRUNCATE report_version_files, report_versions",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new("assignment", assignment) } };
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Token));
            Assert.Contains("never changed or removed", refusal.MessageText, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("reader", "POST", "/api/reports/final/versions?assignment=KN2023%2F03505", HttpStatusCode.Forbidden)]
    [InlineData("coordinator", "POST", "/api/reports/final/versions?assignment=KN1999%2F00001", HttpStatusCode.UnprocessableEntity)]
    [InlineData("coordinator", "POST", "/api/reports/final/versions", HttpStatusCode.BadRequest)]
    [InlineData("reader", "GET", "/api/reports/final/versions?assignment=KN1999%2F00001", HttpStatusCode.UnprocessableEntity)]
    [InlineData("reader", "GET", "/api/reports/final/versions?assignment=KN2023%2F03505&pageSize=1000", HttpStatusCode.BadRequest)]
    [InlineData("reader", "GET", "/api/reports/final/versions/999?assignment=KN2023%2F03505&format=pdf", HttpStatusCode.NotFound)]
    [InlineData("reader", "GET", "/api/reports/final/versions/1?assignment=KN2023%2F03505&format=docx", HttpStatusCode.BadRequest)]
    public async Task Versions_answer_a_wrong_request_with_a_problem_and_freeze_nothing(string role, string method, string path, HttpStatusCode expected)
    {
        using var client = app.Client(role);
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Token);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (expected != HttpStatusCode.Forbidden)
        {
            Assert.Equal(0L, long.Parse(await app.TextAsync("SELECT count(*) FROM report_versions WHERE assignment = 'KN1999/00001'"), System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
