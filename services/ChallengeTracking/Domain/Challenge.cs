namespace Platform.ChallengeTracking.Domain;

public static class ChallengeStatuses
{
    public const string Identified = "identified";
    public const string Analysed = "analysed";
    public const string Addressed = "addressed";
    public const string Resolved = "resolved";
    public const string Archived = "archived";

    public static readonly IReadOnlyList<string> All = [Identified, Analysed, Addressed, Resolved, Archived];

    /// <summary>Challenges new needs can still be clustered into.</summary>
    public static readonly IReadOnlyList<string> Open = [Identified, Analysed, Addressed];
}

/// <summary>Need statuses as needs-intake publishes them.</summary>
public static class NeedStatuses
{
    public const string Submitted = "submitted";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";
    public const string Resolved = "resolved";

    /// <summary>Needs that stay linked but no longer count for a challenge's counties, establishments or clustering.</summary>
    public static readonly IReadOnlyList<string> NotCounted = [Rejected, Withdrawn];
}

public static class EffortStatuses
{
    public const string Planned = "planned";
    public const string Ongoing = "ongoing";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Planned, Ongoing, Completed, Cancelled];

    /// <summary>Whether an effort may move from <paramref name="from"/> to <paramref name="to"/>: completed and cancelled are final.</summary>
    public static bool CanMove(string from, string to) =>
        from == to || (from is Planned or Ongoing && to is not Planned) || (from == Planned && to == Ongoing);
}

public static class ParticipantRoles
{
    public static readonly IReadOnlyList<string> All = ["funding", "accountable", "implementing", "extending"];
}

public static class ExpenditureCategories
{
    public static readonly IReadOnlyList<string> All = ["personnel", "consultancy", "events", "travel", "other"];
}
