using Platform.Client.Models;

namespace Platform.Web.Tests;

/// <summary>What the freeze confirmation says a final report still lacks.</summary>
public sealed class ReportGapsTests
{
    private static ReportDocument Draft(decimal remaining, string? decidedBy, string financeText)
    {
        var at = new DateTimeOffset(2024, 1, 20, 9, 0, 0, TimeSpan.Zero);
        return new ReportDocument(
            "final", "Redovisning", at, at, new ReportPeriod(new DateOnly(2023, 6, 22), new DateOnly(2024, 1, 31)),
            new Assignment("KN2023/03505", "Uppdrag", new DateOnly(2023, 6, 22), new DateOnly(2024, 1, 31), "1:4", "24", 2023, 4_000_000m),
            [], [], [], [], new NeedStatistics(0, [], [], [], []), [],
            new FinanceReport("KN2023/03505", 2023, 4_000_000m, 4_000_000m - remaining, 4_000_000m - remaining, remaining, [], [], 0, [], 0m, null, null, at),
            new DialogueReach([], []), [],
            new ReportCover("Tillväxtverket", "Regeringskansliet", "Uppdrag", "KN2023/03505", new DateOnly(2024, 1, 20), "Ä 2023-123", decidedBy, "Handläggare"),
            [
                new ReportSection("summary", "Sammanfattning", "Uppdraget är genomfört.", 1, "s", at),
                new ReportSection("finance", "Ekonomisk slutredovisning", financeText, financeText.Length == 0 ? 0 : 1, null, null),
                new ReportSection("conclusions", "Slutsatser", " ", 1, "s", at),
            ]);
    }

    [Fact]
    public void A_draft_lacks_the_cover_facts_and_sections_still_empty()
    {
        Assert.Equal(["Beslutande", "Ekonomisk slutredovisning", "Slutsatser"], ReportGaps.Missing(Draft(0m, null, string.Empty)));
        Assert.Equal(["Slutsatser"], ReportGaps.Missing(Draft(0m, "Generaldirektör", "Medlen är förbrukade.")));
    }

    [Fact]
    public void Unspent_funds_need_the_financial_sections_explanation()
    {
        Assert.Equal(250_000.50m, ReportGaps.UnexplainedUnspent(Draft(250_000.50m, "Generaldirektör", string.Empty)));
        Assert.Null(ReportGaps.UnexplainedUnspent(Draft(250_000.50m, "Generaldirektör", "Återstående medel återbetalas.")));
        Assert.Null(ReportGaps.UnexplainedUnspent(Draft(0m, "Generaldirektör", string.Empty)));
    }
}
