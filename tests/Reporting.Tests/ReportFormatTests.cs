using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Platform.Reporting.Tests;

/// <summary>Every format of the report parses and states the same totals. Alone, so no other test's events land in between.</summary>
[Collection(nameof(ExclusiveReadModels))]
public sealed class ReportFormatTests(ReportingApp app)
{
    private static readonly NumberFormatInfo SwedishNumbers = new() { NumberGroupSeparator = "\u00a0", NumberDecimalSeparator = "," };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed record Totals(decimal Budget, decimal Spent, decimal Remaining, long Needs);

    private async Task<(string Assignment, Scenario Scenario)> SeedAsync()
    {
        var assignment = await app.AddAssignmentAsync(1_000_000.40m, Token);
        var scenario = new Scenario(assignment).Build();
        await app.ApplyAsync(scenario.Events);
        using var coordinator = app.Client("coordinator");
        using var lesson = await coordinator.PostAsJsonAsync("/api/lessons", new
        {
            title = "Samverkan <över> länsgränsen & \"tillsammans\"",
            text = "Gemensamma insatser, | med tecken som ska skyddas,\nger bättre resultat.",
            targetGroups = new[] { "kommuner", "regioner" },
            effortIds = new[] { scenario.Effort1 },
            published = true,
        }, Token);
        Assert.Equal(HttpStatusCode.Created, lesson.StatusCode);
        return (assignment, scenario);
    }

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var client = app.Client("reader");
        var response = await client.GetAsync(path, Token);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        return response;
    }

    [Fact]
    public async Task Every_format_of_the_final_report_parses_and_agrees_with_the_finance_report()
    {
        var (assignment, scenario) = await SeedAsync();
        var query = $"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}";

        using var financeResponse = await GetAsync($"/api/reports/finance?assignment={Uri.EscapeDataString(assignment)}");
        var finance = await financeResponse.Content.ReadFromJsonAsync<JsonElement>(Token);

        using var jsonResponse = await GetAsync($"{query}&format=json");
        var json = await jsonResponse.Content.ReadFromJsonAsync<JsonElement>(Token);
        var fromJson = new Totals(
            json.GetProperty("finance").GetProperty("budgetSek").GetDecimal(), json.GetProperty("finance").GetProperty("spentSek").GetDecimal(),
            json.GetProperty("finance").GetProperty("remainingSek").GetDecimal(), json.GetProperty("needs").GetProperty("total").GetInt64());
        Assert.Equal(new Totals(1_000_000.40m, Scenario.Spent, 333_333.37m, fromJson.Needs), fromJson);
        Assert.Equal(finance.GetProperty("spentSek").GetDecimal(), fromJson.Spent);
        Assert.Equal(finance.GetProperty("remainingSek").GetDecimal(), fromJson.Remaining);
        Assert.Equal("final", json.GetProperty("kind").GetString());
        Assert.StartsWith("Redovisning av regeringsuppdrag", json.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.True(json.TryGetProperty("generatedAt", out _));
        Assert.Equal(2, json.GetProperty("efforts").GetArrayLength());
        var challenges = json.GetProperty("challenges").EnumerateArray().ToList();
        Assert.True(challenges[0].GetProperty("crossCounty").GetBoolean(), "cross-county challenges come first");
        var crossCounty = challenges.Single(c => c.GetProperty("id").GetGuid() == scenario.CrossCountyChallenge);
        Assert.Equal(2, crossCounty.GetProperty("needCount").GetInt64());
        Assert.Equal(["24", "25"], crossCounty.GetProperty("countyCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains(json.GetProperty("lessons").EnumerateArray(), lesson => lesson.GetProperty("title").GetString()!.StartsWith("Samverkan", StringComparison.Ordinal));

        using var htmlResponse = await GetAsync($"{query}&format=html");
        Assert.Equal("text/html", htmlResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal(fromJson, Html(await htmlResponse.Content.ReadAsStringAsync(Token)));

        using var mdResponse = await GetAsync($"{query}&format=md");
        Assert.Equal(fromJson, Markdown(await mdResponse.Content.ReadAsStringAsync(Token)));

        using var csvResponse = await GetAsync($"{query}&format=csv&dialect=rfc4180");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", csvResponse.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Equal(fromJson, Csv(await csvResponse.Content.ReadAsStringAsync(Token)));

        using var excelResponse = await GetAsync($"{query}&format=csv");
        Assert.Equal(fromJson, ExcelCsv(await excelResponse.Content.ReadAsByteArrayAsync(Token)));

        using var xlsxResponse = await GetAsync($"{query}&format=xlsx");
        Assert.Equal(fromJson, Xlsx(await xlsxResponse.Content.ReadAsByteArrayAsync(Token)));

        using var pdfResponse = await GetAsync($"{query}&format=pdf");
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", pdfResponse.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Pdf(await pdfResponse.Content.ReadAsByteArrayAsync(Token), fromJson);
    }

    [Fact]
    public async Task The_report_shows_each_efforts_results_with_baseline_target_and_outcome()
    {
        var (assignment, scenario) = await SeedAsync();
        using var reader = app.Client("reader");
        var report = (await reader.GetFromJsonAsync<Platform.Client.Models.ReportDocument>($"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}",
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web), Token))!;
        Assert.Equal(
        [
            new Platform.Client.Models.IndicatorLine(scenario.Effort1, "Kompetenslyft i norr", "Andel kvinnor", "procent", 12.5m, 30m, null, null),
            new Platform.Client.Models.IndicatorLine(scenario.Effort1, "Kompetenslyft i norr", "Utbildade svetsare", "personer", 0m, 200m, 120m, 60),
        ], report.Indicators);

        var markdown = await reader.GetStringAsync($"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}&format=md", Token);
        Assert.Contains("| Kompetenslyft i norr | Utbildade svetsare | personer | 0 | 200 | 120 | 60 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Kompetenslyft i norr | Andel kvinnor | procent | 12,50 | 30 |  |  |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_progress_report_covers_its_period()
    {
        var (assignment, scenario) = await SeedAsync();
        using var response = await GetAsync($"/api/reports/progress?assignment={Uri.EscapeDataString(assignment)}&from=2025-01-01&to=2025-06-30&format=json");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("progress", report.GetProperty("kind").GetString());
        Assert.Equal("2025-01-01", report.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal(scenario.Effort1, report.GetProperty("efforts").EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.Equal(0m, report.GetProperty("finance").GetProperty("spentSek").GetDecimal());
        Assert.Equal(Scenario.SpentOutsideBudgetYear, report.GetProperty("finance").GetProperty("outsideBudgetYearSek").GetDecimal());
        Assert.Equal(0, report.GetProperty("needs").GetProperty("total").GetInt64());

        using var csv = await GetAsync($"/api/reports/progress?assignment={Uri.EscapeDataString(assignment)}&from=2025-01-01&to=2025-06-30&format=csv&dialect=rfc4180");
        var records = Rfc4180.Parse(await csv.Content.ReadAsStringAsync(Token));
        Assert.Contains(records, r => r[0] == "Rapport" && r[2] == "Period från" && r[3] == "2025-01-01");
        Assert.Equal(0m, Amount(records, "Ekonomisk redovisning", 2));
        Assert.Equal(Scenario.SpentOutsideBudgetYear, Amount(records, "Utanför budgetåret", 3));
    }

    [Fact]
    public async Task The_overview_counts_what_the_events_said()
    {
        using var client = app.Client("reader");
        var before = await client.GetFromJsonAsync<JsonElement>("/api/reports/overview", Token);
        await SeedAsync();
        var after = await client.GetFromJsonAsync<JsonElement>("/api/reports/overview", Token);

        long Delta(params string[] path) => Get(after, path).GetInt64() - Get(before, path).GetInt64();
        Assert.Equal(3, Delta("needs", "total"));
        Assert.Equal(2, Delta("challenges", "total"));
        Assert.Equal(1, Delta("challenges", "crossCounty"));
        Assert.Equal(2, Delta("challenges", "open"));
        Assert.Equal(2, Delta("efforts", "total"));
        Assert.Equal(1, Delta("actors", "total"));
        var linked = after.GetProperty("needs").GetProperty("byStatus").EnumerateArray().Single(s => s.GetProperty("status").GetString() == "linked").GetProperty("count").GetInt64();
        Assert.True(linked >= 3);
        Assert.True(after.TryGetProperty("asOf", out _));
        Assert.True(after.GetProperty("lastEventAt").ValueKind == JsonValueKind.String);

        static JsonElement Get(JsonElement root, string[] path) => path.Aggregate(root, (element, name) => element.GetProperty(name));
    }

    private static Totals Html(string html)
    {
        var document = XDocument.Load(XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.True(document.Descendants(svg + "svg").Count() >= 2, "two charts as inline SVG");
        Assert.Contains("Uppgifterna avser läget", document.Descendants("p").First().Value, StringComparison.Ordinal);
        List<string> Row(string table, int row) =>
            [.. document.Descendants("table").Single(t => (string?)t.Attribute("data-table") == table).Element("tbody")!.Elements("tr").ElementAt(row).Elements("td").Select(td => td.Value)];
        var needs = document.Descendants("table").Single(t => (string?)t.Attribute("data-table") == "Behov per status").Element("tbody")!.Elements("tr").Last().Elements("td").Last().Value;
        return new Totals(Swedish(Row("Ekonomisk redovisning", 0)[1]), Swedish(Row("Ekonomisk redovisning", 1)[1]), Swedish(Row("Ekonomisk redovisning", 3)[1]), (long)Swedish(needs));
    }

    private static Totals Markdown(string markdown)
    {
        var lines = markdown.Split('\n');
        Assert.StartsWith("# Redovisning av regeringsuppdrag", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("Uppgifterna avser läget", StringComparison.Ordinal));
        List<string[]> Table(string heading) =>
        [
            .. lines.SkipWhile(line => line != $"### {heading}").Skip(4).TakeWhile(line => line.StartsWith('|'))
                .Select(line => line.Trim().Trim('|').Split(" | ").Select(cell => cell.Trim()).ToArray()),
        ];
        var finance = Table("Ekonomisk redovisning");
        Assert.Contains(lines, line => line.Contains("Samverkan &lt;över&gt; länsgränsen &amp; \"tillsammans\"", StringComparison.Ordinal) && line.Contains("\\|", StringComparison.Ordinal));
        return new Totals(Swedish(finance[0][1]), Swedish(finance[1][1]), Swedish(finance[3][1]), (long)Swedish(Table("Behov per status")[^1][1]));
    }

    private static Totals Csv(string csv)
    {
        var records = Rfc4180.Parse(csv);
        Assert.Equal(["tabell", "rad", "kolumn", "värde"], records[0]);
        Assert.All(records, record => Assert.Equal(4, record.Length));
        Assert.Contains(records, r => r[0] == "Lärdomar" && r[3].Contains('\n', StringComparison.Ordinal));
        var needs = records.Where(r => r[0] == "Behov per status" && r[2] == "Behov").Last()[3];
        return new Totals(Amount(records, "Ekonomisk redovisning", 1), Amount(records, "Ekonomisk redovisning", 2), Amount(records, "Ekonomisk redovisning", 4),
            long.Parse(needs, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The CSV Swedish Excel opens: a BOM, semicolons, one section per table (heading, column names, rows, note), amounts
    /// with a decimal comma and no grouping, the budget year as a year, the theme x county totals explained.
    /// </summary>
    private static Totals ExcelCsv(byte[] bytes)
    {
        Assert.Equal(System.Text.Encoding.UTF8.GetPreamble(), bytes[..3]);
        var records = Rfc4180.Parse(System.Text.Encoding.UTF8.GetString(bytes[3..]), ';');
        List<string[]> Section(string heading) =>
            [.. records.SkipWhile(record => record is not [var first] || first != heading).Skip(2).TakeWhile(record => record is not [""])];
        Assert.Contains(records, record => record is ["Budgetår", "2024"]);
        Assert.Equal(["Tema", "Västerbottens län", "Norrbottens län", "Totalt"], records.SkipWhile(record => record is not ["Behov per tema och län"]).Skip(1).First());
        Assert.Contains(Section("Behov per tema och län"), record => record is [var note] && note.Contains("en gång i kolumnen Totalt", StringComparison.Ordinal));
        var finance = Section("Ekonomisk redovisning");
        decimal Kronor(string post) => decimal.Parse(finance.Single(record => record[0] == post)[1], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, new NumberFormatInfo { NumberDecimalSeparator = "," });
        var needs = Section("Behov per status").Single(record => record[0] == "Totalt")[1];
        return new Totals(Kronor("Tilldelade medel"), Kronor("Utfall"), Kronor("Återstående medel"), long.Parse(needs, CultureInfo.InvariantCulture));
    }

    private static decimal Amount(List<string[]> records, string table, int row) =>
        decimal.Parse(records.Single(r => r[0] == table && r[1] == row.ToString(CultureInfo.InvariantCulture) && r[2] == "Belopp (kr)")[3], CultureInfo.InvariantCulture);

    private static Totals Xlsx(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Contains(sheets, sheet => sheet.Name == "Utmaningar");
        List<List<string>> Rows(string name)
        {
            var part = (WorksheetPart)workbook.GetPartById(sheets.Single(sheet => sheet.Name == name).Id!);
            return [.. part.Worksheet.Descendants<Row>().Select(row => row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(cell => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? string.Empty).ToList())];
        }

        var finance = Rows("Ekonomisk redovisning");
        var needs = Rows("Behov per status");
        decimal Number(string text) => Math.Round(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), 2);
        return new Totals(Number(finance[1][1]), Number(finance[2][1]), Number(finance[4][1]), (long)Number(needs[^1][1]));
    }

    /// <summary>
    /// The PDF opens, is A4 with numbered pages, and its text (as a reader's PDF program extracts it) holds the title
    /// and the totals the other formats state.
    /// </summary>
    private static void Pdf(byte[] bytes, Totals totals)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(bytes);
        var pages = document.GetPages().ToList();
        Assert.True(pages.Count >= 2, $"{pages.Count} pages");
        // A4 is 210 x 297 mm, 595 x 842 points (Chromium rounds through inches, so within a point).
        Assert.All(pages, page => Assert.True(Math.Abs(page.Width - 595) < 1 && Math.Abs(page.Height - 842) < 1, $"{page.Width} x {page.Height} points"));
        string Text(UglyToad.PdfPig.Content.Page page) => string.Join(' ', page.GetWords().Select(word => word.Text)).Replace('\u00a0', ' ').Replace('\u202f', ' ');
        var text = string.Join(' ', pages.Select(Text));
        Assert.Contains("Redovisning av regeringsuppdrag", Text(pages[0]), StringComparison.Ordinal);
        Assert.Contains($"Sida 1 av {pages.Count}", Text(pages[0]), StringComparison.Ordinal);
        Assert.Contains($"Sida {pages.Count} av {pages.Count}", Text(pages[^1]), StringComparison.Ordinal);
        string Written(decimal amount) => amount.ToString("N2", CultureInfo.GetCultureInfo("sv-SE")).Replace('\u00a0', ' ');
        foreach (var amount in new[] { totals.Budget, totals.Spent, totals.Remaining })
        {
            Assert.Contains(Written(amount), text, StringComparison.Ordinal);
        }

        // Typed text shows as typed (a table cell wraps, so its words are looked for one by one).
        Assert.Contains(" <över> ", text, StringComparison.Ordinal);
        Assert.Contains(" \"tillsammans\"", text, StringComparison.Ordinal);
    }

    private static decimal Swedish(string text) => decimal.Parse(text, NumberStyles.Number, SwedishNumbers);
}
