namespace Platform.Client.Models;

/// <summary>A government assignment (regeringsuppdrag) with its appropriation.</summary>
/// <param name="Reference">Its registration number, e.g. <c>KN2023/03505</c>.</param>
/// <param name="Title">Its title.</param>
/// <param name="DecisionDate">When the government decided it.</param>
/// <param name="ReportDueDate">When the final report is due.</param>
/// <param name="Appropriation">The appropriation funding it, e.g. <c>Anslag 1:4 Tillväxtverket</c>.</param>
/// <param name="ExpenditureArea">The expenditure area, if given.</param>
/// <param name="BudgetYear">The budget year.</param>
/// <param name="BudgetSek">Its budget in SEK: the newest budget set, the earlier ones kept.</param>
/// <param name="Version">The version its <c>ETag</c> names.</param>
public sealed record Assignment(
    string Reference,
    string Title,
    DateOnly DecisionDate,
    DateOnly ReportDueDate,
    string Appropriation,
    string? ExpenditureArea,
    int BudgetYear,
    decimal BudgetSek,
    int Version = 1) : IVersioned;

/// <summary>The body of <c>POST /api/assignments</c> and of <c>PUT /api/assignments/{reference}</c> (with <c>If-Match</c>; the reference cannot change).</summary>
/// <param name="Reference">The registration number, e.g. <c>KN2023/03505</c> (409 when already registered).</param>
/// <param name="Title">The title, 3 to 300 characters.</param>
/// <param name="DecisionDate">The decision date, <c>YYYY-MM-DD</c>.</param>
/// <param name="ReportDueDate">The report due date, <c>YYYY-MM-DD</c>, not before the decision.</param>
/// <param name="Appropriation">The appropriation, 3 to 200 characters.</param>
/// <param name="BudgetYear">The budget year, 2000 to 2100.</param>
/// <param name="BudgetSek">The budget in SEK, positive, at most two decimals.</param>
/// <param name="ExpenditureArea">The expenditure area, at most 200 characters.</param>
public sealed record AssignmentRequest(
    string Reference,
    string Title,
    string DecisionDate,
    string ReportDueDate,
    string Appropriation,
    int BudgetYear,
    decimal BudgetSek,
    string? ExpenditureArea = null);

/// <summary>The body of <c>POST /api/lessons</c>.</summary>
/// <param name="Title">The lesson's title, 3 to 200 characters.</param>
/// <param name="Text">The lesson, 10 to 20,000 characters.</param>
/// <param name="TargetGroups">One to 20 target groups of 2 to 100 characters, e.g. <c>kommuner</c>.</param>
/// <param name="EffortIds">The efforts it was learnt from, at most 50.</param>
/// <param name="ChallengeIds">The challenges it concerns, at most 50.</param>
/// <param name="Published">True to publish it at once; a draft otherwise.</param>
/// <param name="Assignments">The government assignments (registration numbers of registered ones, at most 20) it is reported under, besides those of its efforts and challenges.</param>
/// <param name="DocumentedOn">The day the lesson was documented, <c>YYYY-MM-DD</c>, not in the future; today (Swedish time) when left out.</param>
public sealed record LessonRequest(
    string Title,
    string Text,
    IReadOnlyList<string> TargetGroups,
    IReadOnlyList<Guid>? EffortIds = null,
    IReadOnlyList<Guid>? ChallengeIds = null,
    bool? Published = null,
    IReadOnlyList<string>? Assignments = null,
    string? DocumentedOn = null);

/// <summary>A lesson learnt (lärdom).</summary>
/// <param name="Id">The lesson's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Text">The lesson.</param>
/// <param name="TargetGroups">Its target groups.</param>
/// <param name="EffortIds">The efforts it was learnt from.</param>
/// <param name="ChallengeIds">The challenges it concerns.</param>
/// <param name="Published">False for a draft, which only coordinators see.</param>
/// <param name="Assignments">The government assignments it is reported under, besides those of its efforts and challenges.</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="Version">The version its <c>ETag</c> names.</param>
/// <param name="DocumentedOn">The day it was documented, which places it in a report's period.</param>
public sealed record Lesson(
    Guid Id,
    string Title,
    string Text,
    IReadOnlyList<string> TargetGroups,
    IReadOnlyList<Guid> EffortIds,
    IReadOnlyList<Guid> ChallengeIds,
    bool Published,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt,
    int Version,
    IReadOnlyList<string> Assignments,
    DateOnly DocumentedOn) : IVersioned;

