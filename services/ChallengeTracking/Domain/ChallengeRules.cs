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

    /// <summary>
    /// Whether moving a challenge from <paramref name="from"/> to <paramref name="to"/> changes it: a challenge that is
    /// not closed (<see cref="ChallengeRules.IsClosed"/>) may take any status, archived included, and asking for the
    /// status it has is answered with the challenge as it is.
    /// </summary>
    public static bool Changes(string from, string to) => from != to;
}

/// <summary>
/// What coordinators may do to a challenge. An archived challenge, archived by hand or merged into another, is
/// closed: it takes no relinked needs, no merges (either way) and no status changes.
/// </summary>
public static class ChallengeRules
{
    public const int MinTitleLength = 5;
    public const int MaxTitleLength = 200;
    public const int MinDescriptionLength = 20;
    public const int MaxDescriptionLength = 4000;
    public const int MaxNoteLength = 2000;

    public const string ClosedTitle = "The challenge is closed.";

    public const string MergeIntoItself = "A challenge cannot be merged into itself.";

    public static bool IsClosed(string status, Guid? mergedInto) => status == ChallengeStatuses.Archived || mergedInto is not null;

    /// <summary>Why a closed challenge takes no change, e.g. "Challenge 0190… is archived, merged into 0191…."</summary>
    public static string ClosedDetail(Guid id, Guid? mergedInto) =>
        $"Challenge {id} is archived{(mergedInto is { } into ? $", merged into {into}" : string.Empty)}.";

    /// <summary>A challenge merges others, never itself.</summary>
    public static bool CanMerge(Guid targetId, Guid mergedId) => targetId != mergedId;

    /// <summary>A relink writes only when the need is in another challenge (or none); into its own challenge it changes nothing.</summary>
    public static bool RelinkMoves(Guid? currentChallengeId, Guid targetId) => currentChallengeId != targetId;
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

/// <summary>Where a suggestion of the clustering review stands.</summary>
public static class SuggestionStatuses
{
    public const string Open = "open";
    public const string Accepted = "accepted";
    public const string Dismissed = "dismissed";

    /// <summary>The review no longer made it: its challenges changed before anyone decided.</summary>
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Open, Accepted, Dismissed, Withdrawn];
}
