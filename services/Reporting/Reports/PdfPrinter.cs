using Microsoft.Playwright;

namespace Platform.Reporting.Reports;

/// <summary>Where the PDF printer finds Chromium (<c>Reporting:Chromium</c>).</summary>
public sealed class PdfPrinterOptions
{
    public const string SectionName = "Reporting:Chromium";

    /// <summary>The browser's executable: the operating system's Chromium unless configured.</summary>
    public string ExecutablePath { get; set; } = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>How many reports are printed at once; a print is a browser page, so a few use the CPU fully.</summary>
    public int ConcurrentPrints { get; set; } = 2;
}

/// <summary>The server cannot print PDFs: its Chromium is missing or does not start.</summary>
public sealed class PdfUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Prints a report's HTML to an A4 PDF with headless Chromium, started on the first print and reused. The page runs no
/// script and loads nothing: the HTML carries its styles and charts inline, and any request it would make is refused,
/// so text a person typed into the platform cannot make the server fetch anything.
/// </summary>
public sealed class PdfPrinter(PdfPrinterOptions options, ILogger<PdfPrinter> logger) : IAsyncDisposable
{
    private const string Footer = """
        <div style="width: 100%; font-size: 8pt; font-family: Arial, sans-serif; color: #444; text-align: center;">
          Sida <span class="pageNumber"></span> av <span class="totalPages"></span>
        </div>
        """;

    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly SemaphoreSlim _printing = new(Math.Max(1, options.ConcurrentPrints));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<byte[]> PrintAsync(byte[] html, string title, CancellationToken cancellationToken)
    {
        var browser = await BrowserAsync(cancellationToken);
        await _printing.WaitAsync(cancellationToken);
        try
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Offline = true, Locale = "sv-SE" });
            await context.RouteAsync("**/*", route => route.AbortAsync());
            var page = await context.NewPageAsync();
            await page.SetContentAsync(System.Text.Encoding.UTF8.GetString(html), new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            return await page.PdfAsync(new PagePdfOptions
            {
                Format = "A4",
                PrintBackground = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = $"""<div style="width: 100%; font-size: 8pt; font-family: Arial, sans-serif; color: #444; padding: 0 15mm;">{System.Net.WebUtility.HtmlEncode(title)}</div>""",
                FooterTemplate = Footer,
                Margin = new Margin { Top = "18mm", Bottom = "18mm", Left = "15mm", Right = "15mm" },
                Tagged = true,
                Outline = true,
            });
        }
        finally
        {
            _printing.Release();
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }

        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } started)
            {
                return started;
            }

            if (!File.Exists(options.ExecutablePath))
            {
                logger.LogError("Reports cannot be printed to PDF: Chromium was not found at {Path} (set {Section}:ExecutablePath)", options.ExecutablePath, PdfPrinterOptions.SectionName);
                throw new PdfUnavailableException($"Chromium was not found at {options.ExecutablePath}.");
            }

            try
            {
                _playwright ??= await Playwright.CreateAsync();
                // Root in a container or CI has no user namespace for Chromium's sandbox; the page runs no script anyway.
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = options.ExecutablePath, Args = ["--no-sandbox"] });
                logger.LogInformation("Chromium {Version} started for printing reports", _browser.Version);
                return _browser;
            }
            catch (PlaywrightException exception)
            {
                logger.LogError(exception, "Reports cannot be printed to PDF: Chromium at {Path} did not start", options.ExecutablePath);
                throw new PdfUnavailableException($"Chromium at {options.ExecutablePath} did not start: {exception.Message}", exception);
            }
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _starting.Dispose();
        _printing.Dispose();
    }
}
