using Platform.ChallengeTracking.Clustering;
using Platform.ChallengeTracking.Data;
using Platform.ChallengeTracking.Domain;
using Platform.Contracts.Needs;
using Platform.Messaging.Inbox;

namespace Platform.ChallengeTracking.Consumers;

/// <summary>Clusters every submitted need into a challenge of its theme.</summary>
public sealed class NeedSubmittedConsumer(InboxServices inbox, ChallengeStore store, ClusterReviewTrigger review) : InboxConsumer<NeedSubmitted>(inbox)
{
    protected override async Task HandleAsync(InboxContext<NeedSubmitted> context)
    {
        await store.ClusterAsync(context.Transaction, context.Message, context.CancellationToken);
        review.NeedArrived();
    }
}

/// <summary>Follows triage: a rejected need stops counting for its challenge; a corrected theme moves it.</summary>
public sealed class NeedTriagedConsumer(InboxServices inbox, ChallengeStore store) : InboxConsumer<NeedTriaged>(inbox)
{
    protected override Task HandleAsync(InboxContext<NeedTriaged> context) => store.TriageAsync(context.Transaction, context.Message, context.CancellationToken);
}

/// <summary>A withdrawn need stays linked to its challenge but no longer counts for it.</summary>
public sealed class NeedWithdrawnConsumer(InboxServices inbox, ChallengeStore store) : InboxConsumer<NeedWithdrawn>(inbox)
{
    protected override Task HandleAsync(InboxContext<NeedWithdrawn> context) =>
        store.SetNeedStatusAsync(context.Transaction, context.Message.NeedId, NeedStatuses.Withdrawn, context.CancellationToken);
}

/// <summary>Records that a need was resolved.</summary>
public sealed class NeedResolvedConsumer(InboxServices inbox, ChallengeStore store) : InboxConsumer<NeedResolved>(inbox)
{
    protected override Task HandleAsync(InboxContext<NeedResolved> context) =>
        store.SetNeedStatusAsync(context.Transaction, context.Message.NeedId, NeedStatuses.Resolved, context.CancellationToken);
}