/// <summary>How many needs have a theme.</summary>
/// <param name="Theme">The theme code.</param>
/// <param name="Count">The number of needs.</param>
public sealed record ThemeCount(string Theme, long Count);

/// <summary>How many needs concern a county.</summary>
/// <param name="CountyCode">The county code.</param>
/// <param name="Count">The number of needs.</param>
public sealed record CountyCount(string CountyCode, long Count);

/// <summary>How many items have a status.</summary>
/// <param name="Status">The status.</param>
/// <param name="Count">The number of items.</param>
public sealed record StatusCount(string Status, long Count);

/// <summary>How many actors are of a kind.</summary>
/// <param name="Kind">The actor kind.</param>
/// <param name="Count">The number of actors.</param>
public sealed record KindCount(string Kind, long Count);

/// <summary>Needs of a theme in a county with a status; a need affecting both counties counts in each.</summary>
/// <param name="Theme">The theme code.</param>
/// <param name="CountyCode">The county code.</param>
/// <param name="Status">The need status.</param>
/// <param name="Count">The number of needs.</param>
public sealed record ThemeCountyStatusCount(string Theme, string CountyCode, string Status, long Count);

/// <summary>Needs in figures.</summary>
/// <param name="Total">All needs.</param>
/// <param name="ByTheme">Needs per theme.</param>
/// <param name="ByCounty">Needs per county.</param>
/// <param name="ByStatus">Needs per status.</param>
/// <param name="ByThemeCountyStatus">Needs per theme, county and status.</param>
public sealed record NeedStatistics(
    long Total,
    IReadOnlyList<ThemeCount> ByTheme,
    IReadOnlyList<CountyCount> ByCounty,
    IReadOnlyList<StatusCount> ByStatus,
    IReadOnlyList<ThemeCountyStatusCount> ByThemeCountyStatus);

/// <summary>Challenges in figures.</summary>
/// <param name="Total">All challenges.</param>
/// <param name="Open">Challenges identified, analysed or addressed.</param>
/// <param name="CrossCounty">Challenges concerning both counties.</param>
/// <param name="ByStatus">Challenges per status.</param>
public sealed record ChallengeStatistics(long Total, long Open, long CrossCounty, IReadOnlyList<StatusCount> ByStatus);

/// <summary>Efforts in figures.</summary>
/// <param name="Total">All efforts.</param>
/// <param name="ByStatus">Efforts per status.</param>
/// <param name="BudgetSek">Their budgets in SEK.</param>
/// <param name="SpentSek">What they spent in SEK.</param>
public sealed record EffortStatistics(long Total, IReadOnlyList<StatusCount> ByStatus, decimal BudgetSek, decimal SpentSek);

/// <summary>Actors in figures.</summary>
/// <param name="Total">All actors.</param>
/// <param name="ByKind">Actors per kind.</param>
public sealed record ActorStatistics(long Total, IReadOnlyList<KindCount> ByKind);

/// <summary>Collaboration in figures.</summary>
/// <param name="Forums">Collaboration forums.</param>
/// <param name="MeetingsHeld">Dialogue meetings held.</param>
/// <param name="MeetingsPlanned">Dialogue meetings still to come.</param>
public sealed record CollaborationStatistics(long Forums, long MeetingsHeld, long MeetingsPlanned);

/// <summary>The state of the whole platform (<c>GET /api/reports/overview</c>).</summary>
/// <param name="Needs">Needs in figures.</param>
/// <param name="Challenges">Challenges in figures.</param>
/// <param name="Efforts">Efforts in figures.</param>
/// <param name="Actors">Actors in figures.</param>
/// <param name="Collaboration">Forums and meetings in figures.</param>
/// <param name="AsOf">When the figures were read.</param>
/// <param name="LastEventAt">When the newest event they include happened.</param>
public sealed record Overview(
    NeedStatistics Needs,
    ChallengeStatistics Challenges,
    EffortStatistics Efforts,
    ActorStatistics Actors,
    CollaborationStatistics Collaboration,
    DateTimeOffset AsOf,
    DateTimeOffset? LastEventAt);

