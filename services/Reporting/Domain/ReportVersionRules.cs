using Platform.Client.Models;

namespace Platform.Reporting.Domain;

/// <summary>How a draft of the final report compares with its last frozen version.</summary>
public static class ReportVersionRules
{
    /// <summary>The headline figures that differ between <paramref name="frozen"/> and <paramref name="now"/>, in the report's order.</summary>
    public static IReadOnlyList<ReportChange> Changes(ReportDocument frozen, ReportDocument now) =>
        [.. Figures(frozen).Zip(Figures(now), (then, current) => new ReportChange(then.Figure, then.Value, current.Value)).Where(change => change.Then != change.Now)];

    private static IEnumerable<(string Figure, decimal Value)> Figures(ReportDocument report) =>
    [
        ("Insatser", report.Efforts.Count),
        ("Samverkansforum", report.Forums.Count),
        ("Dialogmöten", report.Meetings.Count),
        // A version frozen before the report had these parts reads them as absent.
        ("Ej nådda parter", report.Dialogue?.Unreached.Count ?? 0),
        ("Utmaningar", report.Challenges.Count),
        ("Länsöverskridande utmaningar", report.Challenges.Count(challenge => challenge.CrossCounty)),
        ("Behov", report.Needs.Total),
        ("Lärdomar", report.Lessons.Count),
        ("Sparade versioner av textavsnitten", report.Sections?.Sum(section => section.Version) ?? 0),
        ("Tilldelade medel (kr)", report.Finance.BudgetSek),
        ("Utfall (kr)", report.Finance.SpentSek),
        ("Återstående medel (kr)", report.Finance.RemainingSek),
        ("Utgifter utanför budgetåret (kr)", report.Finance.OutsideBudgetYearSek),
    ];
}
