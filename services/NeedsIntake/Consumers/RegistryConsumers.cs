using Platform.Contracts.Actors;
using Platform.Messaging.Inbox;
using Platform.NeedsIntake.Data;

namespace Platform.NeedsIntake.Consumers;

/// <summary>Establishments, so a need can name the one it concerns.</summary>
public sealed class EstablishmentRegisteredConsumer(InboxServices inbox)
    : InboxConsumer<EstablishmentRegistered>(inbox)
{
    protected override Task HandleAsync(InboxContext<EstablishmentRegistered> context)
    {
        var message = context.Message;
        return EstablishmentReplica.ApplyAsync(context.Transaction, message.EstablishmentId, message.CompanyActorId, message.Name, message.MunicipalityCode, 1, context.CancellationToken);
    }
}

/// <summary>A changed establishment, applied only when it is newer than the replica's.</summary>
public sealed class EstablishmentUpdatedConsumer(InboxServices inbox)
    : InboxConsumer<EstablishmentUpdated>(inbox)
{
    protected override Task HandleAsync(InboxContext<EstablishmentUpdated> context)
    {
        var message = context.Message;
        return EstablishmentReplica.ApplyAsync(context.Transaction, message.EstablishmentId, message.CompanyActorId, message.Name, message.MunicipalityCode, message.Version, context.CancellationToken);
    }
}