/// <summary>What was spent in an expenditure category.</summary>
/// <param name="Category">The category.</param>
/// <param name="SpentSek">The amount in SEK.</param>
public sealed record CategorySpending(string Category, decimal SpentSek);

/// <summary>An effort's money in a financial account.</summary>
/// <param name="EffortId">The effort.</param>
/// <param name="Title">Its title.</param>
/// <param name="BudgetSek">Its budget in SEK.</param>
/// <param name="SpentSek">What it spent within the report's period.</param>
/// <param name="SpentToDateSek">What it spent up to the period's end.</param>
/// <param name="OverBudget">True when it spent more than budgeted.</param>
public sealed record EffortSpending(Guid EffortId, string Title, decimal BudgetSek, decimal SpentSek, decimal SpentToDateSek, bool OverBudget);

/// <summary>An expenditure dated outside the assignment's budget year: listed apart, not counted in the year's outcome.</summary>
/// <param name="ExpenditureId">The expenditure.</param>
/// <param name="Date">The day it was incurred.</param>
/// <param name="Effort">The title of the effort that spent it.</param>
/// <param name="Category">Its expenditure category.</param>
/// <param name="AmountSek">The amount in SEK.</param>
public sealed record ExpenditureOutsideBudgetYear(Guid ExpenditureId, DateOnly Date, string Effort, string Category, decimal AmountSek);

/// <summary>An assignment's financial account for its budget year, exact to the öre (<c>GET /api/reports/finance</c>).</summary>
/// <param name="Assignment">The assignment's registration number.</param>
/// <param name="BudgetYear">The budget year the appropriation is for; only expenditures dated in it count as outcome.</param>
/// <param name="BudgetSek">Its budget in SEK.</param>
/// <param name="SpentSek">What its efforts spent in the budget year within the period (the whole year without one).</param>
/// <param name="SpentToDateSek">What its efforts spent in the budget year up to the period's end.</param>
/// <param name="RemainingSek">The budget less what was spent to date.</param>
/// <param name="ByCategory">The outcome per expenditure category, the agency's own costs as <c>agency:</c> categories after them.</param>
/// <param name="ByEffort">The outcome per effort.</param>
/// <param name="OverBudgetEfforts">How many efforts are over budget.</param>
/// <param name="OutsideBudgetYear">Expenditures of its efforts dated outside the budget year (within the period), oldest first.</param>
/// <param name="OutsideBudgetYearSek">Their sum in SEK.</param>
/// <param name="From">The period's first day, if a period was asked for.</param>
/// <param name="To">The period's last day, if a period was asked for.</param>
/// <param name="AsOf">When the figures were read.</param>
/// <param name="AgencyCostsSek">Of the outcome, Tillväxtverket's own costs outside the efforts (categories <c>agency:staff</c> and so on).</param>
/// <param name="ByCostType">The budget plan per cost type against the outcome, planned or spent ones in the order of <see cref="CostTypes.All"/> (absent in versions frozen before plans).</param>
/// <param name="BudgetPlanVersion">The version of the budget plan it reads, 0 when none is saved.</param>
public sealed record FinanceReport(
    string Assignment,
    int BudgetYear,
    decimal BudgetSek,
    decimal SpentSek,
    decimal SpentToDateSek,
    decimal RemainingSek,
    IReadOnlyList<CategorySpending> ByCategory,
    IReadOnlyList<EffortSpending> ByEffort,
    int OverBudgetEfforts,
    IReadOnlyList<ExpenditureOutsideBudgetYear> OutsideBudgetYear,
    decimal OutsideBudgetYearSek,
    DateOnly? From,
    DateOnly? To,
    DateTimeOffset AsOf,
    decimal AgencyCostsSek = 0,
    IReadOnlyList<CostTypeOutcome>? ByCostType = null,
    int BudgetPlanVersion = 0);

