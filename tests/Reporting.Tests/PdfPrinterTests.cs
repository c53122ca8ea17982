using Microsoft.Extensions.Logging.Abstractions;
using Platform.Reporting.Reports;

namespace Platform.Reporting.Tests;

/// <summary>Printing to PDF where the server's Chromium is missing: an answer the API turns into 503, not a crash.</summary>
public sealed class PdfPrinterTests
{
    [Fact]
    public async Task Without_Chromium_printing_says_it_is_unavailable()
    {
        await using var printer = new PdfPrinter(new PdfPrinterOptions { ExecutablePath = "/nonexistent/chromium" }, NullLogger<PdfPrinter>.Instance);
        var refusal = await Assert.ThrowsAsync<PdfUnavailableException>(() => printer.PrintAsync("<p>Rapport</p>"u8.ToArray(), "Rapport", TestContext.Current.CancellationToken));
        Assert.Contains("/nonexistent/chromium", refusal.Message, StringComparison.Ordinal);
    }
}
