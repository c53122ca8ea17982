using Platform.Contracts.Actors;
using Platform.Messaging.Inbox;
using Platform.NeedsIntake.Data;

namespace Platform.NeedsIntake.Consumers;

/// <summary>Keeps the actor replica that submissions are checked against.</summary>
public sealed class ActorRegisteredConsumer(InboxServices inbox, ActorReplica replica)
    : InboxConsumer<ActorRegistered>(inbox)
{
    protected override Task HandleAsync(InboxContext<ActorRegistered> context) => replica.ApplyAsync(context.Transaction, context.Message, context.CancellationToken);
}

public sealed class ActorUpdatedConsumer(InboxServices inbox, ActorReplica replica)
    : InboxConsumer<ActorUpdated>(inbox)
{
    protected override Task HandleAsync(InboxContext<ActorUpdated> context) => replica.ApplyAsync(context.Transaction, context.Message, context.CancellationToken);
}

/// <summary>A deactivated actor submits no new needs; its needs stay as they are.</summary>
public sealed class ActorDeactivatedConsumer(InboxServices inbox, ActorReplica replica)
    : InboxConsumer<ActorDeactivated>(inbox)
{
    protected override Task HandleAsync(InboxContext<ActorDeactivated> context) => replica.ApplyAsync(context.Transaction, context.Message, context.CancellationToken);
}

public sealed class EstablishmentRegisteredConsumer(InboxServices inbox, ActorReplica replica)
    : InboxConsumer<EstablishmentRegistered>(inbox)
{
    protected override Task HandleAsync(InboxContext<EstablishmentRegistered> context)
    {
        var message = context.Message;
        return replica.ApplyAsync(context.Transaction, message.EstablishmentId, message.CompanyActorId, message.Name, message.MunicipalityCode, 1, context.CancellationToken);
    }
}

public sealed class EstablishmentUpdatedConsumer(InboxServices inbox, ActorReplica replica)
    : InboxConsumer<EstablishmentUpdated>(inbox)
{
    protected override Task HandleAsync(InboxContext<EstablishmentUpdated> context)
    {
        var message = context.Message;
        return replica.ApplyAsync(context.Transaction, message.EstablishmentId, message.CompanyActorId, message.Name, message.MunicipalityCode, message.Version, context.CancellationToken);
    }
}
