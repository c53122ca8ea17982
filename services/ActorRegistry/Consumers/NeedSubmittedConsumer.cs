using Platform.ActorRegistry.Data;
using Platform.Contracts.Needs;
using Platform.Messaging.Inbox;

namespace Platform.ActorRegistry.Consumers;

/// <summary>A need submitted in needs-intake: from now on a meeting may link it.</summary>
public sealed class NeedSubmittedConsumer(InboxServices inbox) : InboxConsumer<NeedSubmitted>(inbox)
{
    protected override Task HandleAsync(InboxContext<NeedSubmitted> context) =>
        KnownReferences.RecordNeedAsync(context.Transaction, context.Message.NeedId, context.Message.OccurredAt, context.CancellationToken);
}
