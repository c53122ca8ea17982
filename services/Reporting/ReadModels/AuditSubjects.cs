using Npgsql;
using NpgsqlTypes;
using Platform.Client.Models;
using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Contracts.Reporting;
using Platform.Messaging.Data;

namespace Platform.Reporting.ReadModels;

/// <summary>
/// A record an event changed, for the audit trail: its kind and id, the actor owning it when the event names one, and
/// whether the event states the record's fields (<paramref name="State"/>: the trail shows each field before and after)
/// or adds an entry to it (an expenditure, a member: the trail shows what was added).
/// </summary>
public sealed record AuditSubject(string Entity, string Id, Guid? Owner, bool State)
{
    /// <summary>The event's field naming the record, left out of the fields it changed.</summary>
    public string IdField => Entity == AuditEntities.Assignment ? "reference" : $"{Entity}Id";
}

/// <summary>Which records each event changed; every event the log keeps changes at least one.</summary>
public static class AuditSubjects
{
    public static IReadOnlyList<AuditSubject> Of(IIntegrationEvent @event) => @event switch
    {
        ActorRegistered e => [Actor(e.ActorId)],
        ActorUpdated e => [Actor(e.ActorId)],
        ActorDeactivated e => [Actor(e.ActorId)],
        ActorReactivated e => [Actor(e.ActorId)],
        EstablishmentRegistered e => [new(AuditEntities.Establishment, Id(e.EstablishmentId), e.CompanyActorId, State: true)],
        EstablishmentUpdated e => [new(AuditEntities.Establishment, Id(e.EstablishmentId), e.CompanyActorId, State: true)],
        ForumCreated e => [State(AuditEntities.Forum, e.ForumId)],
        ForumUpdated e => [State(AuditEntities.Forum, e.ForumId)],
        ForumMemberAdded e => [Entry(AuditEntities.Forum, e.ForumId)],
        ForumMemberRemoved e => [Entry(AuditEntities.Forum, e.ForumId)],
        ForumMemberRoleChanged e => [Entry(AuditEntities.Forum, e.ForumId)],
        MeetingRecorded e => [State(AuditEntities.Meeting, e.MeetingId)],
        MeetingUpdated e => [State(AuditEntities.Meeting, e.MeetingId)],
        NeedSubmitted e => [new(AuditEntities.Need, Id(e.NeedId), e.SubmittedByActorId, State: true)],
        NeedTriaged e => [State(AuditEntities.Need, e.NeedId)],
        NeedWithdrawn e => [State(AuditEntities.Need, e.NeedId)],
        NeedResolved e => [State(AuditEntities.Need, e.NeedId)],
        NeedLinkedToChallenge e => [State(AuditEntities.Need, e.NeedId), Entry(AuditEntities.Challenge, e.ChallengeId)],
        ChallengeIdentified e => [State(AuditEntities.Challenge, e.ChallengeId)],
        ChallengeUpdated e => [State(AuditEntities.Challenge, e.ChallengeId)],
        ChallengeStatusChanged e => [State(AuditEntities.Challenge, e.ChallengeId)],
        ChallengeAssignmentsChanged e => [State(AuditEntities.Challenge, e.ChallengeId)],
        ChallengesMerged e => [Entry(AuditEntities.Challenge, e.TargetChallengeId), Entry(AuditEntities.Challenge, e.MergedChallengeId)],
        EffortLaunched e => [State(AuditEntities.Effort, e.EffortId)],
        EffortRevised e => [State(AuditEntities.Effort, e.EffortId)],
        EffortProgressReported e => [State(AuditEntities.Effort, e.EffortId)],
        EffortCompleted e => [State(AuditEntities.Effort, e.EffortId)],
        ExpenditureRecorded e => [Entry(AuditEntities.Effort, e.EffortId)],
        AssignmentRegistered e => [new(AuditEntities.Assignment, e.Reference, null, State: true)],
        AssignmentUpdated e => [new(AuditEntities.Assignment, e.Reference, null, State: true)],
        LessonPublished e => [State(AuditEntities.Lesson, e.LessonId)],
        LessonRevised e => [State(AuditEntities.Lesson, e.LessonId)],
        _ => throw new ArgumentException($"The audit trail does not know what {@event.GetType().Name} changes.", nameof(@event)),
    };

    /// <summary>The rows of <see cref="Of"/> for the logged event, as commands of the batch that logs it.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Commands(IIntegrationEvent @event) =>
        Of(@event).Select(subject => new NpgsqlBatchCommand("""
            INSERT INTO event_subjects (seq, entity, entity_id, owner_actor_id, changed_by_actor_id, state, occurred_at)
            SELECT seq, @entity, @entity_id, @owner, @changed_by_actor_id, @state, occurred_at FROM event_log WHERE event_id = @event_id
            ON CONFLICT DO NOTHING
            """)
        {
            Parameters =
            {
                new("event_id", @event.EventId), new("entity", subject.Entity), new("entity_id", subject.Id), Sql.Nullable("owner", subject.Owner, NpgsqlDbType.Uuid),
                Sql.Nullable("changed_by_actor_id", (@event as IntegrationEvent)?.ChangedByActorId, NpgsqlDbType.Uuid), new("state", subject.State),
            },
        });

    private static AuditSubject Actor(Guid id) => new(AuditEntities.Actor, Id(id), id, State: true);

    private static AuditSubject State(string entity, Guid id) => new(entity, Id(id), null, State: true);

    private static AuditSubject Entry(string entity, Guid id) => new(entity, Id(id), null, State: false);

    private static string Id(Guid id) => id.ToString("D");
}
