using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Client.Models;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.IntegrationTests.Web;

/// <summary>The registry, lessons, reports and the CSV import in the browser, each as its roles see it.</summary>
public sealed class RegistryLessonsAndReportsPagesTests(PlatformFixture platform, BrowserFixture browser)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Word() => new([.. Enumerable.Range(0, 10).Select(_ => (char)('a' + Random.Shared.Next(26)))]);

    private async Task<Guid> RegisterCompanyWithContactAsync(string name, string email)
    {
        using var coordinator = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        using var response = await coordinator.PostAsJsonAsync("/api/actors", new
        {
            name,
            kind = "company",
            municipalityCode = "2482",
            contacts = new[] { new { name = "Stina Berg", role = "Etableringschef", email, phone = "070-123 45 67" } },
        }, Token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Contact_details_show_to_coordinators_and_the_actor_itself_and_the_actor_edits_its_own_page()
    {
        var name = $"Batteribolaget {Word()}";
        var email = $"stina.{Word()}@example.se";
        var company = await RegisterCompanyWithContactAsync(name, email);

        await using var reader = await WebSession.SignInAsync(browser, platform, "reader");
        await reader.OpenAsync($"/aktorer/{company}");
        await Expect(reader.Page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(reader.Page.Locator("main")).ToContainTextAsync("Stina Berg");
        await Expect(reader.Page.Locator("main")).Not.ToContainTextAsync(email);
        await Expect(reader.Page.GetByRole(AriaRole.Heading, new() { NameString = "Redigera" })).ToHaveCountAsync(0);

        await using var own = await WebSession.SignInAsync(browser, platform, "actor", company);
        await own.OpenAsync($"/aktorer/{company}");
        await Expect(own.Page.Locator("main")).ToContainTextAsync(email);
        var website = $"https://{Word()}.example.se/";
        await own.TypeAsync("Webbplats", website);
        await own.Button("Spara").Last.ClickAsync();
        await Expect(own.Page.GetByText("Ändringarna är sparade.")).ToBeVisibleAsync();
        await Expect(own.Page.Locator(".facts")).ToContainTextAsync(website);
        await Expect(own.Page.Locator(".timeline")).ToContainTextAsync("Ändrad");

        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync($"/aktorer?q={Uri.EscapeDataString(name)}");
        await coordinator.Page.GetByRole(AriaRole.Link, new() { NameString = name }).ClickAsync();
        await Expect(coordinator.Page.Locator("main")).ToContainTextAsync(email);
    }

    [Fact]
    public async Task A_coordinator_writes_a_draft_lesson_publishes_it_and_a_reader_finds_it_by_target_group()
    {
        var title = $"Tidig dialog om elnät {Word()}";
        var group = $"kommuner-{Word()}";
        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync("/lardomar");
        await coordinator.TypeAsync("Rubrik", title);
        await coordinator.TypeAsync("Lärdomen", "Ta kontakt med nätägaren innan detaljplanen är klar; kapaciteten avgör tidplanen.");
        await coordinator.TypeAsync("Målgrupper, åtskilda med kommatecken", group);
        // A lesson typed in later keeps the day it was documented, which places it in the report's period.
        await coordinator.Page.GetByLabel("Dokumenterad (lämna tomt för i dag)").FillAsync("2023-11-20");
        await coordinator.Button("Spara lärdomen").ClickAsync();
        await Expect(coordinator.Page.GetByRole(AriaRole.Heading, new() { NameString = title })).ToBeVisibleAsync();
        await Expect(coordinator.Page.Locator("article", new() { HasText = title })).ToContainTextAsync("Dokumenterad 2023-11-20");
        await coordinator.Page.GotoAsync($"/lardomar?malgrupp={group}");
        await coordinator.WaitUntilLiveAsync();
        await Expect(coordinator.Page.Locator("article")).ToContainTextAsync("Utkast");

        await using var reader = await WebSession.SignInAsync(browser, platform, "reader");
        await reader.OpenAsync($"/lardomar?malgrupp={group}");
        await Expect(reader.Page.GetByText("Inga lärdomar matchar.")).ToBeVisibleAsync();

        await coordinator.Button($"Publicera {title}").ClickAsync();
        await Expect(coordinator.Page.Locator("article")).ToContainTextAsync("Publicerad");
        await reader.OpenAsync($"/lardomar?malgrupp={group}");
        await Expect(reader.Page.GetByRole(AriaRole.Heading, new() { NameString = title })).ToBeVisibleAsync();
        await Expect(reader.Page.Locator("fluent-button", new() { HasText = "Publicera" })).ToHaveCountAsync(0);
        await Expect(reader.Page.Locator("fluent-button", new() { HasText = "Ändra" })).ToHaveCountAsync(0);

        // The published lesson is revised: the page shows the new text, the first version stays readable.
        await coordinator.Button($"Ändra {title}").ClickAsync();
        await Expect(coordinator.Page.GetByRole(AriaRole.Heading, new() { NameString = $"Ändra {title}" })).ToBeVisibleAsync();
        await coordinator.Field("Lärdomen").ClickAsync();
        await coordinator.Page.Keyboard.PressAsync("Control+A");
        await coordinator.Page.Keyboard.InsertTextAsync("Ta kontakt med nätägaren redan i översiktsplanen; kapaciteten avgör tidplanen.");
        await coordinator.Button("Spara ändringen").ClickAsync();
        await Expect(coordinator.Page.Locator("article", new() { HasText = title })).ToContainTextAsync("redan i översiktsplanen");
        var id = (await platform.CreatePlatformClient("reader").Reporting.ListLessonsAsync(targetGroup: group, cancellationToken: Token)).Items.Single().Id;
        var earlier = await platform.CreatePlatformClient("reader").Reporting.ListLessonRevisionsAsync(id, cancellationToken: Token);
        Assert.Contains("innan detaljplanen är klar", Assert.Single(earlier.Items).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_final_report_downloads_in_every_format_for_a_reader()
    {
        await using var reader = await WebSession.SignInAsync(browser, platform, "reader");
        await reader.OpenAsync("/rapporter");
        await Expect(reader.Page.Locator("main")).ToContainTextAsync("KN2023/03505");
        await Expect(reader.Page.Locator("main")).ToContainTextAsync("4 000 000,00 kr");
        foreach (var (link, extension) in new[] { ("Dokument (PDF)", ".pdf"), ("Webbsida (HTML)", ".html"), ("Text (Markdown)", ".md"), ("Tabell (CSV)", ".csv"), ("Kalkylblad (Excel)", ".xlsx"), ("Data (JSON)", ".json") })
        {
            var download = await reader.Page.RunAndWaitForDownloadAsync(() => reader.Page.GetByRole(AriaRole.Link, new() { NameString = link }).First.ClickAsync());
            Assert.EndsWith(extension, download.SuggestedFilename, StringComparison.Ordinal);
            var path = await download.PathAsync();
            Assert.True(new FileInfo(path).Length > 100, $"{link} is {new FileInfo(path).Length} bytes.");
            if (extension == ".pdf")
            {
                using var pdf = UglyToad.PdfPig.PdfDocument.Open(path);
                var pages = pdf.GetPages().Select(page => string.Join(' ', page.GetWords().Select(word => word.Text))).ToList();
                Assert.Contains("Redovisning av regeringsuppdrag", pages[0], StringComparison.Ordinal);
                Assert.Contains($"Sida 1 av {pages.Count}", pages[0], StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_coordinator_freezes_the_final_report_and_a_reader_downloads_the_frozen_version_but_cannot_freeze()
    {
        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync("/rapporter");
        var section = coordinator.Page.Locator("section.assignment", new() { Has = coordinator.Page.GetByRole(AriaRole.Heading, new() { NameString = "KN2023/03505" }) });
        var freeze = section.Locator("fluent-button", new() { HasTextRegex = new Regex(@"Fastställ version \d+…") });
        var confirmed = section.GetByText(new Regex(@"Version \d+ är fastställd\."));
        var concurrent = section.GetByText("Någon annan fastställde en version i samma stund.", new() { Exact = false });
        // Another test may freeze a version at the same moment: the page says so and offers the next number; freeze again.
        await Wait.UntilAsync(async () =>
        {
            var offered = int.Parse(Regex.Match(await freeze.InnerTextAsync(), @"\d+").Value, CultureInfo.InvariantCulture);
            await freeze.ClickAsync();
            await Expect(section.Locator(".confirm")).ToContainTextAsync($"version {offered}");
            // The confirmation says what the report still lacks; no test writes the conclusions of KN2023/03505.
            await Expect(section.Locator(".confirm ul.gaps")).ToContainTextAsync("Slutsatser");
            await section.Locator("fluent-button", new() { HasText = "Fastställ" }).Filter(new() { HasNotTextRegex = new Regex("version") }).ClickAsync();
            await Expect(confirmed.Or(concurrent)).ToBeVisibleAsync();
            return await confirmed.IsVisibleAsync();
        }, TimeSpan.FromMinutes(1), "a version frozen from the page", Token);
        var number = int.Parse(Regex.Match(await confirmed.InnerTextAsync(), @"\d+").Value, CultureInfo.InvariantCulture);
        await Expect(section.Locator("ul.versions > li").First).ToContainTextAsync($"Version {number}");
        Assert.Empty(await coordinator.SeriousAccessibilityProblemsAsync());

        var frozen = await platform.CreatePlatformClient("coordinator").Reporting.ListFinalReportVersionsAsync("KN2023/03505", cancellationToken: Token);
        var pdf = frozen.Items.Single(version => version.Version.Number == number).Files.Single(file => file.Format == "pdf");

        await using var reader = await WebSession.SignInAsync(browser, platform, "reader");
        await reader.OpenAsync("/rapporter");
        var readerSection = reader.Page.Locator("section.assignment", new() { Has = reader.Page.GetByRole(AriaRole.Heading, new() { NameString = "KN2023/03505" }) });
        await Expect(readerSection.Locator("ul.versions > li").First).ToContainTextAsync($"Version {number}");
        await Expect(readerSection.Locator("fluent-button", new() { HasTextRegex = new Regex("Fastställ") })).ToHaveCountAsync(0);
        var download = await reader.Page.RunAndWaitForDownloadAsync(() =>
            readerSection.Locator("ul.versions > li").First.GetByRole(AriaRole.Link, new() { NameString = "Dokument (PDF)" }).ClickAsync());
        Assert.EndsWith($"-v{number}.pdf", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync(), Token);
        Assert.Equal(pdf.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    /// <summary>
    /// Chooses a CSV file as a person would, once Blazor listens to the file input (it starts to after the page's
    /// first interactive render), and waits until the page names the file.
    /// </summary>
    private static async Task ChooseFileAsync(WebSession session, string csv)
    {
        var input = session.Page.Locator("input[type=file]");
        await session.Page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv);
        await input.SetInputFilesAsync(new FilePayload { Name = "behov.csv", MimeType = "text/csv", Buffer = bytes });
        await Expect(session.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Vald fil: behov.csv" })).ToContainTextAsync($"({bytes.Length.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"))} byte)");
    }

    [Fact]
    public async Task A_coordinator_writes_the_reports_summary_and_cover_which_the_report_then_shows_and_a_reader_only_reads()
    {
        var words = $"Samverkan över länsgränsen {Word()}";
        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync("/rapporter");
        await Expect(coordinator.Page.Locator("a[href='/rapporter/text?uppdrag=KN2023%2F03505']")).ToHaveTextAsync("Skriv slutrapportens text");
        await coordinator.OpenAsync("/rapporter/text?uppdrag=KN2023%2F03505");
        await coordinator.TypeAsync("Text: Sammanfattning", $"{words} har **stärkts** under året.");
        await coordinator.Page.Locator("section.report-section", new() { Has = coordinator.Page.GetByRole(AriaRole.Heading, new() { Name = "Sammanfattning" }) })
            .Locator("fluent-button", new() { HasText = "Spara avsnittet" }).ClickAsync();
        await Expect(coordinator.Page.GetByText("Avsnittet är sparat.")).ToBeVisibleAsync();
        await Expect(coordinator.Page.Locator("section.report-section", new() { Has = coordinator.Page.GetByRole(AriaRole.Heading, new() { Name = "Sammanfattning" }) }))
            .ToContainTextAsync(new Regex(@"Version \d+, sparad"));

        // Text outside the report's Markdown subset is refused with the rule, in Swedish, and nothing is saved.
        await coordinator.TypeAsync("Text: Slutsatser", "Läs mer på https://example.org.");
        await coordinator.Page.Locator("section.report-section", new() { Has = coordinator.Page.GetByRole(AriaRole.Heading, new() { Name = "Slutsatser" }) })
            .Locator("fluent-button", new() { HasText = "Spara avsnittet" }).ClickAsync();
        await Expect(coordinator.Page.GetByText("Texten får ha stycken, punktlistor").First).ToBeVisibleAsync();
        Assert.Empty(await coordinator.SeriousAccessibilityProblemsAsync());

        using var reader = await platform.CreateGatewayClientAsync("reader", null, Token);
        var html = await reader.GetStringAsync("/api/reports/final?assignment=KN2023%2F03505&format=html", Token);
        Assert.Contains($"{words} har <strong>stärkts</strong> under året.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", html, StringComparison.Ordinal);

        await using var readerPage = await WebSession.SignInAsync(browser, platform, "reader");
        await readerPage.OpenAsync("/rapporter/text?uppdrag=KN2023%2F03505");
        await Expect(readerPage.Page.Locator("main")).ToContainTextAsync(words);
        Assert.Equal(0, await readerPage.Button("Spara avsnittet").CountAsync());
    }

    [Fact]
    public async Task A_coordinator_records_an_own_cost_that_the_account_counts_and_a_reader_only_sees()
    {
        var description = $"Samordnare {Word()}";
        using var api = await platform.CreateGatewayClientAsync("reader", null, Token);
        var before = (await api.GetFromJsonAsync<JsonElement>("/api/reports/finance?assignment=KN2023%2F03505", Token)).GetProperty("agencyCostsSek").GetDecimal();

        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync("/rapporter");
        var section = coordinator.Page.Locator("section.assignment", new() { Has = coordinator.Page.GetByRole(AriaRole.Heading, new() { NameString = "KN2023/03505" }) });
        await section.GetByLabel("Datum", new() { Exact = true }).FillAsync("2023-10-02");
        await section.GetByLabel("Egen kostnad i kronor", new() { Exact = true }).ClickAsync();
        await coordinator.Page.Keyboard.InsertTextAsync("2 500,50");
        await coordinator.ChooseAsync(section, "Slag av egen kostnad", "Egen personal");
        await section.GetByLabel("Vad kostnaden avser (valfritt)", new() { Exact = true }).First.ClickAsync();
        await coordinator.Page.Keyboard.InsertTextAsync(description);
        await section.Locator("fluent-button", new() { HasText = "Registrera kostnaden" }).ClickAsync();
        await Expect(section.GetByText("Kostnaden är registrerad.")).ToBeVisibleAsync();
        await Expect(section.Locator("table", new() { HasText = description })).ToContainTextAsync("Egen personal");
        Assert.Empty(await coordinator.SeriousAccessibilityProblemsAsync());

        var after = (await api.GetFromJsonAsync<JsonElement>("/api/reports/finance?assignment=KN2023%2F03505", Token)).GetProperty("agencyCostsSek").GetDecimal();
        Assert.Equal(before + 2_500.50m, after);

        await using var reader = await WebSession.SignInAsync(browser, platform, "reader");
        await reader.OpenAsync("/rapporter");
        var readerSection = reader.Page.Locator("section.assignment", new() { Has = reader.Page.GetByRole(AriaRole.Heading, new() { NameString = "KN2023/03505" }) });
        await Expect(readerSection.Locator("table", new() { HasText = description })).ToBeVisibleAsync();
        Assert.Equal(0, await readerSection.Locator("fluent-button", new() { HasText = "Registrera kostnaden" }).CountAsync());
    }

    [Fact]
    public async Task A_coordinator_plans_the_budget_per_cost_type_and_a_reader_sees_it_against_the_outcome()
    {
        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync("/rapporter");
        var section = coordinator.Page.Locator("section.assignment", new() { Has = coordinator.Page.GetByRole(AriaRole.Heading, new() { NameString = "KN2023/03505" }) });
        var travel = section.GetByLabel("Resor", new() { Exact = true });
        var save = section.Locator("fluent-button", new() { HasText = "Spara budgetplanen" });

        // More than the assignment's four million is refused, and nothing is saved.
        await travel.FillAsync("5 000 000");
        await save.ClickAsync();
        await Expect(section.GetByText("Ange budget för minst ett kostnadsslag, sammanlagt högst uppdragets budget.")).ToBeVisibleAsync();
        using var api = await platform.CreateGatewayClientAsync("reader", null, Token);
        Assert.DoesNotContain((await api.GetFromJsonAsync<BudgetPlan>("/api/budget-plans?assignment=KN2023%2F03505", Token))!.Lines, line => line.AmountSek == 5_000_000m);

        await travel.FillAsync("12 500,50");
        await section.GetByLabel("Egen personal", new() { Exact = true }).FillAsync("250000");
        await save.ClickAsync();
        await Expect(section.GetByText("Budgetplanen är sparad.")).ToBeVisibleAsync();
        var plan = (await api.GetFromJsonAsync<BudgetPlan>("/api/budget-plans?assignment=KN2023%2F03505", Token))!;
        Assert.Contains(new BudgetPlanLine("travel", 12_500.50m), plan.Lines);
        Assert.Contains(new BudgetPlanLine("agency:staff", 250_000m), plan.Lines);
        var table = section.Locator("table", new() { HasText = $"Budget enligt budgetplan version {plan.Version}" });
        await Expect(table.Locator("tr", new() { HasText = "Resor" }).First).ToContainTextAsync("12 500,50 kr");
        Assert.Empty(await coordinator.SeriousAccessibilityProblemsAsync());

        await using var reader = await WebSession.SignInAsync(browser, platform, "reader");
        await reader.OpenAsync("/rapporter");
        var readerSection = reader.Page.Locator("section.assignment", new() { Has = reader.Page.GetByRole(AriaRole.Heading, new() { NameString = "KN2023/03505" }) });
        await Expect(readerSection.Locator("table", new() { HasText = $"Budget enligt budgetplan version {plan.Version}" })).ToContainTextAsync("250 000,00 kr");
        Assert.Equal(0, await readerSection.Locator("fluent-button", new() { HasText = "Spara budgetplanen" }).CountAsync());
    }

    [Fact]
    public async Task An_import_with_bad_rows_lists_each_row_and_imports_nothing_then_a_good_file_imports()
    {
        var lulea = await platform.MunicipalityActorAsync("2580", Token);
        await using var official = await WebSession.SignInAsync(browser, platform, "actor", lulea);
        await official.OpenAsync("/behov/import");
        var good = $"Laddinfrastruktur {Word()}";
        var csv = "title,description,theme,municipality_codes,urgency\n"
            + $"{good},Kommunen behöver laddplatser för tunga fordon vid industriområdet.,infrastructure,2580,high\n"
            + "Kort,För kort.,weather,9999,sometimes\n";
        await ChooseFileAsync(official, csv);
        await official.Button("Importera").ClickAsync();
        var errors = official.Page.GetByRole(AriaRole.Table);
        await Expect(errors).ToContainTextAsync("Rader att rätta; inget importerades");
        await Expect(errors).ToContainTextAsync("description");
        Assert.Equal(0, await platform.ScalarAsync("needsdb", "SELECT count(*) FROM needs WHERE title = $1", good));

        var fixedCsv = "title,description,theme,municipality_codes,urgency\n" + $"{good},Kommunen behöver laddplatser för tunga fordon vid industriområdet.,infrastructure,2580,high\n";
        await ChooseFileAsync(official, fixedCsv);
        await official.Button("Importera").ClickAsync();
        await Expect(official.Page.GetByText("1 behov importerades.")).ToBeVisibleAsync();
        Assert.Equal(1, await platform.ScalarAsync("needsdb", "SELECT count(*) FROM needs WHERE title = $1", good));
    }

    [Fact]
    public async Task The_pages_switch_to_English_and_back()
    {
        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.Page.Locator("form.language button").ClickAsync();
        await coordinator.WaitUntilLiveAsync();
        await Expect(coordinator.Page.Locator("h1")).ToHaveTextAsync("Overview");
        await Expect(coordinator.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await coordinator.OpenAsync("/rapporter");
        await Expect(coordinator.Page.Locator("main")).ToContainTextAsync("4 000 000,00 kr");
        await coordinator.Page.Locator("form.language button").ClickAsync();
        await coordinator.WaitUntilLiveAsync();
        await Expect(coordinator.Page.Locator("h1")).ToHaveTextAsync("Rapporter");
    }

    [Fact]
    public async Task The_registry_lessons_reports_and_import_pages_pass_axe()
    {
        var company = await RegisterCompanyWithContactAsync($"Axebolaget {Word()}", $"axe.{Word()}@example.se");
        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        var failures = new List<string>();
        foreach (var path in new[] { "/aktorer", $"/aktorer/{company}", "/lardomar", "/rapporter", "/behov/import" })
        {
            await coordinator.OpenAsync(path);
            failures.AddRange(await coordinator.SeriousAccessibilityProblemsAsync());
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
