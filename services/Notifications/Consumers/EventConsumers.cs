using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Contracts.Reporting;
using Platform.Messaging.Inbox;
using Platform.Notifications.Data;
using Platform.Notifications.Webhooks;

namespace Platform.Notifications.Consumers;

/// <summary>Records each consumed event once (inbox): webhook deliveries and feed entries; wakes the dispatcher when deliveries were queued.</summary>
public abstract class EventConsumer<TEvent>(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : InboxConsumer<TEvent>(inbox)
    where TEvent : class, IIntegrationEvent
{
    private bool _queued;

    protected sealed override async Task HandleAsync(InboxContext<TEvent> context) =>
        _queued = await recorder.RecordAsync(context.Transaction, context.Message, context.CancellationToken);

    // Once committed, so the dispatcher finds the deliveries; and only when there are some: most events go to no
    // subscription, and waking the dispatcher for them would cost it a look at the queue each.
    protected sealed override void Committed()
    {
        if (_queued)
        {
            signal.Queued();
        }
    }
}

public sealed class ActorRegisteredConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ActorRegistered>(inbox, recorder, signal);

public sealed class ActorUpdatedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ActorUpdated>(inbox, recorder, signal);

public sealed class ActorDeactivatedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ActorDeactivated>(inbox, recorder, signal);

public sealed class ActorReactivatedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ActorReactivated>(inbox, recorder, signal);

public sealed class EstablishmentRegisteredConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<EstablishmentRegistered>(inbox, recorder, signal);

public sealed class EstablishmentUpdatedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<EstablishmentUpdated>(inbox, recorder, signal);

public sealed class ForumCreatedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ForumCreated>(inbox, recorder, signal);

public sealed class ForumUpdatedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ForumUpdated>(inbox, recorder, signal);

public sealed class ForumMemberAddedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ForumMemberAdded>(inbox, recorder, signal);

public sealed class ForumMemberRemovedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ForumMemberRemoved>(inbox, recorder, signal);

public sealed class ForumMemberRoleChangedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ForumMemberRoleChanged>(inbox, recorder, signal);

public sealed class MeetingRecordedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<MeetingRecorded>(inbox, recorder, signal);

public sealed class MeetingUpdatedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<MeetingUpdated>(inbox, recorder, signal);

public sealed class NeedSubmittedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<NeedSubmitted>(inbox, recorder, signal);

public sealed class NeedTriagedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<NeedTriaged>(inbox, recorder, signal);

public sealed class NeedWithdrawnConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<NeedWithdrawn>(inbox, recorder, signal);

public sealed class NeedResolvedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<NeedResolved>(inbox, recorder, signal);

public sealed class NeedLinkedToChallengeConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<NeedLinkedToChallenge>(inbox, recorder, signal);

public sealed class ChallengeIdentifiedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ChallengeIdentified>(inbox, recorder, signal);

public sealed class ChallengeUpdatedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ChallengeUpdated>(inbox, recorder, signal);

public sealed class ChallengeStatusChangedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ChallengeStatusChanged>(inbox, recorder, signal);

public sealed class ChallengeAssignmentsChangedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ChallengeAssignmentsChanged>(inbox, recorder, signal);

public sealed class ChallengesMergedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ChallengesMerged>(inbox, recorder, signal);

public sealed class EffortLaunchedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<EffortLaunched>(inbox, recorder, signal);

public sealed class EffortRevisedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<EffortRevised>(inbox, recorder, signal);

public sealed class EffortProgressReportedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<EffortProgressReported>(inbox, recorder, signal);

public sealed class EffortCompletedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<EffortCompleted>(inbox, recorder, signal);

public sealed class ExpenditureRecordedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<ExpenditureRecorded>(inbox, recorder, signal);

public sealed class AssignmentRegisteredConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<AssignmentRegistered>(inbox, recorder, signal);

public sealed class AssignmentUpdatedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<AssignmentUpdated>(inbox, recorder, signal);

public sealed class LessonPublishedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<LessonPublished>(inbox, recorder, signal);

public sealed class LessonRevisedConsumer(InboxServices inbox, EventRecorder recorder, DeliverySignal signal) : EventConsumer<LessonRevised>(inbox, recorder, signal);