/// <summary>A challenge as a report lists it.</summary>
/// <param name="Id">The challenge's id.</param>
/// <param name="Reference">Its reference.</param>
/// <param name="Theme">Its theme code.</param>
/// <param name="Title">Its title.</param>
/// <param name="Status">Its status.</param>
/// <param name="NeedCount">How many needs it holds.</param>
/// <param name="CountyCodes">The counties it concerns.</param>
/// <param name="CrossCounty">True when it concerns both counties.</param>
/// <param name="EffortCount">How many efforts address it.</param>
public sealed record ChallengeLine(
    Guid Id,
    string Reference,
    string Theme,
    string Title,
    string Status,
    long NeedCount,
    IReadOnlyList<string> CountyCodes,
    bool CrossCounty,
    int EffortCount);

/// <summary>An effort as a report lists it.</summary>
/// <param name="Id">The effort's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Status">Its status.</param>
/// <param name="LeadActor">The name of its leading actor, if known.</param>
/// <param name="StartDate">Its start.</param>
/// <param name="EndDate">Its end.</param>
/// <param name="BudgetSek">Its budget in SEK.</param>
/// <param name="SpentSek">What it spent within the report's period.</param>
/// <param name="SpentToDateSek">What it spent up to the period's end.</param>
/// <param name="ProgressPercent">How far it has come, if reported.</param>
public sealed record EffortLine(
    Guid Id,
    string Title,
    string Status,
    string? LeadActor,
    DateOnly? StartDate,
    DateOnly? EndDate,
    decimal BudgetSek,
    decimal SpentSek,
    decimal SpentToDateSek,
    int? ProgressPercent);

/// <summary>A forum as a report lists it.</summary>
/// <param name="Id">The forum's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Scope">Its scope.</param>
/// <param name="Members">How many members it has.</param>
/// <param name="Meetings">How many meetings it held.</param>
public sealed record ForumLine(Guid Id, string Name, string Scope, int Members, int Meetings);

/// <summary>A meeting as a report lists it.</summary>
/// <param name="Id">The meeting's id.</param>
/// <param name="Date">Its date.</param>
/// <param name="Title">Its title.</param>
/// <param name="Forum">The name of its forum, if any.</param>
/// <param name="AttendingActors">How many actors attended.</param>
/// <param name="Needs">How many needs were discussed.</param>
/// <param name="Challenges">How many challenges were discussed.</param>
public sealed record MeetingLine(Guid Id, DateOnly Date, string Title, string? Forum, int AttendingActors, int Needs, int Challenges);

/// <summary>A published lesson as a report lists it.</summary>
/// <param name="Id">The lesson's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Text">The lesson.</param>
/// <param name="TargetGroups">Its target groups.</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="DocumentedOn">The day it was documented (absent in versions frozen before lessons carried it).</param>
public sealed record LessonLine(Guid Id, string Title, string Text, IReadOnlyList<string> TargetGroups, DateTimeOffset? PublishedAt, DateOnly? DocumentedOn = null);

/// <summary>The period a progress report covers, both days included.</summary>
/// <param name="From">The first day.</param>
/// <param name="To">The last day.</param>
public sealed record ReportPeriod(DateOnly From, DateOnly To);

