using Platform.ChallengeTracking.Data;
using Platform.Contracts.Needs;
using Platform.Messaging.Inbox;

namespace Platform.ChallengeTracking.Consumers;

/// <summary>Clusters every submitted need into a challenge of its theme.</summary>
public sealed class NeedSubmittedConsumer(InboxServices inbox, ChallengeStore store) : InboxConsumer<NeedSubmitted>(inbox)
{
    protected override Task HandleAsync(InboxContext<NeedSubmitted> context) => store.ClusterAsync(context.Transaction, context.Message, context.CancellationToken);
}
