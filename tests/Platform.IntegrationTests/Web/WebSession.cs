using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Platform.IntegrationTests.Web;

/// <summary>
/// A person in the web client: a browser context signed in through the development sign-in, with the helpers a test
/// needs to work the Fluent UI components the way a person does (by their labels and texts).
/// </summary>
public sealed class WebSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _consoleErrors = [];

    private WebSession(IBrowserContext context, IPage page, Uri gateway)
    {
        _context = context;
        Page = page;
        Gateway = gateway;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
    }

    public IPage Page { get; }

    public Uri Gateway { get; }

    /// <summary>What the browser reported as errors (a script refused by the Content-Security-Policy, say).</summary>
    public IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    public static async Task<WebSession> SignInAsync(
        BrowserFixture browser, PlatformFixture platform, string role, Guid? actorId = null, int width = 1280, int height = 900)
    {
        var gateway = platform.App.GetEndpoint("gateway", "http");
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var session = new WebSession(context, page, gateway);
        var target = $"/dev/signin?role={role}{(actorId is { } id ? $"&actorId={id}" : string.Empty)}&returnUrl=%2F";
        await page.GotoAsync(target);
        await session.WaitUntilLiveAsync();
        return session;
    }

    /// <summary>Goes to a page and waits until it is live (clicks reach the server).</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitUntilLiveAsync();
    }

    /// <summary>
    /// Waits until the page's circuit is connected and every Fluent web component on it is defined: on a busy machine the
    /// components' script can finish after the circuit connects, and a click on a field not yet upgraded opens nothing
    /// and types nowhere.
    /// </summary>
    public async Task WaitUntilLiveAsync()
    {
        await Page.Locator("[data-interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Page.WaitForFunctionAsync("() => document.querySelector(':not(:defined)') === null");
    }

    /// <summary>Types into a Fluent text field or text area found by its label, as a person would.</summary>
    public async Task TypeAsync(string label, string text)
    {
        // Text typed into a Fluent field before its custom element is defined lands nowhere: wait for the definition.
        await Page.WaitForFunctionAsync("field => field.matches(':defined')", await Field(label).ElementHandleAsync());
        await Field(label).ClickAsync();
        await Page.Keyboard.InsertTextAsync(text);
    }

    /// <summary>
    /// Types into a field that answers while one types (a Fluent text field with <c>Immediate</c>). Such a field reports
    /// typing through a listener its script attaches after the component's first render; on a busy machine text typed
    /// before that is never reported, so this waits for the listener (<c>__immediate</c> on the element) first.
    /// </summary>
    public async Task TypeIntoLiveFieldAsync(string label, string text)
    {
        var field = Field(label);
        await field.WaitForAsync();
        await Page.WaitForFunctionAsync("field => field.__immediate !== undefined", await field.ElementHandleAsync());
        await TypeAsync(label, text);
    }

    /// <summary>Chooses an option of a Fluent dropdown found by its label.</summary>
    public Task ChooseAsync(string label, string option) => ChooseAsync(Page.Locator("body"), label, option);

    /// <summary>Chooses an option of the Fluent dropdown found by its label within <paramref name="within"/> (a section of several alike).</summary>
    public async Task ChooseAsync(ILocator within, string label, string option)
    {
        var field = within.GetByLabel(label, new LocatorGetByLabelOptions { Exact = true }).First;
        // On a busy machine a click can reach the dropdown before its script handles it and choose nothing; the choice is
        // made again until the dropdown holds it.
        for (var attempt = 1; ; attempt++)
        {
            await field.ClickAsync();
            // The option of the list just opened: another dropdown on the page may hold an option of the same name, hidden.
            await Page.Locator("fluent-option", new PageLocatorOptions { HasText = option }).Filter(new LocatorFilterOptions { Visible = true }).First.ClickAsync();
            try
            {
                await Assertions.Expect(field.Locator("fluent-option[selected]", new LocatorLocatorOptions { HasText = option }))
                    .ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>
    /// The Fluent field labelled <paramref name="label"/>: its label names both the web component and the control inside
    /// its shadow root, so the first is the one a person clicks.
    /// </summary>
    public ILocator Field(string label) => Page.GetByLabel(label, new PageGetByLabelOptions { Exact = true }).First;

    public ILocator Button(string text) => Page.Locator("fluent-button", new PageLocatorOptions { HasText = text });

    /// <summary>
    /// The page's serious and critical axe-core violations (WCAG 2.1 AA is the bar) once it has settled, one line each: a
    /// page renders again when its circuit connects and its data arrives, and Fluent UI's web components set their ARIA
    /// as they upgrade, so a violation is looked at again until it is gone or <paramref name="patience"/> is over (a
    /// lasting one is still reported).
    /// </summary>
    public async Task<IReadOnlyList<string>> SeriousAccessibilityProblemsAsync(TimeSpan? patience = null)
    {
        // 30 s: with three test projects on two cores, a reports page's selects once took longer than 10 s to upgrade.
        var until = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var result = await Page.RunAxe();
            var failures = result.Violations
                .Where(violation => violation.Impact is "serious" or "critical")
                .Select(violation => $"{Page.Url}: {violation.Id} ({violation.Impact}) {violation.Help}: " + string.Join(" | ", violation.Nodes.Take(3)
                    .Select(node => $"{node.Html} {string.Join(" ", node.Any.Concat(node.All).Select(check => check.Message))}")))
                .ToList();
            if (failures.Count == 0 || DateTime.UtcNow > until)
            {
                return failures;
            }

            await Page.WaitForTimeoutAsync(500);
        }
    }

    /// <summary>A picture of the page and its HTML under the test results, for a failure or the README.</summary>
    public async Task SaveAsync(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "web-results");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.html"), await Page.ContentAsync());
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
