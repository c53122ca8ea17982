using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Contracts.Reporting;
using Platform.Messaging.Inbox;
using Platform.Reporting.ReadModels;

namespace Platform.Reporting.Consumers;

/// <summary>Logs each consumed event and projects it into the read models, once (inbox), in one transaction.</summary>
public abstract class ReadModelConsumer<TEvent>(InboxServices inbox) : InboxConsumer<TEvent>(inbox)
    where TEvent : class, IIntegrationEvent
{
    protected sealed override Task HandleAsync(InboxContext<TEvent> context) => EventLog.RecordAsync(context.Transaction, context.Message, context.CancellationToken);
}

public sealed class ActorRegisteredConsumer(InboxServices inbox) : ReadModelConsumer<ActorRegistered>(inbox);

public sealed class ActorUpdatedConsumer(InboxServices inbox) : ReadModelConsumer<ActorUpdated>(inbox);

public sealed class ActorDeactivatedConsumer(InboxServices inbox) : ReadModelConsumer<ActorDeactivated>(inbox);

public sealed class ActorReactivatedConsumer(InboxServices inbox) : ReadModelConsumer<ActorReactivated>(inbox);

public sealed class EstablishmentRegisteredConsumer(InboxServices inbox) : ReadModelConsumer<EstablishmentRegistered>(inbox);

public sealed class EstablishmentUpdatedConsumer(InboxServices inbox) : ReadModelConsumer<EstablishmentUpdated>(inbox);

public sealed class ForumCreatedConsumer(InboxServices inbox) : ReadModelConsumer<ForumCreated>(inbox);

public sealed class ForumMemberAddedConsumer(InboxServices inbox) : ReadModelConsumer<ForumMemberAdded>(inbox);

public sealed class ForumUpdatedConsumer(InboxServices inbox) : ReadModelConsumer<ForumUpdated>(inbox);

public sealed class ForumMemberRemovedConsumer(InboxServices inbox) : ReadModelConsumer<ForumMemberRemoved>(inbox);

public sealed class ForumMemberRoleChangedConsumer(InboxServices inbox) : ReadModelConsumer<ForumMemberRoleChanged>(inbox);

public sealed class MeetingRecordedConsumer(InboxServices inbox) : ReadModelConsumer<MeetingRecorded>(inbox);

public sealed class MeetingUpdatedConsumer(InboxServices inbox) : ReadModelConsumer<MeetingUpdated>(inbox);

public sealed class NeedSubmittedConsumer(InboxServices inbox) : ReadModelConsumer<NeedSubmitted>(inbox);

public sealed class NeedTriagedConsumer(InboxServices inbox) : ReadModelConsumer<NeedTriaged>(inbox);

public sealed class NeedWithdrawnConsumer(InboxServices inbox) : ReadModelConsumer<NeedWithdrawn>(inbox);

public sealed class NeedResolvedConsumer(InboxServices inbox) : ReadModelConsumer<NeedResolved>(inbox);

public sealed class NeedLinkedToChallengeConsumer(InboxServices inbox) : ReadModelConsumer<NeedLinkedToChallenge>(inbox);

public sealed class ChallengeIdentifiedConsumer(InboxServices inbox) : ReadModelConsumer<ChallengeIdentified>(inbox);

public sealed class ChallengeUpdatedConsumer(InboxServices inbox) : ReadModelConsumer<ChallengeUpdated>(inbox);

public sealed class ChallengeStatusChangedConsumer(InboxServices inbox) : ReadModelConsumer<ChallengeStatusChanged>(inbox);

public sealed class ChallengeAssignmentsChangedConsumer(InboxServices inbox) : ReadModelConsumer<ChallengeAssignmentsChanged>(inbox);

public sealed class ChallengesMergedConsumer(InboxServices inbox) : ReadModelConsumer<ChallengesMerged>(inbox);

public sealed class EffortLaunchedConsumer(InboxServices inbox) : ReadModelConsumer<EffortLaunched>(inbox);

public sealed class EffortRevisedConsumer(InboxServices inbox) : ReadModelConsumer<EffortRevised>(inbox);

public sealed class EffortProgressReportedConsumer(InboxServices inbox) : ReadModelConsumer<EffortProgressReported>(inbox);

public sealed class EffortCompletedConsumer(InboxServices inbox) : ReadModelConsumer<EffortCompleted>(inbox);

public sealed class ExpenditureRecordedConsumer(InboxServices inbox) : ReadModelConsumer<ExpenditureRecorded>(inbox);

public sealed class AssignmentRegisteredConsumer(InboxServices inbox) : ReadModelConsumer<AssignmentRegistered>(inbox);

public sealed class AssignmentUpdatedConsumer(InboxServices inbox) : ReadModelConsumer<AssignmentUpdated>(inbox);

public sealed class LessonPublishedConsumer(InboxServices inbox) : ReadModelConsumer<LessonPublished>(inbox);

public sealed class LessonRevisedConsumer(InboxServices inbox) : ReadModelConsumer<LessonRevised>(inbox);
