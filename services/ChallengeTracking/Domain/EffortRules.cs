using System.Globalization;
using Platform.Client.Models;
using Platform.ServiceDefaults.Http;

namespace Platform.ChallengeTracking.Domain;

public static class EffortStatuses
{
    public const string Planned = "planned";
    public const string Ongoing = "ongoing";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Planned, Ongoing, Completed, Cancelled];

    /// <summary>The statuses an effort is launched in: it has not ended yet.</summary>
    public static readonly IReadOnlyList<string> AtLaunch = [Planned, Ongoing];

    /// <summary>
    /// Whether an effort may move from <paramref name="from"/> to <paramref name="to"/>: completed and cancelled are
    /// final, a planned or ongoing effort may end either way, and an ongoing one does not go back to planned.
    /// </summary>
    public static bool CanMove(string from, string to) =>
        from == to || (from is Planned or Ongoing && to is not Planned) || (from == Planned && to == Ongoing);

    /// <summary>Money may be recorded on every effort but a cancelled one.</summary>
    public static bool TakesExpenditures(string status) => status != Cancelled;
}

public static class ParticipantRoles
{
    public static readonly IReadOnlyList<string> All = ["funding", "accountable", "implementing", "extending"];
}

/// <summary>The limits of efforts, expenditures and progress reports, and the rules that need the effort as it is.</summary>
public static class EffortRules
{
    public const int MinTitleLength = 3;
    public const int MaxTitleLength = 200;
    public const int MaxChallenges = 50;
    public const int MaxParticipants = 100;
    public const int MaxExpenditureDescriptionLength = 500;
    public const int MaxNoteLength = 2000;
    public const int MaxDescriptionLength = 4000;
    public const int MaxIndicatorNameLength = 200;
    public const int MaxIndicatorUnitLength = 50;

    /// <summary>An expenditure falls within the effort's dates, both included.</summary>
    public static bool IsWithinDates(DateOnly date, DateOnly start, DateOnly end) => date >= start && date <= end;

    public static string OutsideDates(DateOnly start, DateOnly end) =>
        string.Create(CultureInfo.InvariantCulture, $"The date must be within the effort's dates, {start:yyyy-MM-dd} to {end:yyyy-MM-dd}.");

    /// <summary>
    /// Why an effort cannot take new dates, as field and message: every expenditure recorded on it (reversals too) must
    /// stay within them; null when they may.
    /// </summary>
    public static (string Field, string Message)? DatesRefusal(IReadOnlyCollection<DateOnly> expenditureDates, DateOnly start, DateOnly end)
    {
        if (expenditureDates.Count == 0)
        {
            return null;
        }

        var (first, last) = (expenditureDates.Min(), expenditureDates.Max());
        return start > first
            ? ("startDate", string.Create(CultureInfo.InvariantCulture, $"Money is recorded on the effort on {first:yyyy-MM-dd}; it cannot start after that."))
            : end < last
                ? ("endDate", string.Create(CultureInfo.InvariantCulture, $"Money is recorded on the effort on {last:yyyy-MM-dd}; it cannot end before that."))
                : null;
    }

    public static string CannotMove(string from, string to) => $"An effort that is {from} cannot become {to}.";

    public static string Cancelled(Guid id) => $"Effort {id} is cancelled; no expenditures can be recorded on it.";
}

/// <summary>
/// An effort's spending against its budget, exact to the öre: amounts are decimals, never floating point, and
/// expenditures are only ever added, so the sum of those recorded is what was spent. Spending beyond the budget is
/// flagged, not refused.
/// </summary>
public readonly record struct EffortBudget(decimal BudgetSek, decimal SpentSek)
{
    public decimal RemainingSek => BudgetSek - SpentSek;

    public bool OverBudget => SpentSek > BudgetSek;

    public static EffortBudget Of(decimal budgetSek, IEnumerable<decimal> expenditures) => new(budgetSek, expenditures.Sum());
}

/// <summary>
/// How money recorded by mistake is corrected, as an accountant expects: never edited or deleted, but reversed by an
/// entry of the opposite amount, dated as the original so the period it belongs to is corrected, naming the original
/// and why. An expenditure is reversed once; a reversal is not reversed (a new expenditure records the money again).
/// </summary>
public static class ExpenditureReversal
{
    public const int MinReasonLength = 3;
    public const int MaxReasonLength = 500;

    /// <summary>Why the reversal is asked for: <paramref name="target"/> in <paramref name="effort"/>, with the reversal already made of it, if any.</summary>
    public static WriteResult<T>? Refusal<T>(Guid effort, Expenditure? target, Guid expenditureId, Guid? targetEffort, Expenditure? existingReversal)
        where T : class
    {
        if (target is null)
        {
            return targetEffort is { } other && other != effort
                ? WriteResult.UnknownReference<T>("expenditureId", $"Expenditure {expenditureId} belongs to effort {other}, not to effort {effort}.")
                : WriteResult.NotFound<T>();
        }

        if (target.ReversesId is { } reversed)
        {
            return WriteResult.UnknownReference<T>("expenditureId", $"Expenditure {expenditureId} is itself the reversal of {reversed}; record a new expenditure instead.");
        }

        return existingReversal is { } reversal
            ? WriteResult.Conflict<T>("The expenditure is already reversed.", $"Expenditure {expenditureId} was reversed by {reversal.Id} on {reversal.RecordedAt:O}.")
            : null;
    }
}
