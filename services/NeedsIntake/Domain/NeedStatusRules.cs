using Platform.ServiceDefaults.Http;

namespace Platform.NeedsIntake.Domain;

/// <summary>Who asks to change a need: a coordinator, or a user of an actor (with the actor's id).</summary>
public sealed record Requester(bool IsCoordinator, Guid? ActorId);

/// <summary>A need as its status rules see it.</summary>
public sealed record NeedState(Guid Id, string Status, Guid SubmittedByActorId, string SubmitterKind, Guid? ChallengeId, int Version);

/// <summary>
/// What a status rule decides about a change of a need: <see cref="To"/> is the status the need moves to when the change
/// goes ahead. Otherwise nothing is written and <see cref="Outcome"/> is the answer: the refusal, with the texts that
/// explain it, or <see cref="WriteStatus.Updated"/> when the need is where the change would take it already.
/// </summary>
public sealed record StatusDecision(WriteStatus Outcome, string? To = null)
{
    public string? Title { get; init; }

    public string? Detail { get; init; }

    public IDictionary<string, object?>? Extensions { get; init; }

    public static StatusDecision MoveTo(string status) => new(WriteStatus.Updated, status);

    /// <summary>Nothing to do: the need is answered as it is.</summary>
    public static readonly StatusDecision AlreadyDone = new(WriteStatus.Updated);

    /// <summary>A need the requester may not see is as absent as a missing one.</summary>
    public static readonly StatusDecision NotFound = new(WriteStatus.NotFound);

    public static readonly StatusDecision Stale = new(WriteStatus.Stale);

    public static StatusDecision Forbidden(string detail) => new(WriteStatus.Forbidden) { Detail = detail };

    public static StatusDecision WrongStatus(NeedState need) => new(WriteStatus.Conflict)
    {
        Title = "The need's status does not allow this.",
        Detail = $"Need {need.Id} is {need.Status}.",
        Extensions = new Dictionary<string, object?> { ["status"] = need.Status },
    };
}

/// <summary>
/// Which status changes of a need are allowed, to whom, from which status. Coordinators triage; the submitting actor
/// withdraws; challenge tracking links needs to challenges and resolves them with their challenge. The stores ask
/// these rules and write what they decide.
/// </summary>
public static class NeedStatusRules
{
    public const string OnlySubmitterWithdraws = "Only the submitting actor withdraws a need.";

    /// <summary>
    /// A coordinator accepts or rejects a need of any status but resolved and withdrawn (a rejected need can still be
    /// accepted, an accepted one rejected); accepted, a need already linked to a challenge is <c>linked</c>.
    /// <paramref name="expectedVersion"/> is the version the triage is based on (null: any).
    /// </summary>
    public static StatusDecision Triage(NeedState? need, Requester by, int? expectedVersion, string decision)
    {
        if (!by.IsCoordinator)
        {
            return StatusDecision.Forbidden("Only coordinators triage needs.");
        }

        if (need is null)
        {
            return StatusDecision.NotFound;
        }

        if (expectedVersion is { } expected && need.Version != expected)
        {
            return StatusDecision.Stale;
        }

        if (need.Status is NeedStatuses.Resolved or NeedStatuses.Withdrawn)
        {
            return StatusDecision.WrongStatus(need);
        }

        return StatusDecision.MoveTo(decision == TriageDecisions.Reject ? NeedStatuses.Rejected
            : need.ChallengeId is null ? NeedStatuses.Accepted : NeedStatuses.Linked);
    }

    /// <summary>
    /// The submitting actor withdraws its open need; withdrawing it again changes nothing. Another actor is refused,
    /// and does not learn that a confidential need exists. <paramref name="expectedVersion"/> is the version the
    /// withdrawal is based on (null: any).
    /// </summary>
    public static StatusDecision Withdraw(NeedState? need, Requester by, int? expectedVersion)
    {
        if (by.ActorId is not { } actorId)
        {
            return StatusDecision.Forbidden(OnlySubmitterWithdraws);
        }

        if (need is null || (need.SubmittedByActorId != actorId && NeedRules.IsConfidential(need.SubmitterKind)))
        {
            return StatusDecision.NotFound;
        }

        if (need.SubmittedByActorId != actorId)
        {
            return StatusDecision.Forbidden(OnlySubmitterWithdraws);
        }

        if (expectedVersion is { } expected && need.Version != expected)
        {
            return StatusDecision.Stale;
        }

        if (need.Status == NeedStatuses.Withdrawn)
        {
            return StatusDecision.AlreadyDone;
        }

        return NeedStatuses.Open.Contains(need.Status) ? StatusDecision.MoveTo(NeedStatuses.Withdrawn) : StatusDecision.WrongStatus(need);
    }

    /// <summary>
    /// The status a need has once challenge tracking links it to a challenge at <paramref name="linkedAt"/>: a submitted
    /// or accepted need becomes <c>linked</c>, any other keeps its status (the link is recorded all the same). Null when
    /// the need's last link, at <paramref name="lastLinkedAt"/>, was made later: links apply in the order they were made,
    /// so a late, older link does not undo a newer relink.
    /// </summary>
    public static string? Link(string status, DateTimeOffset? lastLinkedAt, DateTimeOffset linkedAt) =>
        lastLinkedAt > linkedAt ? null
        : status is NeedStatuses.Submitted or NeedStatuses.Accepted ? NeedStatuses.Linked
        : status;

    /// <summary>The statuses a need leaves for <c>resolved</c> when its challenge is resolved: the open ones.</summary>
    public static IReadOnlyList<string> ResolvedFrom => NeedStatuses.Open;
}
