using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Platform.IntegrationTests.Web.BrowserFixture))]

namespace Platform.IntegrationTests.Web;

/// <summary>
/// One headless Chromium for the assembly (the operating system's, see .ci/install-servers); each test opens its own
/// context, so cookies and sessions never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // An expectation returns as soon as the page meets it; on two cores shared with other test assemblies' platforms
        // a page's re-render after a save has taken longer than Playwright's default 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH") ?? "/usr/bin/chromium",
            // Root in CI: Chromium's sandbox needs an unprivileged user.
            Args = ["--no-sandbox"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
