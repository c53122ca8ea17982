using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.IntegrationTests.Web;

/// <summary>
/// The web client in a real browser, through the gateway, as its people use it: an official in a municipality submits
/// a need, coordinators triage it (two at once), readers only read, a company never sees another's need; every page
/// passes axe-core and works on a phone.
/// </summary>
public sealed class WebClientTests(PlatformFixture platform, BrowserFixture browser)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Invented words: needs of one test share features with no other test's.
    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => new string([.. Enumerable.Range(0, 9).Select(_ => (char)('a' + Random.Shared.Next(26)))])));

    /// <summary>A need submitted through the API (the actor must have reached needs-intake's replica first).</summary>
    private async Task<JsonElement> SubmitAsync(Guid actorId, string title, string description, string municipality, string theme = "housing")
    {
        using var client = await platform.CreateGatewayClientAsync("actor", actorId, Token);
        JsonElement need = default;
        await Wait.UntilAsync(async () =>
        {
            using var response = await client.PostAsJsonAsync("/api/needs", new { title, description, theme, municipalityCodes = new[] { municipality }, urgency = "high" }, Token);
            need = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
            return response.StatusCode == HttpStatusCode.Created;
        }, EventTimeout, "the actor in needs-intake's replica", Token);
        return need;
    }

    /// <summary>
    /// Waits until clustering has linked the need to a challenge: the link changes the need (and its ETag), so a
    /// coordinator who opened it before would rightly be told that it changed under them.
    /// </summary>
    private async Task WaitUntilLinkedAsync(JsonElement need)
    {
        using var coordinator = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        await Wait.UntilAsync(async () =>
        {
            var current = await coordinator.GetFromJsonAsync<JsonElement>($"/api/needs/{need.GetProperty("id").GetGuid()}", Token);
            return current.TryGetProperty("challengeId", out var id) && id.ValueKind == JsonValueKind.String;
        }, EventTimeout, "the need linked to a challenge", Token);
    }

    private async Task<long> CountNeedsTitledAsync(string title) =>
        await platform.ScalarAsync("needsdb", "SELECT count(*) FROM needs WHERE title = $1", title);

    [Fact]
    public async Task An_official_submits_a_need_sees_a_similar_one_suggested_and_files_it_once()
    {
        var boden = await platform.MunicipalityActorAsync("2582", Token);
        var lulea = await platform.MunicipalityActorAsync("2580", Token);
        var shared = Words(4);
        var existing = await SubmitAsync(boden, $"{shared} bostäder", $"{shared} {Words(8)} behöver fler hyresrätter", "2582");

        await using var official = await WebSession.SignInAsync(browser, platform, "actor", lulea);
        await official.OpenAsync("/behov/ny");
        var title = $"{shared} hyresrätter";
        await official.TypeIntoLiveFieldAsync("Rubrik", title);
        await official.TypeIntoLiveFieldAsync("Beskrivning", $"{shared} {Words(6)} kommunen behöver hyresrätter");
        await Expect(official.Page.GetByRole(AriaRole.Link, new() { NameString = existing.GetProperty("reference").GetString()!, Exact = false })).ToBeVisibleAsync();

        await official.ChooseAsync("Tema", "Bostäder");
        await official.Page.GetByLabel("Luleå", new() { Exact = true }).CheckAsync();
        // Twice, as an impatient person on a slow connection would: one need.
        await official.Button("Skicka in behovet").DblClickAsync();
        // The address is polled rather than a navigation event awaited: once, the need's page was rendered in the
        // circuit while the wait for Blazor's in-page navigation never ended.
        await Expect(official.Page).ToHaveURLAsync(new Regex(@"/behov/[0-9a-f-]{36}\?ny=1$"));
        await Expect(official.Page.GetByText("Behovet är inskickat.")).ToBeVisibleAsync();
        await Expect(official.Page.Locator("h1")).ToContainTextAsync(title);
        Assert.Equal(1, await CountNeedsTitledAsync(title));
        Assert.DoesNotContain(official.ConsoleErrors, error => error.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        await official.SaveAsync("need-submitted");
    }

    [Fact]
    public async Task The_form_names_what_is_wrong_next_to_the_field_and_files_nothing()
    {
        var kiruna = await platform.MunicipalityActorAsync("2584", Token);
        await using var official = await WebSession.SignInAsync(browser, platform, "actor", kiruna);
        await official.OpenAsync("/behov/ny");
        var title = $"Kort {Words(1)}";
        await official.TypeIntoLiveFieldAsync("Rubrik", title);
        await official.TypeIntoLiveFieldAsync("Beskrivning", "För kort.");
        await official.Button("Skicka in behovet").ClickAsync();

        await Expect(official.Page.GetByText("Några uppgifter behöver rättas; se fälten nedan.")).ToBeVisibleAsync();
        await Expect(official.Page.GetByText("Beskrivningen ska vara 20–4 000 tecken.")).ToBeVisibleAsync();
        await Expect(official.Page.GetByText("Välj en till 29 kommuner i Norrbotten eller Västerbotten.")).ToBeVisibleAsync();
        Assert.Equal(0, await CountNeedsTitledAsync(title));
    }

    [Fact]
    public async Task A_coordinator_triages_and_a_second_coordinator_sees_that_someone_else_got_there_first()
    {
        var pitea = await platform.MunicipalityActorAsync("2581", Token);
        var need = await SubmitAsync(pitea, $"{Words(2)} elnät", $"{Words(10)} behöver kapacitet i elnätet", "2581", "electricity");
        await WaitUntilLinkedAsync(need);
        var path = $"/behov/{need.GetProperty("id").GetGuid()}";

        await using var first = await WebSession.SignInAsync(browser, platform, "coordinator");
        await using var second = await WebSession.SignInAsync(browser, platform, "coordinator");
        await first.OpenAsync(path);
        await second.OpenAsync(path);

        await first.Page.GetByLabel("Avvisa", new() { Exact = true }).CheckAsync();
        await first.TypeAsync("Skäl (krävs för att avvisa)", "Hör till en annan myndighets uppdrag.");
        await first.Button("Spara beslut").ClickAsync();
        await Expect(first.Page.Locator(".facts")).ToContainTextAsync("Avvisat");
        await Expect(first.Page.Locator(".timeline")).ToContainTextAsync("Triagerat");

        await second.Page.GetByLabel("Godkänn", new() { Exact = true }).CheckAsync();
        await second.Button("Spara beslut").ClickAsync();
        var changed = second.Page.Locator(".changed");
        await Expect(changed).ToContainTextAsync("Någon annan hann före");
        await Expect(changed).ToContainTextAsync("→ Avvisat");
        await Expect(second.Page.Locator(".facts")).ToContainTextAsync("Avvisat");
        await second.SaveAsync("triage-conflict");
    }

    [Fact]
    public async Task The_triage_queue_lists_untriaged_needs_and_works_from_the_keyboard()
    {
        var skelleftea = await platform.MunicipalityActorAsync("2482", Token);
        var title = $"{Words(2)} yrkesvux";
        var need = await SubmitAsync(skelleftea, title, $"{Words(10)} behöver utbildningsplatser", "2482", "education");
        await WaitUntilLinkedAsync(need);

        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        await coordinator.OpenAsync("/behov/triage");
        var link = coordinator.Page.GetByRole(AriaRole.Link, new() { NameString = title, Exact = false });
        await link.FocusAsync();
        await coordinator.Page.Keyboard.PressAsync("Enter");
        await Expect(coordinator.Page).ToHaveURLAsync(new Regex($"/behov/{need.GetProperty("id").GetGuid()}$"));

        await coordinator.Page.GetByLabel("Godkänn", new() { Exact = true }).FocusAsync();
        await coordinator.Page.Keyboard.PressAsync("Space");
        await coordinator.Button("Spara beslut").FocusAsync();
        await coordinator.Page.Keyboard.PressAsync("Enter");
        await Expect(coordinator.Page.Locator(".facts")).ToContainTextAsync("Samordnarens beslut");
        await Expect(coordinator.Page.Locator(".facts")).ToContainTextAsync("Godkänt");

        await coordinator.OpenAsync("/behov/triage");
        await Expect(coordinator.Page.Locator("main")).Not.ToContainTextAsync(title);
    }

    [Fact]
    public async Task A_reader_sees_no_write_controls_and_no_needs()
    {
        await using var reader = await WebSession.SignInAsync(browser, platform, "reader");
        await Expect(reader.Page.Locator("h1")).ToHaveTextAsync("Översikt");
        var menu = reader.Page.GetByRole(AriaRole.Navigation, new() { NameString = "Huvudmeny" });
        await Expect(menu).ToContainTextAsync("Översikt");
        await Expect(menu).Not.ToContainTextAsync("Nytt behov");
        await Expect(menu).Not.ToContainTextAsync("Att triagera");

        await reader.Page.GotoAsync("/behov/ny");
        await reader.WaitUntilLiveAsync();
        await Expect(reader.Page.Locator("h1")).ToHaveTextAsync("Översikt");
    }

    [Fact]
    public async Task A_companys_need_is_not_shown_to_another_company()
    {
        using var coordinator = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        async Task<Guid> CompanyAsync(string name)
        {
            using var response = await coordinator.PostAsJsonAsync("/api/actors", new { name, kind = "company" }, Token);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
        }

        var company = await CompanyAsync($"Webbolaget {Guid.NewGuid():N}");
        var rival = await CompanyAsync($"Rivalen {Guid.NewGuid():N}");
        var secret = Words(2);
        var need = await SubmitAsync(company, $"{secret} vätgas", $"{Words(10)} behöver vätgaslager", "2580", "electricity");

        await using var other = await WebSession.SignInAsync(browser, platform, "actor", rival);
        await other.OpenAsync($"/behov/{need.GetProperty("id").GetGuid()}");
        await Expect(other.Page.GetByText("Det du söker finns inte, eller så får du inte se det.")).ToBeVisibleAsync();
        await Expect(other.Page.Locator("main")).Not.ToContainTextAsync(secret);

        await other.OpenAsync($"/behov?q={Uri.EscapeDataString(secret)}");
        await Expect(other.Page.GetByText("Inga behov matchar.")).ToBeVisibleAsync();

        await using var owner = await WebSession.SignInAsync(browser, platform, "actor", company);
        await owner.OpenAsync($"/behov/{need.GetProperty("id").GetGuid()}");
        await Expect(owner.Page.Locator("h1")).ToContainTextAsync(secret);
    }

    [Fact]
    public async Task Every_page_passes_axe_with_no_serious_or_critical_violation()
    {
        var gallivare = await platform.MunicipalityActorAsync("2523", Token);
        var need = await SubmitAsync(gallivare, $"{Words(2)} kollektivtrafik", $"{Words(10)} behöver fler bussturer", "2523", "infrastructure");
        await using var coordinator = await WebSession.SignInAsync(browser, platform, "coordinator");
        var failures = new List<string>();
        foreach (var path in new[] { "/", "/behov", "/behov/ny", "/behov/triage", $"/behov/{need.GetProperty("id").GetGuid()}", "/dev/logga-in", "/hittades-inte" })
        {
            await coordinator.Page.GotoAsync(path);
            if (!path.StartsWith("/dev", StringComparison.Ordinal) && path != "/hittades-inte")
            {
                await coordinator.WaitUntilLiveAsync();
            }

            failures.AddRange(await coordinator.SeriousAccessibilityProblemsAsync());
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task An_official_on_a_phone_submits_a_need_without_scrolling_sideways()
    {
        var arjeplog = await platform.MunicipalityActorAsync("2506", Token);
        await using var phone = await WebSession.SignInAsync(browser, platform, "actor", arjeplog, width: 390, height: 844);
        await phone.OpenAsync("/behov/ny");
        Assert.True(await phone.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The form is wider than the phone.");

        var title = $"{Words(2)} skolskjuts";
        await phone.TypeIntoLiveFieldAsync("Rubrik", title);
        await phone.TypeIntoLiveFieldAsync("Beskrivning", $"{Words(8)} kommunen behöver fler skolskjutsar");
        await phone.ChooseAsync("Tema", "Infrastruktur och transporter");
        var arjeplogBox = phone.Page.GetByLabel("Arjeplog", new() { Exact = true });
        await arjeplogBox.CheckAsync();
        await Expect(arjeplogBox).ToBeCheckedAsync();
        await phone.Button("Skicka in behovet").ClickAsync();

        // The need's page, or the form's reason for not submitting it (said in the failure, so a failure explains itself).
        var submitted = phone.Page.Locator("h1", new() { HasText = title });
        var refused = phone.Page.GetByText(new Regex("behöver rättas|gick fel|otillgänglig|inte längre inloggad|behörighet"));
        await Expect(submitted.Or(refused).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.True(await submitted.IsVisibleAsync(), $"The need was not submitted: {string.Join(" | ", await refused.AllInnerTextsAsync())}");
        Assert.Matches(@"/behov/[^/?]+\?ny=1$", phone.Page.Url);
        Assert.True(await phone.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The need's page is wider than the phone.");
        await phone.SaveAsync("need-on-phone");
    }
}
