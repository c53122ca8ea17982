using Platform.ChallengeTracking.Data;
using Platform.ChallengeTracking.Domain;
using Platform.Contracts.Needs;
using Platform.Messaging.Inbox;

namespace Platform.ChallengeTracking.Consumers;

/// <summary>Records that a need was resolved.</summary>
public sealed class NeedResolvedConsumer(InboxServices inbox, ChallengeStore store) : InboxConsumer<NeedResolved>(inbox)
{
    protected override Task HandleAsync(InboxContext<NeedResolved> context) =>
        store.SetNeedStatusAsync(context.Transaction, context.Message.NeedId, NeedStatuses.Resolved, context.CancellationToken);
}
