namespace Platform.Client.Models;

/// <summary>An actor taking part in an effort, in requests and in answers.</summary>
/// <param name="ActorId">The participating actor.</param>
/// <param name="Role">One of <c>funding</c>, <c>accountable</c>, <c>implementing</c>, <c>extending</c>.</param>
public sealed record Participant(Guid ActorId, string Role);

/// <summary>An indicator of an effort's progress, in requests and in answers.</summary>
/// <param name="Name">The indicator's name, 1 to 200 characters, unique within a report.</param>
/// <param name="Unit">Its unit, 1 to 50 characters.</param>
/// <param name="Baseline">Its value when the effort started.</param>
/// <param name="Target">The value the effort aims for.</param>
/// <param name="Actual">Its value now, if measured.</param>
public sealed record Indicator(string Name, string Unit, decimal Baseline, decimal Target, decimal? Actual = null);

/// <summary>The body of <c>POST /api/efforts</c>.</summary>
/// <param name="Title">The effort's title, 3 to 200 characters.</param>
/// <param name="ChallengeIds">The one to 50 challenges it addresses.</param>
/// <param name="LeadActorId">The leading actor.</param>
/// <param name="StartDate">Its start, <c>YYYY-MM-DD</c>.</param>
/// <param name="EndDate">Its end, <c>YYYY-MM-DD</c>, not before the start.</param>
/// <param name="BudgetSek">Its budget in SEK, zero or more, at most two decimals.</param>
/// <param name="Participants">At most 100 participating actors.</param>
/// <param name="Status"><c>planned</c> (the default) or <c>ongoing</c>.</param>
/// <param name="FundingAssignment">The government assignment funding it, e.g. <c>KN2023/03505</c>.</param>
public sealed record EffortRequest(
    string Title,
    IReadOnlyList<Guid> ChallengeIds,
    Guid LeadActorId,
    string StartDate,
    string EndDate,
    decimal BudgetSek,
    IReadOnlyList<Participant>? Participants = null,
    string? Status = null,
    string? FundingAssignment = null);

/// <summary>The body of <c>PUT /api/efforts/{id}</c> (with <c>If-Match</c>): the effort as it is to be from now on.</summary>
/// <param name="Title">The effort's title, 3 to 200 characters.</param>
/// <param name="LeadActorId">The leading actor, known and active.</param>
/// <param name="StartDate">Its start, <c>YYYY-MM-DD</c>, not after its first expenditure.</param>
/// <param name="EndDate">Its end, <c>YYYY-MM-DD</c>, not before the start nor its last expenditure.</param>
/// <param name="BudgetSek">Its budget in SEK, zero or more, at most two decimals; a change is kept as a new entry.</param>
/// <param name="Description">What it does and for whom, at most 4000 characters; left out or empty, it has none.</param>
/// <param name="Participants">All its participants with their roles (at most 100); left out, they stay as they are.</param>
/// <param name="Indicators">All its indicators; left out, they stay as they are; one not listed is removed.</param>
public sealed record EffortEditRequest(
    string Title,
    Guid LeadActorId,
    string StartDate,
    string EndDate,
    decimal BudgetSek,
    string? Description = null,
    IReadOnlyList<Participant>? Participants = null,
    IReadOnlyList<Indicator>? Indicators = null);

/// <summary>The body of <c>POST /api/efforts/{id}/expenditures</c>.</summary>
/// <param name="Date">When the money was spent, <c>YYYY-MM-DD</c>, within the effort's dates.</param>
/// <param name="AmountSek">A positive amount in SEK, at most two decimals.</param>
/// <param name="Category">One of <see cref="ExpenditureCategories.All"/>: <c>personnel</c>, <c>consultancy</c>, <c>events</c>, <c>travel</c>, <c>transfer</c> (money passed on to another actor), <c>other</c>.</param>
/// <param name="Description">What it was spent on, at most 500 characters.</param>
public sealed record ExpenditureRequest(string Date, decimal AmountSek, string Category, string? Description = null);

