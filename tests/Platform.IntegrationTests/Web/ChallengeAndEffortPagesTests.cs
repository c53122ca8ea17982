using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Client;
using Platform.Client.Models;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.IntegrationTests.Web;

/// <summary>
/// The challenge and effort pages in a real browser, through the gateway: coordinators merge challenges (and see when a
/// colleague got there first), move a need in by its reference, record spending that moves the burn chart; readers see
/// everything but the write controls and never a company's confidential need; every page passes axe-core.
/// </summary>
public sealed class ChallengeAndEffortPagesTests(PlatformFixture platform, BrowserFixture browser)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] WriteControls = ["Flytta behovet hit", "Slå ihop…", "Ändra status", "Spara uppdragen", "Registrera utgiften", "Rapportera framsteg", "Spara ändringarna"];

    private readonly PlatformClient _coordinator = platform.CreatePlatformClient("coordinator");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Invented words only: a need shares features with no other need, so clustering opens a challenge of its own for it.
    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => new string([.. Enumerable.Range(0, 9).Select(_ => (char)('a' + Random.Shared.Next(26)))])));

    /// <summary>Amounts as a person reads them: the page groups digits with no-break spaces.</summary>
    private static string Plain(string? text) => (text ?? string.Empty).Replace('\u00a0', ' ').Replace('\u202f', ' ');

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A need submitted by an actor's user (once the actor has reached needs-intake's replica).</summary>
    private async Task<Need> SubmitAsync(Guid actorId, string[] municipalities, string theme = "housing", string? title = null, string? description = null)
    {
        var actor = platform.CreatePlatformClient("actor", actorId);
        var request = new NeedRequest(title ?? Words(3), description ?? $"{Words(10)}.", theme, municipalities, "high");
        Need? need = null;
        await Wait.UntilAsync(async () =>
        {
            try
            {
                need = (await actor.Needs.SubmitAsync(request, Token).WithETagAsync()).Value;
                return true;
            }
            catch (PlatformApiException exception) when (exception.Status is 403 or 422)
            {
                return false;
            }
        }, EventTimeout, "the actor in needs-intake's replica", Token);
        return need!;
    }

    /// <summary>The challenge clustering linked the need to.</summary>
    private async Task<Guid> ChallengeOfAsync(Guid needId)
    {
        Guid? challengeId = null;
        await Wait.UntilAsync(async () =>
        {
            challengeId = (await _coordinator.Needs.GetAsync(needId, Token).WithETagAsync()).Value.ChallengeId;
            return challengeId is not null;
        }, EventTimeout, "the need linked to a challenge", Token);
        return challengeId!.Value;
    }

    private async Task<Challenge> ChallengeAsync(Guid id) => (await _coordinator.Challenges.GetAsync(id, Token).WithETagAsync()).Value;

    /// <summary>An ongoing effort on the challenge, led by Luleå, running from a month ago, funded by the seeded assignment.</summary>
    private async Task<Effort> LaunchEffortAsync(Guid challengeId, decimal budget)
    {
        var lead = await platform.MunicipalityActorAsync("2580", Token);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var request = new EffortRequest($"Insats {Words(2)}", [challengeId], lead, Day(today.AddDays(-30)), Day(today.AddDays(300)), budget,
            [new Participant(lead, "implementing")], "ongoing", "KN2023/03505");
        return (await _coordinator.Efforts.LaunchAsync(request, Token).WithETagAsync()).Value;
    }

    private async Task RecordAsync(Guid effortId, decimal amount, string category, string description)
    {
        using var response = await _coordinator.Efforts.RecordExpenditureAsync(
            effortId, new ExpenditureRequest(Day(DateOnly.FromDateTime(DateTime.UtcNow)), amount, category, description), cancellationToken: Token);
        response.ToVersioned();
    }

    [Fact]
    public async Task A_coordinator_merges_two_challenges_after_seeing_that_a_colleague_changed_one_first()
    {
        var lulea = await platform.MunicipalityActorAsync("2580", Token);
        var needs = await Task.WhenAll(SubmitAsync(lulea, ["2580"]), SubmitAsync(lulea, ["2580"]));
        var (target, merged) = (await ChallengeOfAsync(needs[0].Id), await ChallengeOfAsync(needs[1].Id));
        Assert.NotEqual(target, merged);
        var reference = (await ChallengeAsync(merged)).Reference;

        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await using var colleague = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync($"/utmaningar/{target}");
        await colleague.OpenAsync($"/utmaningar/{target}");

        await colleague.ChooseAsync("Ny status", "Analyserad");
        await colleague.TypeAsync("Anteckning (valfri)", "Behoven är genomgångna med kommunen.");
        await colleague.Button("Ändra status").ClickAsync();
        await Expect(colleague.Page.GetByText("Statusen är ändrad.")).ToBeVisibleAsync();
        await Expect(colleague.Page.Locator(".facts")).ToContainTextAsync("Analyserad");

        await coordinator.TypeIntoLiveFieldAsync("Sök utmaning (referens eller ord)", reference);
        await coordinator.Page.GetByLabel(reference).CheckAsync();
        await coordinator.Button("Slå ihop…").ClickAsync();
        await Expect(coordinator.Page.Locator(".confirm")).ToContainTextAsync(reference);
        await coordinator.Button("Bekräfta sammanslagningen").ClickAsync();
        var changed = coordinator.Page.Locator(".changed");
        await Expect(changed).ToContainTextAsync("Någon annan hann före");
        await Expect(changed).ToContainTextAsync("Identifierad → Analyserad");
        Assert.Null((await ChallengeAsync(merged)).MergedInto);

        // Seen what changed, the coordinator merges all the same.
        await coordinator.Button("Slå ihop…").ClickAsync();
        await coordinator.Button("Bekräfta sammanslagningen").ClickAsync();
        await Expect(coordinator.Page.GetByText("Utmaningarna är sammanslagna.")).ToBeVisibleAsync();
        await Expect(coordinator.Page.Locator("main table")).ToContainTextAsync(needs[1].Title);
        await coordinator.SaveAsync("challenges-merged");

        var archived = await ChallengeAsync(merged);
        Assert.Equal("archived", archived.Status);
        Assert.Equal(target, archived.MergedInto);
        Assert.Contains(needs[1].Id, (await ChallengeAsync(target)).NeedIds);

        await coordinator.OpenAsync($"/utmaningar/{merged}");
        await Expect(coordinator.Page.GetByText("Utmaningen är sammanslagen med en annan och arkiverad.")).ToBeVisibleAsync();
        await Expect(coordinator.Button("Slå ihop…")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_coordinator_accepts_the_suggested_merge_of_two_challenges_whose_needs_are_alike()
    {
        // Two needs in the same words, one clustered and one moved by hand into a challenge a coordinator opened.
        var pitea = await platform.MunicipalityActorAsync("2581", Token);
        var (title, description) = (Words(3), $"{Words(10)}.");
        var first = await SubmitAsync(pitea, ["2581"], "planning", title, description);
        var clustered = await ChallengeOfAsync(first.Id);
        var byHand = await _coordinator.Challenges.CreateAsync(
            new CreateChallengeRequest("planning", $"Planering {Words(1)}", $"En utmaning som en samordnare öppnade, {Words(4)}."), Token).WithETagAsync();
        var second = await SubmitAsync(pitea, ["2581"], "other", title, description);
        await ChallengeOfAsync(second.Id);
        await _coordinator.Challenges.RelinkNeedAsync(byHand.Value.Id, new RelinkNeedRequest(second.Id), byHand.ETag, Token).WithETagAsync();
        var heading = $"Slå ihop {byHand.Value.Reference} med {(await ChallengeAsync(clustered)).Reference}";

        await using (var reader = await WebSession.SignInAsync(browser, platform, "reader"))
        {
            await reader.OpenAsync("/utmaningar/forslag");
            await Expect(reader.Button("Gå igenom utmaningarna nu")).ToHaveCountAsync(0);
            await Expect(reader.Page.GetByRole(AriaRole.Link, new() { Name = "Förslag om utmaningar" })).ToHaveCountAsync(0);
        }

        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync("/utmaningar/forslag?tema=planning");
        await coordinator.Button("Gå igenom utmaningarna nu").ClickAsync();
        await Expect(coordinator.Page.GetByText("Genomgången är klar")).ToBeVisibleAsync();
        var suggestion = coordinator.Page.Locator("article.suggestion", new() { HasText = heading });
        await Expect(suggestion).ToContainTextAsync(byHand.Value.Title);
        var failures = await coordinator.SeriousAccessibilityProblemsAsync();
        await coordinator.SaveAsync("challenge-suggestions");

        await suggestion.Locator("fluent-button", new() { HasText = "Godta förslaget" }).ClickAsync();
        await Expect(coordinator.Page.GetByText("Förslaget är genomfört.")).ToBeVisibleAsync();
        await Expect(suggestion).ToHaveCountAsync(0);
        var merged = await ChallengeAsync(byHand.Value.Id);
        Assert.Equal(("archived", clustered), (merged.Status, merged.MergedInto));
        Assert.Contains(second.Id, (await ChallengeAsync(clustered)).NeedIds);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_coordinator_moves_a_need_into_a_challenge_by_its_reference()
    {
        var boden = await platform.MunicipalityActorAsync("2582", Token);
        var needs = await Task.WhenAll(SubmitAsync(boden, ["2582"], "education"), SubmitAsync(boden, ["2582"], "education"));
        var (target, source) = (await ChallengeOfAsync(needs[0].Id), await ChallengeOfAsync(needs[1].Id));
        Assert.NotEqual(target, source);

        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync($"/utmaningar/{target}");
        try
        {
            await coordinator.TypeIntoLiveFieldAsync("Sök behov (referens eller ord)", needs[1].Reference.ToLowerInvariant());
            await Expect(coordinator.Page.GetByRole(AriaRole.Group, new() { Name = "Välj behovet som ska flyttas hit" })).ToContainTextAsync(needs[1].Reference);
            await coordinator.Page.GetByLabel(needs[1].Reference).CheckAsync();
        }
        catch (PlaywrightException)
        {
            // What the page showed, for the one who reads the failure.
            await coordinator.SaveAsync("relink-failed");
            throw;
        }

        await coordinator.Button("Flytta behovet hit").ClickAsync();
        await Expect(coordinator.Page.GetByText("Behovet är flyttat hit.")).ToBeVisibleAsync();
        await Expect(coordinator.Page.Locator("main table")).ToContainTextAsync(needs[1].Title);

        Assert.Contains(needs[1].Id, (await ChallengeAsync(target)).NeedIds);
        Assert.DoesNotContain(needs[1].Id, (await ChallengeAsync(source)).NeedIds);
    }

    [Fact]
    public async Task A_coordinator_chooses_the_assignment_a_challenge_is_reported_under()
    {
        var lulea = await platform.MunicipalityActorAsync("2580", Token);
        var need = await SubmitAsync(lulea, ["2580"], "education");
        var challenge = await ChallengeOfAsync(need.Id);

        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync($"/utmaningar/{challenge}");
        await Expect(coordinator.Page.Locator(".facts")).ToContainTextAsync("Inget uppdrag valt");
        await coordinator.Page.GetByRole(AriaRole.Group, new() { Name = "Uppdrag" }).GetByLabel("KN2023/03505").CheckAsync();
        await coordinator.Button("Spara uppdragen").ClickAsync();
        await Expect(coordinator.Page.GetByText("Uppdragen är sparade.")).ToBeVisibleAsync();
        await Expect(coordinator.Page.Locator(".facts")).ToContainTextAsync("KN2023/03505");

        Assert.Equal(["KN2023/03505"], (await ChallengeAsync(challenge)).Assignments);
    }

    [Fact]
    public async Task A_coordinator_gives_a_challenge_a_title_of_their_own()
    {
        var lulea = await platform.MunicipalityActorAsync("2580", Token);
        var need = await SubmitAsync(lulea, ["2580"], "skills");
        var challenge = await ChallengeOfAsync(need.Id);
        var title = $"Kompetensförsörjning i Luleå {Words(1)}";

        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync($"/utmaningar/{challenge}");

        // The challenge says what holds it together, and how close its need is to it.
        await Expect(coordinator.Page.Locator("p.explanation")).ToContainTextAsync("Det här håller ihop utmaningen:");
        await Expect(coordinator.Page.Locator("main tbody tr", new() { HasText = need.Reference })).ToContainTextAsync(new Regex(@"\d+ procent"));
        var field = coordinator.Page.Locator("section", new() { Has = coordinator.Page.GetByRole(AriaRole.Heading, new() { Name = "Rubrik och beskrivning" }) })
            .GetByLabel("Rubrik", new() { Exact = true });
        await field.ClickAsync();
        await coordinator.Page.Keyboard.PressAsync("Control+A");
        await coordinator.Page.Keyboard.InsertTextAsync(title);
        await coordinator.Button("Spara rubrik och beskrivning").ClickAsync();
        await Expect(coordinator.Page.GetByText("Rubrik och beskrivning är sparade.")).ToBeVisibleAsync();
        await Expect(coordinator.Page.Locator("h1")).ToContainTextAsync(title);
        Assert.Empty(await coordinator.SeriousAccessibilityProblemsAsync());

        Assert.Equal(title, (await ChallengeAsync(challenge)).Title);
    }

    [Fact]
    public async Task An_expenditure_recorded_in_the_browser_moves_the_burn_chart_and_flags_spending_over_budget()
    {
        var pitea = await platform.MunicipalityActorAsync("2581", Token);
        var need = await SubmitAsync(pitea, ["2581"], "electricity");
        var effort = await LaunchEffortAsync(await ChallengeOfAsync(need.Id), 10_000m);

        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync($"/insatser/{effort.Id}");
        var chart = coordinator.Page.Locator("svg.burn-chart");
        var before = await chart.GetAttributeAsync("aria-label");
        Assert.Contains("0,00 kr av budgeten på 10 000,00 kr använt (0 procent)", Plain(before));
        await coordinator.Page.EvaluateAsync("() => { window.sameDocument = true; }");

        await coordinator.TypeAsync("Belopp i kronor", "1 234,50");
        await coordinator.ChooseAsync("Kategori", "Konsulttjänster");
        await coordinator.TypeAsync("Vad pengarna gick till (valfritt)", "Workshop om elnätet");
        await coordinator.Button("Registrera utgiften").ClickAsync();
        await Expect(coordinator.Page.GetByText("Utgiften är registrerad.")).ToBeVisibleAsync();
        await Expect(chart).Not.ToHaveAttributeAsync("aria-label", before!);
        Assert.Contains("1 234,50 kr av budgeten på 10 000,00 kr använt (12 procent), 8 765,50 kr kvar", Plain(await chart.GetAttributeAsync("aria-label")));
        await Expect(coordinator.Page.Locator("dd.spent")).ToHaveTextAsync("1 234,50 kr");
        await Expect(coordinator.Page.Locator("main table").First).ToContainTextAsync("Workshop om elnätet");
        Assert.True(await coordinator.Page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page was reloaded.");

        await coordinator.TypeAsync("Belopp i kronor", "9000");
        await coordinator.ChooseAsync("Kategori", "Personal");
        await coordinator.Button("Registrera utgiften").ClickAsync();
        await Expect(coordinator.Page.GetByText("Insatsen har nu förbrukat mer än sin budget.")).ToBeVisibleAsync();
        await Expect(chart).ToHaveAttributeAsync("aria-label", new Regex("234,50 kr över budgeten"));
        await Expect(coordinator.Page.Locator(".facts")).ToContainTextAsync("Över budget");
        await coordinator.SaveAsync("effort-burn-chart");

        var recorded = (await _coordinator.Efforts.GetAsync(effort.Id, Token).WithETagAsync()).Value;
        Assert.Equal(10_234.50m, recorded.SpentSek);
        Assert.True(recorded.OverBudget);

        await coordinator.OpenAsync($"/insatser?utmaning={effort.ChallengeIds[0]}");
        var row = coordinator.Page.Locator("tr", new PageLocatorOptions { HasText = effort.Title });
        await Expect(row).ToContainTextAsync("Över budget");
        await Expect(row).ToContainTextAsync("Pågående");
    }

    [Fact]
    public async Task A_coordinator_reverses_an_expenditure_recorded_by_mistake_and_the_spending_returns()
    {
        var boden = await platform.MunicipalityActorAsync("2582", Token);
        var need = await SubmitAsync(boden, ["2582"], "education");
        var effort = await LaunchEffortAsync(await ChallengeOfAsync(need.Id), 20_000m);
        await RecordAsync(effort.Id, 4_000m, "events", "Konferens som ställdes in");

        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync($"/insatser/{effort.Id}");
        await Expect(coordinator.Page.Locator("dd.spent")).ToHaveTextAsync("4 000,00 kr");
        await coordinator.Page.Locator("fluent-button", new() { HasTextRegex = new Regex("Återför utgiften .+…") }).ClickAsync();
        var reverse = coordinator.Page.Locator("fluent-button", new() { HasTextRegex = new Regex(@"^\s*Återför utgiften\s*$") });

        // A reason is required: none is refused in Swedish, and nothing is reversed.
        await reverse.ClickAsync();
        await Expect(coordinator.Page.GetByText("Ange varför, 3–500 tecken.")).ToBeVisibleAsync();
        await coordinator.Page.GetByLabel("Varför utgiften återförs").FillAsync("Konferensen ställdes in");
        await reverse.ClickAsync();
        var table = coordinator.Page.Locator("main table").First;
        await Expect(table).ToContainTextAsync("Återföring: Konferensen ställdes in");
        await Expect(table).ToContainTextAsync("Återförd");
        await Expect(coordinator.Page.Locator("dd.spent")).ToHaveTextAsync("0,00 kr");
        Assert.Empty(await coordinator.SeriousAccessibilityProblemsAsync());

        var reversed = (await _coordinator.Efforts.GetAsync(effort.Id, Token).WithETagAsync()).Value;
        Assert.Equal(0m, reversed.SpentSek);
        Assert.Equal([4_000m, -4_000m], reversed.Expenditures.Select(expenditure => expenditure.AmountSek));

        await using var reader = await WebSession.SignInAsync(browser, platform, "reader");
        await reader.OpenAsync($"/insatser/{effort.Id}");
        await Expect(reader.Page.Locator("main table").First).ToContainTextAsync("Återförd");
        Assert.Equal(0, await reader.Page.Locator("fluent-button", new() { HasTextRegex = new Regex("Återför") }).CountAsync());
    }

    [Fact]
    public async Task A_coordinator_corrects_an_effort_and_a_period_leaving_out_its_spending_is_refused_in_Swedish()
    {
        var kalix = await platform.MunicipalityActorAsync("2514", Token);
        var need = await SubmitAsync(kalix, ["2514"], "infrastructure");
        var effort = await LaunchEffortAsync(await ChallengeOfAsync(need.Id), 50_000m);
        await RecordAsync(effort.Id, 1_000m, "travel", "Resa till Kalix");

        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync($"/insatser/{effort.Id}");
        var form = coordinator.Page.Locator("section", new() { Has = coordinator.Page.GetByRole(AriaRole.Heading, new() { Name = "Ändra insatsen" }) });

        // Money was spent today: a period starting tomorrow would leave it out, and is refused with nothing changed.
        await form.GetByLabel("Startdatum").FillAsync(Day(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2)));
        await coordinator.Button("Spara ändringarna").ClickAsync();
        await Expect(coordinator.Page.GetByText("Perioden ska omfatta alla insatsens utgifter, och slutdatum får inte ligga före startdatum.")).ToBeVisibleAsync();
        Assert.Equal(effort.StartDate, (await _coordinator.Efforts.GetAsync(effort.Id, Token).WithETagAsync()).Value.StartDate);

        await form.GetByLabel("Startdatum").FillAsync(Day(effort.StartDate));
        await form.GetByLabel("Budget i kronor").FillAsync("75 000");
        await coordinator.Button("Spara ändringarna").ClickAsync();
        await Expect(coordinator.Page.GetByText("Ändringarna är sparade.")).ToBeVisibleAsync();
        await Expect(coordinator.Page.Locator(".facts")).ToContainTextAsync(new Regex(@"75\s000,00\skr"));
        Assert.Empty(await coordinator.SeriousAccessibilityProblemsAsync());
        Assert.Equal(75_000m, (await _coordinator.Efforts.GetAsync(effort.Id, Token).WithETagAsync()).Value.BudgetSek);

        // The change log tells who changed the budget, from what to what, once reporting has the event.
        var row = coordinator.Page.Locator("main tbody tr", new() { HasText = "Ändrad" });
        await Wait.UntilAsync(async () =>
        {
            await coordinator.OpenAsync($"/andringslogg?post=effort&id={effort.Id}");
            return await row.CountAsync() == 1;
        }, EventTimeout, "the edit in the change log", Token);
        await Expect(row).ToContainTextAsync("budgetSek");
        await Expect(row).ToContainTextAsync(new Regex(@"50000\s*→\s*75000"));
        Assert.Empty(await coordinator.SeriousAccessibilityProblemsAsync());
        await Expect(coordinator.Page.GetByRole(AriaRole.Link, new() { Name = "Ladda ner som tabell (CSV)" })).ToHaveAttributeAsync("href", new Regex("^/andringslogg.csv\\?"));
        var origin = new Uri(coordinator.Page.Url).GetLeftPart(UriPartial.Authority);
        var csv = await coordinator.Page.Context.APIRequest.GetAsync($"{origin}/andringslogg.csv?post=effort&id={effort.Id}");
        Assert.Equal(200, csv.Status);
        Assert.Contains("EffortRevised,budgetSek,50000,75000", await csv.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_on_a_phone_sees_the_pages_but_no_write_controls()
    {
        var kiruna = await platform.MunicipalityActorAsync("2584", Token);
        var need = await SubmitAsync(kiruna, ["2584"], "skills");
        var challenge = await ChallengeAsync(await ChallengeOfAsync(need.Id));
        var effort = await LaunchEffortAsync(challenge.Id, 50_000m);
        await RecordAsync(effort.Id, 12_500m, "travel", "Resor till Kiruna");

        await using var reader = await WebSession.SignInAsync(browser, platform, "reader", width: 360, height: 740);
        var menu = reader.Page.GetByRole(AriaRole.Navigation, new() { NameString = "Huvudmeny" });
        // A click before the hamburger's script is ready opens nothing: click again until the menu shows.
        await Wait.UntilAsync(async () =>
        {
            if (await menu.IsVisibleAsync())
            {
                return true;
            }

            await reader.Page.GetByRole(AriaRole.Button, new() { NameString = "Meny" }).ClickAsync();
            try
            {
                await Expect(menu).ToBeVisibleAsync(new() { Timeout = 2_000 });
                return true;
            }
            catch (PlaywrightException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "the phone menu open", Token);
        await Expect(menu).ToContainTextAsync("Utmaningar");
        await Expect(menu).ToContainTextAsync("Insatser");
        // The component library's own words are Swedish too.
        await reader.Page.GetByRole(AriaRole.Button, new() { NameString = "Stäng", Exact = true }).ClickAsync();
        await Expect(menu).Not.ToBeVisibleAsync();

        var pages = new (string Path, string Shows)[]
        {
            ("/utmaningar", "utmaningar"),
            ($"/utmaningar/{challenge.Id}", challenge.Reference),
            ($"/insatser?utmaning={challenge.Id}", effort.Title),
            ($"/insatser/{effort.Id}", effort.Title),
        };
        foreach (var (path, shows) in pages)
        {
            await reader.OpenAsync(path);
            await Expect(reader.Page.Locator("main")).ToContainTextAsync(shows);
            foreach (var control in WriteControls)
            {
                await Expect(reader.Button(control)).ToHaveCountAsync(0);
            }

            await Expect(reader.Page.Locator("main section.coordinator")).ToHaveCountAsync(0);
            Assert.True(await reader.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{path} is wider than the phone.");
        }

        await reader.OpenAsync($"/utmaningar/{challenge.Id}");
        await Expect(reader.Page.Locator("main")).ToContainTextAsync("1 behov som du inte får läsa räknas här men visas inte.");
        await reader.OpenAsync($"/insatser/{effort.Id}");
        Assert.Contains("12 500,00 kr av budgeten på 50 000,00 kr använt (25 procent)", Plain(await reader.Page.Locator("svg.burn-chart").GetAttributeAsync("aria-label")));
        await Expect(reader.Page.Locator("main table").First).ToContainTextAsync("Resor till Kiruna");
        await reader.SaveAsync("effort-on-phone");
    }

    [Fact]
    public async Task A_companys_confidential_need_in_a_challenge_is_counted_but_never_shown_to_a_reader()
    {
        var company = (await _coordinator.Actors.RegisterAsync(new ActorRequest($"Hemligbolaget {Guid.NewGuid():N}", "company"), Token).WithETagAsync()).Value;
        var rival = (await _coordinator.Actors.RegisterAsync(new ActorRequest($"Konkurrenten {Guid.NewGuid():N}", "company"), Token).WithETagAsync()).Value;
        var secret = Words(1);
        var need = await SubmitAsync(company.Id, ["2580", "2582"], "housing", $"{secret} {Words(2)}");
        var path = $"/utmaningar/{await ChallengeOfAsync(need.Id)}";

        await using var reader = await WebSession.SignInAsync(browser, platform, "reader");
        await reader.OpenAsync(path);
        await Expect(reader.Page.Locator("main")).ToContainTextAsync("1 behov som du inte får läsa räknas här men visas inte.");
        await Expect(reader.Page.Locator("main")).Not.ToContainTextAsync(secret);
        await Expect(reader.Page.Locator("main")).Not.ToContainTextAsync(need.Reference);

        await using var other = await WebSession.SignInAsync(browser, platform, "actor", rival.Id);
        await other.OpenAsync(path);
        await Expect(other.Page.Locator("main")).ToContainTextAsync("1 behov som du inte får läsa räknas här men visas inte.");
        await Expect(other.Page.Locator("main")).Not.ToContainTextAsync(secret);

        // Those who may read it see it on the same page.
        await using var owner = await WebSession.SignInAsync(browser, platform, "actor", company.Id);
        await owner.OpenAsync(path);
        await Expect(owner.Page.Locator("main table")).ToContainTextAsync(secret);
    }

    [Fact]
    public async Task The_challenge_and_effort_pages_pass_axe_with_no_serious_or_critical_violation()
    {
        var gallivare = await platform.MunicipalityActorAsync("2523", Token);
        var need = await SubmitAsync(gallivare, ["2523"], "infrastructure");
        var challengeId = await ChallengeOfAsync(need.Id);
        var effort = await LaunchEffortAsync(challengeId, 80_000m);
        await RecordAsync(effort.Id, 20_000m, "events", "Dialogmöte");
        var launched = await _coordinator.Efforts.GetAsync(effort.Id, Token).WithETagAsync();
        await _coordinator.Efforts.ReportProgressAsync(effort.Id, new ProgressRequest(40, Note: "Halvvägs.", Indicators: [new Indicator("Bussturer per dag", "turer", 4, 12, 8)]), launched.ETag, Token).WithETagAsync();

        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        var failures = new List<string>();
        foreach (var path in new[] { "/utmaningar", $"/utmaningar/{challengeId}", "/insatser", $"/insatser/{effort.Id}" })
        {
            await coordinator.OpenAsync(path);
            await Expect(coordinator.Page.Locator("main table").First).ToBeVisibleAsync();
            failures.AddRange(await coordinator.SeriousAccessibilityProblemsAsync());
        }

        await coordinator.SaveAsync("effort-page");
        Assert.Empty(failures);
        Assert.DoesNotContain(coordinator.ConsoleErrors, error => error.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
