using Platform.ActorRegistry.Data;
using Platform.Contracts.Reporting;
using Platform.Messaging.Inbox;

namespace Platform.ActorRegistry.Consumers;

/// <summary>An assignment registered in reporting: from now on a forum or a meeting may name it.</summary>
public sealed class AssignmentRegisteredConsumer(InboxServices inbox) : InboxConsumer<AssignmentRegistered>(inbox)
{
    protected override Task HandleAsync(InboxContext<AssignmentRegistered> context) =>
        KnownReferences.RecordAssignmentAsync(context.Transaction, context.Message.Reference, context.Message.OccurredAt, context.CancellationToken);
}