/// <summary>
/// The report to the Government Offices, in its JSON form: the final report over everything
/// (<c>GET /api/reports/final</c>) or a progress report over a period (<c>GET /api/reports/progress</c>).
/// Every other format renders this same document.
/// </summary>
/// <param name="Kind"><c>final</c> or <c>progress</c>.</param>
/// <param name="Title">The report's title.</param>
/// <param name="GeneratedAt">When the figures were read.</param>
/// <param name="LastEventAt">When the newest event they include happened.</param>
/// <param name="Period">The period of a progress report; none for the final report, which covers all of the assignment.</param>
/// <param name="Assignment">The assignment reported on.</param>
/// <param name="Efforts">Its efforts.</param>
/// <param name="Forums">The collaboration forums linked to the assignment (in a period: that existed in it).</param>
/// <param name="Meetings">The dialogue meetings linked to the assignment or held by a forum linked to it (in a period: held in it).</param>
/// <param name="Challenges">The challenges linked to the assignment or addressed by an effort it funds (in a period: identified or with needs in it).</param>
/// <param name="Needs">The needs (in a period: identified in it), in figures.</param>
/// <param name="Lessons">The lessons learnt from an effort the assignment funds or about one of its challenges (in a period: published in it).</param>
/// <param name="Dialogue">Which of the parties the decision names took part in the report's forums and meetings.</param>
/// <param name="Indicators">The results of the report's efforts: their indicators, by effort.</param>
/// <param name="Cover">The cover and decision block.</param>
/// <param name="Sections">The written sections, in the report's order (the final report's; none in a progress report).</param>
/// <param name="Finance">The financial account.</param>
/// <param name="Version">For a frozen version of the final report, which one; none for a draft.</param>
/// <param name="SinceVersion">For a draft of the final report, what changed since its last frozen version.</param>
public sealed record ReportDocument(
    string Kind,
    string Title,
    DateTimeOffset GeneratedAt,
    DateTimeOffset? LastEventAt,
    ReportPeriod? Period,
    Assignment Assignment,
    IReadOnlyList<EffortLine> Efforts,
    IReadOnlyList<ForumLine> Forums,
    IReadOnlyList<MeetingLine> Meetings,
    IReadOnlyList<ChallengeLine> Challenges,
    NeedStatistics Needs,
    IReadOnlyList<LessonLine> Lessons,
    FinanceReport Finance,
    DialogueReach Dialogue,
    IReadOnlyList<IndicatorLine> Indicators,
    ReportCover Cover,
    IReadOnlyList<ReportSection> Sections,
    FrozenVersion? Version = null,
    ReportChanges? SinceVersion = null);

/// <summary>A result of an effort in a report: an indicator with its baseline, target and outcome.</summary>
/// <param name="EffortId">The effort.</param>
/// <param name="Effort">Its title.</param>
/// <param name="Name">The indicator.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Baseline">Where it started.</param>
/// <param name="Target">Where the effort means it to get.</param>
/// <param name="Actual">Where it is, if measured.</param>
/// <param name="AchievedPercent">How much of the way from baseline to target it has come, in whole percent (none without an outcome, or when target is baseline).</param>
public sealed record IndicatorLine(Guid EffortId, string Effort, string Name, string Unit, decimal Baseline, decimal Target, decimal? Actual, int? AchievedPercent);

/// <summary>How far the dialogue reached one of the parties the decision names.</summary>
/// <param name="Party">The party, e.g. "Kommunerna i Norrbottens län".</param>
/// <param name="Actors">How many active actors it has on the platform.</param>
/// <param name="Reached">How many of them took part in the report's forums or meetings.</param>
/// <param name="Forums">In how many of the forums it has a member.</param>
/// <param name="Meetings">How many of the meetings it attended.</param>
public sealed record PartyCoverage(string Party, int Actors, int Reached, int Forums, int Meetings);

/// <summary>An actor of a named party that took part in none of the report's forums and meetings.</summary>
/// <param name="Party">Its party.</param>
/// <param name="Actor">Its name.</param>
public sealed record UnreachedParty(string Party, string Actor);

/// <summary>Which of the parties the decision names the dialogue reached, and who it has not.</summary>
/// <param name="Parties">Every named party, in the decision's order.</param>
/// <param name="Unreached">The regions, county boards, municipalities and agencies not reached (companies are only counted).</param>
public sealed record DialogueReach(IReadOnlyList<PartyCoverage> Parties, IReadOnlyList<UnreachedParty> Unreached);

/// <summary>A frozen ("fastställd") version of the final report: which, when and by whom.</summary>
/// <param name="Number">The version number, from 1 per assignment.</param>
/// <param name="FrozenAt">When it was frozen.</param>
/// <param name="FrozenBy">Who froze it.</param>
public sealed record FrozenVersion(int Number, DateTimeOffset FrozenAt, string FrozenBy);

/// <summary>What a draft's figures are against the last frozen version's.</summary>
/// <param name="Version">The last frozen version.</param>
/// <param name="Changes">The figures that differ; empty when none does.</param>
public sealed record ReportChanges(FrozenVersion Version, IReadOnlyList<ReportChange> Changes);

