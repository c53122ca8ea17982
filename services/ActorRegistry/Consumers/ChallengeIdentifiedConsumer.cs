using Platform.ActorRegistry.Data;
using Platform.Contracts.Challenges;
using Platform.Messaging.Inbox;

namespace Platform.ActorRegistry.Consumers;

/// <summary>A challenge identified in challenge-tracking: from now on a meeting may link it.</summary>
public sealed class ChallengeIdentifiedConsumer(InboxServices inbox) : InboxConsumer<ChallengeIdentified>(inbox)
{
    protected override Task HandleAsync(InboxContext<ChallengeIdentified> context) =>
        KnownReferences.RecordChallengeAsync(context.Transaction, context.Message.ChallengeId, context.Message.OccurredAt, context.CancellationToken);
}
