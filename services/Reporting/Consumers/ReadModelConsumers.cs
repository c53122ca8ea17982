using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Messaging.Inbox;
using Platform.Reporting.ReadModels;

namespace Platform.Reporting.Consumers;

/// <summary>Logs each consumed event and projects it into the read models, once (inbox), in one transaction.</summary>
public abstract class ReadModelConsumer<TEvent>(InboxServices inbox) : InboxConsumer<TEvent>(inbox)
    where TEvent : class, IIntegrationEvent
{
    protected sealed override Task HandleAsync(InboxContext<TEvent> context) => EventLog.RecordAsync(context.Transaction, context.Message, context.CancellationToken);
}

public sealed class ActorRegisteredProjector(InboxServices inbox) : ReadModelConsumer<ActorRegistered>(inbox);

public sealed class ActorUpdatedProjector(InboxServices inbox) : ReadModelConsumer<ActorUpdated>(inbox);

public sealed class ActorDeactivatedProjector(InboxServices inbox) : ReadModelConsumer<ActorDeactivated>(inbox);

public sealed class ActorReactivatedProjector(InboxServices inbox) : ReadModelConsumer<ActorReactivated>(inbox);

public sealed class EstablishmentRegisteredProjector(InboxServices inbox) : ReadModelConsumer<EstablishmentRegistered>(inbox);

public sealed class EstablishmentUpdatedProjector(InboxServices inbox) : ReadModelConsumer<EstablishmentUpdated>(inbox);

public sealed class ForumCreatedProjector(InboxServices inbox) : ReadModelConsumer<ForumCreated>(inbox);

public sealed class ForumMemberAddedProjector(InboxServices inbox) : ReadModelConsumer<ForumMemberAdded>(inbox);

public sealed class MeetingRecordedProjector(InboxServices inbox) : ReadModelConsumer<MeetingRecorded>(inbox);

public sealed class NeedSubmittedProjector(InboxServices inbox) : ReadModelConsumer<NeedSubmitted>(inbox);

public sealed class NeedTriagedProjector(InboxServices inbox) : ReadModelConsumer<NeedTriaged>(inbox);

public sealed class NeedWithdrawnProjector(InboxServices inbox) : ReadModelConsumer<NeedWithdrawn>(inbox);

public sealed class NeedResolvedProjector(InboxServices inbox) : ReadModelConsumer<NeedResolved>(inbox);

public sealed class NeedLinkedToChallengeProjector(InboxServices inbox) : ReadModelConsumer<NeedLinkedToChallenge>(inbox);

public sealed class ChallengeIdentifiedProjector(InboxServices inbox) : ReadModelConsumer<ChallengeIdentified>(inbox);

public sealed class ChallengeUpdatedProjector(InboxServices inbox) : ReadModelConsumer<ChallengeUpdated>(inbox);

public sealed class ChallengeStatusChangedProjector(InboxServices inbox) : ReadModelConsumer<ChallengeStatusChanged>(inbox);

public sealed class ChallengesMergedProjector(InboxServices inbox) : ReadModelConsumer<ChallengesMerged>(inbox);

public sealed class EffortLaunchedProjector(InboxServices inbox) : ReadModelConsumer<EffortLaunched>(inbox);

public sealed class EffortProgressReportedProjector(InboxServices inbox) : ReadModelConsumer<EffortProgressReported>(inbox);

public sealed class EffortCompletedProjector(InboxServices inbox) : ReadModelConsumer<EffortCompleted>(inbox);

public sealed class ExpenditureRecordedProjector(InboxServices inbox) : ReadModelConsumer<ExpenditureRecorded>(inbox);
