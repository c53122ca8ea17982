using Platform.ChallengeTracking.Data;
using Platform.ChallengeTracking.Domain;
using Platform.Contracts.Needs;
using Platform.Messaging.Inbox;

namespace Platform.ChallengeTracking.Consumers;

/// <summary>A withdrawn need stays linked to its challenge but no longer counts for it.</summary>
public sealed class NeedWithdrawnConsumer(InboxServices inbox, ChallengeStore store) : InboxConsumer<NeedWithdrawn>(inbox)
{
    protected override Task HandleAsync(InboxContext<NeedWithdrawn> context) =>
        store.SetNeedStatusAsync(context.Transaction, context.Message.NeedId, NeedStatuses.Withdrawn, context.CancellationToken);
}
