using Platform.Client.Models;

namespace Platform.Reporting.Tests;

/// <summary>
/// A report with one text in every field a user writes (titles, names, lesson text, the assignment's particulars) and
/// in every code the report only translates, over an overspent budget, so its remaining amount is negative.
/// </summary>
internal static class HostileReport
{
    public const decimal Remaining = -1500.00m;

    public static ReportDocument With(string text)
    {
        var effort = Guid.CreateVersion7();
        var at = new DateTimeOffset(2025, 6, 30, 12, 0, 0, TimeSpan.Zero);
        var period = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30));
        return new ReportDocument(
            "progress", text, at, at, period,
            new Assignment(text, text, new DateOnly(2024, 1, 10), new DateOnly(2025, 12, 31), text, text, 2024, 1000.00m),
            [new EffortLine(effort, text, text, text, new DateOnly(2024, 1, 1), null, 1000.00m, 2500.00m, 2500.00m, 40)],
            [new ForumLine(Guid.CreateVersion7(), text, text, 3, 1)],
            [new MeetingLine(Guid.CreateVersion7(), new DateOnly(2025, 3, 1), text, text, 2, 1, 1)],
            [new ChallengeLine(Guid.CreateVersion7(), text, text, text, text, 2, [text], false, 1)],
            new NeedStatistics(2, [], [], [new StatusCount(text, 2)], []),
            [new LessonLine(Guid.CreateVersion7(), text, text, [text], at)],
            new FinanceReport(
                text, 2024, 1000.00m, 2500.00m, 2500.00m, Remaining, [new CategorySpending(text, 2500.00m)],
                [new EffortSpending(effort, text, 1000.00m, 2500.00m, 2500.00m, true)], 1,
                [new ExpenditureOutsideBudgetYear(Guid.CreateVersion7(), new DateOnly(2025, 2, 1), text, text, 10.00m)], 10.00m, period.From, period.To, at),
            new DialogueReach([new PartyCoverage(text, 2, 1, 1, 1)], [new UnreachedParty(text, text)]),
            [new IndicatorLine(effort, text, text, text, 0m, 10m, 2.5m, 25)],
            new ReportCover(text, text, text, text, new DateOnly(2025, 6, 30), text, text, text),
            [new ReportSection("summary", "Sammanfattning", "Uppdraget har *genomförts* i dialog med länen.", 1, text, at)]);
    }
}
