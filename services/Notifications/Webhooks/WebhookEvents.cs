using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Contracts.Reporting;

namespace Platform.Notifications.Webhooks;

/// <summary>What an event is about: the entity deliveries are ordered by, and the need or challenge whose visibility and counties decide who receives it.</summary>
public sealed record EventSubject(string EntityKey, Guid? NeedId = null, Guid? ChallengeId = null);

/// <summary>
/// The platform's events as webhooks name them, <c>area.name</c> (<c>needs.triaged</c>, <c>efforts.launched</c>), so a
/// subscriber can take one, an area (<c>needs.*</c>) or all (<c>*</c>); and what each is about.
/// </summary>
public static class WebhookEvents
{
    /// <summary>The test delivery of <c>POST /api/webhooks/{id}/ping</c>.</summary>
    public const string Ping = "webhooks.ping";

    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(ActorRegistered)] = "actors.registered",
        [typeof(ActorUpdated)] = "actors.updated",
        [typeof(ActorDeactivated)] = "actors.deactivated",
        [typeof(ActorReactivated)] = "actors.reactivated",
        [typeof(EstablishmentRegistered)] = "establishments.registered",
        [typeof(EstablishmentUpdated)] = "establishments.updated",
        [typeof(ForumCreated)] = "forums.created",
        [typeof(ForumUpdated)] = "forums.updated",
        [typeof(ForumMemberAdded)] = "forums.member-added",
        [typeof(ForumMemberRemoved)] = "forums.member-removed",
        [typeof(ForumMemberRoleChanged)] = "forums.member-role-changed",
        [typeof(MeetingRecorded)] = "meetings.recorded",
        [typeof(MeetingUpdated)] = "meetings.updated",
        [typeof(NeedSubmitted)] = "needs.submitted",
        [typeof(NeedTriaged)] = "needs.triaged",
        [typeof(NeedWithdrawn)] = "needs.withdrawn",
        [typeof(NeedResolved)] = "needs.resolved",
        [typeof(NeedLinkedToChallenge)] = "needs.linked",
        [typeof(ChallengeIdentified)] = "challenges.identified",
        [typeof(ChallengeUpdated)] = "challenges.updated",
        [typeof(ChallengeStatusChanged)] = "challenges.status-changed",
        [typeof(ChallengeAssignmentsChanged)] = "challenges.assignments-changed",
        [typeof(ChallengesMerged)] = "challenges.merged",
        [typeof(EffortLaunched)] = "efforts.launched",
        [typeof(EffortRevised)] = "efforts.revised",
        [typeof(EffortProgressReported)] = "efforts.progress-reported",
        [typeof(EffortCompleted)] = "efforts.completed",
        [typeof(ExpenditureRecorded)] = "efforts.expenditure-recorded",
        [typeof(AssignmentRegistered)] = "assignments.registered",
        [typeof(AssignmentUpdated)] = "assignments.updated",
        [typeof(LessonPublished)] = "lessons.published",
        [typeof(LessonRevised)] = "lessons.revised",
    };

    /// <summary>Every event type a subscription may name, the ping included.</summary>
    public static readonly IReadOnlyCollection<string> Types = [.. Names.Values.Order(StringComparer.Ordinal), Ping];

    /// <summary>The event classes webhooks carry, one consumer each.</summary>
    public static IEnumerable<Type> EventClasses => Names.Keys;

    public static string NameOf(IIntegrationEvent @event) => Names[@event.GetType()];

    /// <summary>The event class of a webhook name (<see cref="NameOf"/>'s inverse).</summary>
    public static Type ClassOf(string name) => Names.Single(pair => pair.Value == name).Key;

    public static EventSubject SubjectOf(IIntegrationEvent @event) => @event switch
    {
        ActorRegistered e => Entity("actor", e.ActorId),
        ActorUpdated e => Entity("actor", e.ActorId),
        ActorDeactivated e => Entity("actor", e.ActorId),
        ActorReactivated e => Entity("actor", e.ActorId),
        EstablishmentRegistered e => Entity("establishment", e.EstablishmentId),
        EstablishmentUpdated e => Entity("establishment", e.EstablishmentId),
        ForumCreated e => Entity("forum", e.ForumId),
        ForumUpdated e => Entity("forum", e.ForumId),
        ForumMemberAdded e => Entity("forum", e.ForumId),
        ForumMemberRemoved e => Entity("forum", e.ForumId),
        ForumMemberRoleChanged e => Entity("forum", e.ForumId),
        MeetingRecorded e => Entity("meeting", e.MeetingId),
        MeetingUpdated e => Entity("meeting", e.MeetingId),
        NeedSubmitted e => Need(e.NeedId),
        NeedTriaged e => Need(e.NeedId),
        NeedWithdrawn e => Need(e.NeedId),
        NeedResolved e => Need(e.NeedId),
        NeedLinkedToChallenge e => Need(e.NeedId),
        ChallengeIdentified e => Challenge(e.ChallengeId),
        ChallengeUpdated e => Challenge(e.ChallengeId),
        ChallengeStatusChanged e => Challenge(e.ChallengeId),
        ChallengeAssignmentsChanged e => Challenge(e.ChallengeId),
        ChallengesMerged e => Challenge(e.TargetChallengeId),
        EffortLaunched e => Entity("effort", e.EffortId),
        EffortRevised e => Entity("effort", e.EffortId),
        EffortProgressReported e => Entity("effort", e.EffortId),
        EffortCompleted e => Entity("effort", e.EffortId),
        ExpenditureRecorded e => Entity("effort", e.EffortId),
        AssignmentRegistered e => new($"assignment:{e.Reference}"),
        AssignmentUpdated e => new($"assignment:{e.Reference}"),
        LessonPublished e => Entity("lesson", e.LessonId),
        LessonRevised e => Entity("lesson", e.LessonId),
        _ => throw new ArgumentException($"Webhooks do not know what {@event.GetType().Name} is about.", nameof(@event)),
    };

    private static EventSubject Entity(string kind, Guid id) => new($"{kind}:{id}");

    private static EventSubject Need(Guid id) => new($"need:{id}", NeedId: id);

    private static EventSubject Challenge(Guid id) => new($"challenge:{id}", ChallengeId: id);
}