/// <summary>The categories of an expenditure: what the money went to.</summary>
public static class ExpenditureCategories
{
    /// <summary>Money passed on to another actor (a region, a municipality, a project owner): its own line in a financial account.</summary>
    public const string Transfer = "transfer";

    /// <summary>Every category, in the order forms offer them.</summary>
    public static readonly IReadOnlyList<string> All = ["personnel", "consultancy", "events", "travel", Transfer, "other"];
}

/// <summary>The body of <c>POST /api/efforts/{id}/progress</c>.</summary>
/// <param name="ProgressPercent">How far the effort has come, 0 to 100.</param>
/// <param name="Status">A new status: <c>planned</c>, <c>ongoing</c>, <c>completed</c> or <c>cancelled</c> (the last two are final).</param>
/// <param name="Note">A note, at most 2000 characters.</param>
/// <param name="Indicators">The effort's indicators as of this report.</param>
public sealed record ProgressRequest(int ProgressPercent, string? Status = null, string? Note = null, IReadOnlyList<Indicator>? Indicators = null);

/// <summary>Money spent on an effort.</summary>
/// <param name="Id">The expenditure's id.</param>
/// <param name="EffortId">The effort.</param>
/// <param name="Date">When it was spent.</param>
/// <param name="AmountSek">The amount in SEK.</param>
/// <param name="Category">Its category.</param>
/// <param name="Description">What it was spent on.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="ReversesId">For a reversing entry (negative amount): the expenditure it reverses.</param>
/// <param name="Reason">For a reversing entry: why the original was reversed.</param>
public sealed record Expenditure(
    Guid Id,
    Guid EffortId,
    DateOnly Date,
    decimal AmountSek,
    string Category,
    string? Description,
    DateTimeOffset RecordedAt,
    Guid? ReversesId = null,
    string? Reason = null);

/// <summary>The body of <c>POST /api/efforts/{id}/expenditures/{expenditureId}/reversal</c>.</summary>
/// <param name="Reason">Why the expenditure is reversed, 3 to 500 characters, e.g. "Registrerad två gånger".</param>
public sealed record ReversalRequest(string Reason);

/// <summary>An effort (insats) addressing challenges.</summary>
/// <param name="Id">The effort's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="ChallengeIds">The challenges it addresses.</param>
/// <param name="LeadActorId">The leading actor.</param>
/// <param name="Participants">The participating actors.</param>
/// <param name="Status">One of <c>planned</c>, <c>ongoing</c>, <c>completed</c>, <c>cancelled</c>.</param>
/// <param name="StartDate">Its start.</param>
/// <param name="EndDate">Its end.</param>
/// <param name="BudgetSek">Its budget in SEK.</param>
/// <param name="FundingAssignment">The government assignment funding it, if any.</param>
/// <param name="ProgressPercent">How far it has come, 0 to 100.</param>
/// <param name="ProgressNote">The note of the latest progress report.</param>
/// <param name="Indicators">Its indicators.</param>
/// <param name="Expenditures">The money spent on it.</param>
/// <param name="SpentSek">The sum of its expenditures.</param>
/// <param name="RemainingSek">Its budget less what was spent (negative when over budget).</param>
/// <param name="OverBudget">True when more was spent than budgeted.</param>
/// <param name="Version">The version its <c>ETag</c> names.</param>
/// <param name="CreatedAt">When it was launched.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Description">What it does and for whom, if described.</param>
public sealed record Effort(
    Guid Id,
    string Title,
    IReadOnlyList<Guid> ChallengeIds,
    Guid LeadActorId,
    IReadOnlyList<Participant> Participants,
    string Status,
    DateOnly StartDate,
    DateOnly EndDate,
    decimal BudgetSek,
    string? FundingAssignment,
    int ProgressPercent,
    string? ProgressNote,
    IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<Expenditure> Expenditures,
    decimal SpentSek,
    decimal RemainingSek,
    bool OverBudget,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Description = null) : IVersioned;