/// <summary>A figure of the report that changed since a frozen version.</summary>
/// <param name="Figure">The figure, in Swedish as the report names it, e.g. <c>Behov</c> or <c>Utfall (kr)</c>.</param>
/// <param name="Then">Its value in the frozen version.</param>
/// <param name="Now">Its value now.</param>
public sealed record ReportChange(string Figure, decimal Then, decimal Now);

/// <summary>A frozen version of the final report as listed, with the SHA-256 of each format's bytes.</summary>
/// <param name="Assignment">The assignment's registration number.</param>
/// <param name="Version">Which version, when and by whom.</param>
/// <param name="Files">Each format as frozen.</param>
public sealed record ReportVersion(string Assignment, FrozenVersion Version, IReadOnlyList<ReportVersionFile> Files);

/// <summary>One format of a frozen version.</summary>
/// <param name="Format">One of <see cref="ReportFormats"/>.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lower-case hex.</param>
public sealed record ReportVersionFile(string Format, long Bytes, string Sha256);

/// <summary>The formats the final and progress reports render to (the <c>format</c> query parameter).</summary>
public static class ReportFormats
{
    /// <summary>JSON, the <see cref="ReportDocument"/>.</summary>
    public const string Json = "json";

    /// <summary>A printable HTML page.</summary>
    public const string Html = "html";

    /// <summary>Markdown; text is escaped, so it shows as typed (no HTML, link or emphasis).</summary>
    public const string Markdown = "md";

    /// <summary>
    /// CSV in one of <see cref="CsvDialects"/> (Swedish Excel's by default). Text starting with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, tab or carriage return has a leading <c>'</c>, so a spreadsheet does not run it as a formula.
    /// </summary>
    public const string Csv = "csv";

    /// <summary>An Excel workbook.</summary>
    public const string Xlsx = "xlsx";

    /// <summary>A4 PDF with page numbers: the HTML page as printed by headless Chromium.</summary>
    public const string Pdf = "pdf";

    /// <summary>Every format the <c>format</c> query parameter accepts.</summary>
    public static readonly IReadOnlyList<string> All = [Json, Html, Markdown, Csv, Xlsx, Pdf];
}

/// <summary>The CSV dialects of the reports (the <c>dialect</c> query parameter).</summary>
public static class CsvDialects
{
    /// <summary>
    /// As Swedish Excel opens it with a double click: UTF-8 with BOM, semicolons, decimal comma; one section per table
    /// (its heading, its column names, its rows, an empty line).
    /// </summary>
    public const string Excel = "excel";

    /// <summary>RFC 4180 for programs: commas, decimal point, no BOM, one record per cell (table, row, column, value).</summary>
    public const string Rfc4180 = "rfc4180";

    /// <summary>Every dialect the <c>dialect</c> query parameter accepts.</summary>
    public static readonly IReadOnlyList<string> All = [Excel, Rfc4180];
}

/// <summary>A rendered report as downloaded: its bytes and what the server said about them.</summary>
/// <param name="Content">The report's bytes.</param>
/// <param name="ContentType">Its media type, e.g. <c>text/html; charset=utf-8</c>.</param>
/// <param name="FileName">The file name the server suggests, e.g. <c>redovisning-KN2023-03505.html</c>.</param>
/// <param name="GeneratedAt">When the figures were read (header <c>X-Report-Generated-At</c>).</param>
public sealed record ReportFile(byte[] Content, string ContentType, string? FileName, DateTimeOffset? GeneratedAt);

/// <summary>A written section of the final report, as coordinators draft it: its newest saved version.</summary>
/// <param name="Key">Which section: <c>summary</c>, <c>collaboration</c>, <c>efforts</c>, <c>lessons</c>, <c>dialogue</c>, <c>structures</c>, <c>finance</c> or <c>conclusions</c>.</param>
/// <param name="Title">Its heading in the report.</param>
/// <param name="Text">Its text: paragraphs, lists, <c>###</c> subheadings and emphasis in Markdown; empty until first saved.</param>
/// <param name="Version">How many times it has been saved (0 never); its <c>ETag</c>.</param>
/// <param name="SavedBy">Who saved this version.</param>
/// <param name="SavedAt">When.</param>
public sealed record ReportSection(string Key, string Title, string Text, int Version, string? SavedBy, DateTimeOffset? SavedAt) : IVersioned;

