namespace Platform.Reporting.Reports;

public sealed record ThemeCount(string Theme, long Count);

public sealed record CountyCount(string CountyCode, long Count);

public sealed record StatusCount(string Status, long Count);

public sealed record KindCount(string Kind, long Count);

/// <summary>Needs of a theme in a county with a status; a need affecting both counties counts in each.</summary>
public sealed record ThemeCountyStatusCount(string Theme, string CountyCode, string Status, long Count);

public sealed record NeedStatistics(
    long Total, IReadOnlyList<ThemeCount> ByTheme, IReadOnlyList<CountyCount> ByCounty, IReadOnlyList<StatusCount> ByStatus,
    IReadOnlyList<ThemeCountyStatusCount> ByThemeCountyStatus);

public sealed record ChallengeStatistics(long Total, long Open, long CrossCounty, IReadOnlyList<StatusCount> ByStatus);

public sealed record EffortStatistics(long Total, IReadOnlyList<StatusCount> ByStatus, decimal BudgetSek, decimal SpentSek);

public sealed record ActorStatistics(long Total, IReadOnlyList<KindCount> ByKind);

public sealed record CollaborationStatistics(long Forums, long MeetingsHeld, long MeetingsPlanned);

/// <summary>
/// The state of the whole platform. <c>AsOf</c> is when the figures were read; <c>LastEventAt</c> is when the newest
/// event they include happened.
/// </summary>
public sealed record Overview(
    NeedStatistics Needs, ChallengeStatistics Challenges, EffortStatistics Efforts, ActorStatistics Actors,
    CollaborationStatistics Collaboration, DateTimeOffset AsOf, DateTimeOffset? LastEventAt);

public sealed record CategorySpending(string Category, decimal SpentSek);

/// <summary>An effort's money: <c>SpentSek</c> within the report's period, <c>SpentToDateSek</c> up to its end.</summary>
public sealed record EffortSpending(Guid EffortId, string Title, decimal BudgetSek, decimal SpentSek, decimal SpentToDateSek, bool OverBudget);

/// <summary>
/// An assignment's financial account: budget, what its efforts spent (in the period, and up to its end), what
/// remains. Exact to the öre.
/// </summary>
public sealed record FinanceReport(
    string Assignment, decimal BudgetSek, decimal SpentSek, decimal SpentToDateSek, decimal RemainingSek,
    IReadOnlyList<CategorySpending> ByCategory, IReadOnlyList<EffortSpending> ByEffort, int OverBudgetEfforts,
    DateOnly? From, DateOnly? To, DateTimeOffset AsOf);

public sealed record ChallengeLine(
    Guid Id, string Reference, string Theme, string Title, string Status, long NeedCount, IReadOnlyList<string> CountyCodes, bool CrossCounty, int EffortCount);

public sealed record EffortLine(
    Guid Id, string Title, string Status, string? LeadActor, DateOnly? StartDate, DateOnly? EndDate, decimal BudgetSek, decimal SpentSek,
    decimal SpentToDateSek, int? ProgressPercent);

public sealed record ForumLine(Guid Id, string Name, string Scope, int Members, int Meetings);

public sealed record MeetingLine(Guid Id, DateOnly Date, string Title, string? Forum, int AttendingActors, int Needs, int Challenges);

public sealed record LessonLine(Guid Id, string Title, string Text, IReadOnlyList<string> TargetGroups, DateTimeOffset? PublishedAt);

public sealed record ReportPeriod(DateOnly From, DateOnly To);

/// <summary>
/// The report to the Government Offices: the final one over everything, or a progress report over a period.
/// Every format is rendered from this one document, so their numbers agree.
/// </summary>
public sealed record ReportDocument(
    string Kind,
    string Title,
    DateTimeOffset GeneratedAt,
    DateTimeOffset? LastEventAt,
    ReportPeriod? Period,
    AssignmentResponse Assignment,
    IReadOnlyList<EffortLine> Efforts,
    IReadOnlyList<ForumLine> Forums,
    IReadOnlyList<MeetingLine> Meetings,
    IReadOnlyList<ChallengeLine> Challenges,
    NeedStatistics Needs,
    IReadOnlyList<LessonLine> Lessons,
    FinanceReport Finance);

public sealed record AssignmentResponse(
    string Reference, string Title, DateOnly DecisionDate, DateOnly ReportDueDate, string Appropriation, string? ExpenditureArea, int BudgetYear,
    decimal BudgetSek);
