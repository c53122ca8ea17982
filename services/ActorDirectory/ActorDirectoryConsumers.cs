using Platform.Contracts.Actors;
using Platform.Messaging.Inbox;

namespace Platform.ActorDirectory;

public sealed class ActorRegisteredConsumer(InboxServices inbox) : InboxConsumer<ActorRegistered>(inbox)
{
    protected override Task HandleAsync(InboxContext<ActorRegistered> context) => ActorDirectory.ApplyAsync(context.Transaction, context.Message, context.CancellationToken);
}

public sealed class ActorUpdatedConsumer(InboxServices inbox) : InboxConsumer<ActorUpdated>(inbox)
{
    protected override Task HandleAsync(InboxContext<ActorUpdated> context) => ActorDirectory.ApplyAsync(context.Transaction, context.Message, context.CancellationToken);
}

public sealed class ActorDeactivatedConsumer(InboxServices inbox) : InboxConsumer<ActorDeactivated>(inbox)
{
    protected override Task HandleAsync(InboxContext<ActorDeactivated> context) => ActorDirectory.ApplyAsync(context.Transaction, context.Message, context.CancellationToken);
}

public sealed class ActorReactivatedConsumer(InboxServices inbox) : InboxConsumer<ActorReactivated>(inbox)
{
    protected override Task HandleAsync(InboxContext<ActorReactivated> context) => ActorDirectory.ApplyAsync(context.Transaction, context.Message, context.CancellationToken);
}
