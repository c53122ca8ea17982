using Platform.Client.Models;

namespace Platform.Web;

/// <summary>
/// What a final report still lacks before a coordinator freezes it to hand in: the cover's facts not given, sections
/// not written, and unspent funds the financial account does not explain. Freezing is still the coordinator's call.
/// </summary>
public static class ReportGaps
{
    /// <summary>The missing parts as the pages name them (Swedish, translated by the page).</summary>
    /// <param name="report">The draft of the final report.</param>
    /// <returns>The cover facts, then the sections, that are still empty.</returns>
    public static IReadOnlyList<string> Missing(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            .. new[] { ("Tillväxtverkets diarienummer", report.Cover.AgencyCaseNumber), ("Beslutande", report.Cover.DecidedBy), ("Föredragande", report.Cover.PresentedBy) }
                .Where(fact => string.IsNullOrWhiteSpace(fact.Item2)).Select(fact => fact.Item1),
            .. report.Sections.Where(section => string.IsNullOrWhiteSpace(section.Text)).Select(section => section.Title),
        ];
    }

    /// <summary>The unspent funds when the financial account leaves them unexplained (its section is empty); null otherwise.</summary>
    /// <param name="report">The draft of the final report.</param>
    /// <returns>The remaining amount in SEK, or null.</returns>
    public static decimal? UnexplainedUnspent(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Finance.RemainingSek > 0 && report.Sections.Any(section => section.Key == "finance" && string.IsNullOrWhiteSpace(section.Text))
            ? report.Finance.RemainingSek
            : null;
    }
}