/// <summary>The body of <c>PUT /api/reports/final/sections/{key}</c>.</summary>
/// <param name="Text">The section's text, at most 20,000 characters: paragraphs, lists, <c>###</c> subheadings and emphasis; no HTML, links, images or code.</param>
public sealed record ReportSectionRequest(string Text);

/// <summary>The facts of the final report's cover and decision block that the platform does not know by itself, as last saved.</summary>
/// <param name="AgencyCaseNumber">Tillväxtverket's own case number (diarienummer).</param>
/// <param name="DecidedBy">Who decided the report, e.g. "generaldirektör Anna Andersson".</param>
/// <param name="PresentedBy">Who presented it (föredragande).</param>
/// <param name="Version">How many times it has been saved (0 never); its <c>ETag</c>.</param>
/// <param name="SavedBy">Who saved this version.</param>
/// <param name="SavedAt">When.</param>
public sealed record ReportCoverFacts(string? AgencyCaseNumber, string? DecidedBy, string? PresentedBy, int Version, string? SavedBy, DateTimeOffset? SavedAt) : IVersioned;

/// <summary>The body of <c>PUT /api/reports/final/cover</c>.</summary>
/// <param name="AgencyCaseNumber">Tillväxtverket's case number, 3 to 50 characters.</param>
/// <param name="DecidedBy">Who decided the report, 3 to 200 characters.</param>
/// <param name="PresentedBy">Who presented it, 3 to 200 characters.</param>
public sealed record ReportCoverRequest(string AgencyCaseNumber, string DecidedBy, string PresentedBy);

/// <summary>The written parts of an assignment's final report (<c>GET /api/reports/final/texts</c>): the cover's facts and every section.</summary>
/// <param name="Assignment">The assignment's registration number.</param>
/// <param name="Cover">The cover's facts.</param>
/// <param name="Sections">Every section in the report's order, saved or not.</param>
public sealed record ReportTexts(string Assignment, ReportCoverFacts Cover, IReadOnlyList<ReportSection> Sections);

/// <summary>The cover of a report and its decision block, as a ministry reader expects them.</summary>
/// <param name="Sender">Who reports: Tillväxtverket.</param>
/// <param name="Recipient">To whom: Regeringskansliet (Klimat- och näringslivsdepartementet).</param>
/// <param name="DecisionTitle">The government decision's own title.</param>
/// <param name="DecisionNumber">Its registration number.</param>
/// <param name="Date">The report's date, in Swedish time.</param>
/// <param name="AgencyCaseNumber">Tillväxtverket's case number, once given.</param>
/// <param name="DecidedBy">Who decided the report, once given.</param>
/// <param name="PresentedBy">Who presented it, once given.</param>
public sealed record ReportCover(
    string Sender, string Recipient, string DecisionTitle, string DecisionNumber, DateOnly Date, string? AgencyCaseNumber, string? DecidedBy, string? PresentedBy);

/// <summary>The kinds of Tillväxtverket's own costs for an assignment, outside any effort.</summary>
public static class AgencyCostCategories
{
    /// <summary>Every kind: <c>staff</c>, <c>travel</c>, <c>procurement</c>, <c>other</c>.</summary>
    public static readonly IReadOnlyList<string> All = ["staff", "travel", "procurement", "other"];

    /// <summary>How an account names a kind: the agency's own costs apart from the efforts' spending.</summary>
    /// <param name="category">The kind's code.</param>
    /// <returns>Its Swedish name, or the code when it has none.</returns>
    public static string SwedishName(string category) => category switch
    {
        "staff" => "Egen personal",
        "travel" => "Egna resor",
        "procurement" => "Upphandlade tjänster",
        "other" => "Övriga egna kostnader",
        _ => category,
    };
}

