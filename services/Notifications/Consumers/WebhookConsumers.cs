using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Contracts.Reporting;
using Platform.Messaging.Inbox;
using Platform.Notifications.Data;
using Platform.Notifications.Webhooks;

namespace Platform.Notifications.Consumers;

/// <summary>Queues each consumed event for the subscriptions that receive it, once (inbox), and wakes the dispatcher.</summary>
public abstract class WebhookConsumer<TEvent>(InboxServices inbox, WebhookStore store, DeliverySignal signal) : InboxConsumer<TEvent>(inbox)
    where TEvent : class, IIntegrationEvent
{
    protected sealed override async Task HandleAsync(InboxContext<TEvent> context)
    {
        await store.RecordAsync(context.Transaction, context.Message, context.CancellationToken);
        signal.Queued();
    }
}

public sealed class ActorRegisteredConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ActorRegistered>(inbox, store, signal);

public sealed class ActorUpdatedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ActorUpdated>(inbox, store, signal);

public sealed class ActorDeactivatedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ActorDeactivated>(inbox, store, signal);

public sealed class ActorReactivatedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ActorReactivated>(inbox, store, signal);

public sealed class EstablishmentRegisteredConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<EstablishmentRegistered>(inbox, store, signal);

public sealed class EstablishmentUpdatedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<EstablishmentUpdated>(inbox, store, signal);

public sealed class ForumCreatedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ForumCreated>(inbox, store, signal);

public sealed class ForumUpdatedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ForumUpdated>(inbox, store, signal);

public sealed class ForumMemberAddedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ForumMemberAdded>(inbox, store, signal);

public sealed class ForumMemberRemovedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ForumMemberRemoved>(inbox, store, signal);

public sealed class ForumMemberRoleChangedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ForumMemberRoleChanged>(inbox, store, signal);

public sealed class MeetingRecordedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<MeetingRecorded>(inbox, store, signal);

public sealed class MeetingUpdatedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<MeetingUpdated>(inbox, store, signal);

public sealed class NeedSubmittedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<NeedSubmitted>(inbox, store, signal);

public sealed class NeedTriagedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<NeedTriaged>(inbox, store, signal);

public sealed class NeedWithdrawnConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<NeedWithdrawn>(inbox, store, signal);

public sealed class NeedResolvedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<NeedResolved>(inbox, store, signal);

public sealed class NeedLinkedToChallengeConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<NeedLinkedToChallenge>(inbox, store, signal);

public sealed class ChallengeIdentifiedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ChallengeIdentified>(inbox, store, signal);

public sealed class ChallengeUpdatedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ChallengeUpdated>(inbox, store, signal);

public sealed class ChallengeStatusChangedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ChallengeStatusChanged>(inbox, store, signal);

public sealed class ChallengeAssignmentsChangedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ChallengeAssignmentsChanged>(inbox, store, signal);

public sealed class ChallengesMergedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ChallengesMerged>(inbox, store, signal);

public sealed class EffortLaunchedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<EffortLaunched>(inbox, store, signal);

public sealed class EffortRevisedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<EffortRevised>(inbox, store, signal);

public sealed class EffortProgressReportedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<EffortProgressReported>(inbox, store, signal);

public sealed class EffortCompletedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<EffortCompleted>(inbox, store, signal);

public sealed class ExpenditureRecordedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<ExpenditureRecorded>(inbox, store, signal);

public sealed class AssignmentRegisteredConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<AssignmentRegistered>(inbox, store, signal);

public sealed class AssignmentUpdatedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<AssignmentUpdated>(inbox, store, signal);

public sealed class LessonPublishedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<LessonPublished>(inbox, store, signal);

public sealed class LessonRevisedConsumer(InboxServices inbox, WebhookStore store, DeliverySignal signal) : WebhookConsumer<LessonRevised>(inbox, store, signal);
