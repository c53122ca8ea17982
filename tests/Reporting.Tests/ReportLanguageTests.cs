using System.Text;
using Platform.Client.Models;
using Platform.Reporting.Reports;

namespace Platform.Reporting.Tests;

/// <summary>The report's words as a ministry reads them: times in Swedish time, a budget year as a year.</summary>
public sealed class ReportLanguageTests
{
    [Fact]
    public async Task Times_are_Swedish_time_and_the_budget_year_is_a_year()
    {
        // HostileReport's figures were read 2025-06-30 12:00 UTC: 14:00 in Stockholm's summer time.
        var rendered = await ReportRenderer.RenderAsync(HostileReport.With("Uppdraget"), ReportFormats.Markdown, null, TestContext.Current.CancellationToken);
        var markdown = Encoding.UTF8.GetString(rendered.Content);

        Assert.Contains("Uppgifterna avser läget 2025-06-30 14:00:00 svensk tid.", markdown, StringComparison.Ordinal);
        Assert.Contains("| Budgetår | 2024 |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", markdown, StringComparison.Ordinal);
    }
}