/// <summary>The body of <c>POST /api/costs?assignment=</c>: one of Tillväxtverket's own costs for the assignment.</summary>
/// <param name="Date">When it was incurred, <c>YYYY-MM-DD</c>.</param>
/// <param name="AmountSek">A positive amount in SEK, at most two decimals.</param>
/// <param name="Category">One of <see cref="AgencyCostCategories.All"/>.</param>
/// <param name="Description">What it was, at most 500 characters.</param>
public sealed record AgencyCostRequest(string Date, decimal AmountSek, string Category, string? Description = null);

/// <summary>One of Tillväxtverket's own costs for an assignment, as recorded (never changed afterwards).</summary>
/// <param name="Id">The cost's id.</param>
/// <param name="Assignment">The assignment's registration number.</param>
/// <param name="Date">When it was incurred.</param>
/// <param name="AmountSek">The amount in SEK.</param>
/// <param name="Category">Its kind.</param>
/// <param name="Description">What it was.</param>
/// <param name="RecordedBy">Who recorded it.</param>
/// <param name="RecordedAt">When.</param>
public sealed record AgencyCost(Guid Id, string Assignment, DateOnly Date, decimal AmountSek, string Category, string? Description, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// The cost types of an assignment's financial account: the efforts' expenditure categories, then Tillväxtverket's own
/// costs as <c>agency:staff</c> and so on. The budget plan and the outcome per cost type use these codes.
/// </summary>
public static class CostTypes
{
    /// <summary>What marks one of Tillväxtverket's own cost kinds as a cost type.</summary>
    public const string AgencyPrefix = "agency:";

    /// <summary>Every cost type, in the order an account lists them.</summary>
    public static readonly IReadOnlyList<string> All = [.. ExpenditureCategories.All, .. AgencyCostCategories.All.Select(kind => AgencyPrefix + kind)];

    /// <summary>How an account names a cost type.</summary>
    /// <param name="code">The cost type's code.</param>
    /// <returns>Its Swedish name, or the code when it has none.</returns>
    public static string SwedishName(string code) =>
        code.StartsWith(AgencyPrefix, StringComparison.Ordinal) ? AgencyCostCategories.SwedishName(code[AgencyPrefix.Length..]) : SwedishNames.ExpenditureCategory(code);
}

/// <summary>What an assignment plans to spend on one cost type.</summary>
/// <param name="Category">One of <see cref="CostTypes.All"/>.</param>
/// <param name="AmountSek">A positive amount in SEK, at most two decimals.</param>
public sealed record BudgetPlanLine(string Category, decimal AmountSek);

/// <summary>The body of <c>PUT /api/budget-plans?assignment=</c>: the whole plan, each cost type at most once.</summary>
/// <param name="Lines">One line per budgeted cost type, at least one; together at most the assignment's budget.</param>
public sealed record BudgetPlanRequest(IReadOnlyList<BudgetPlanLine> Lines);

/// <summary>
/// An assignment's planned budget per cost type (<c>GET /api/budget-plans?assignment=</c>): each save a new version,
/// never changed afterwards; version 0 without lines before the first.
/// </summary>
/// <param name="Assignment">The assignment's registration number.</param>
/// <param name="Version">The version its <c>ETag</c> names.</param>
/// <param name="Lines">The planned amounts, in the order of <see cref="CostTypes.All"/>.</param>
/// <param name="TotalSek">Their sum in SEK.</param>
/// <param name="SavedBy">Who saved this version.</param>
/// <param name="SavedAt">When.</param>
public sealed record BudgetPlan(string Assignment, int Version, IReadOnlyList<BudgetPlanLine> Lines, decimal TotalSek, string? SavedBy, DateTimeOffset? SavedAt)
    : IVersioned;

/// <summary>A cost type's planned budget against its outcome in a financial account.</summary>
/// <param name="Category">The cost type (<see cref="CostTypes.All"/>).</param>
/// <param name="PlannedSek">What the budget plan sets aside for it (0 when it plans nothing).</param>
/// <param name="SpentSek">What was spent on it (as <see cref="FinanceReport.SpentSek"/>).</param>
/// <param name="DifferenceSek">Planned less spent: negative when more was spent than planned.</param>
public sealed record CostTypeOutcome(string Category, decimal PlannedSek, decimal SpentSek, decimal DifferenceSek);
