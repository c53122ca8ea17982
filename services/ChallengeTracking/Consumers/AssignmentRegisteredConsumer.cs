using Platform.ChallengeTracking.Data;
using Platform.Contracts.Reporting;
using Platform.Messaging.Inbox;

namespace Platform.ChallengeTracking.Consumers;

/// <summary>Learns the assignments efforts may be funded by.</summary>
public sealed class AssignmentRegisteredConsumer(InboxServices inbox) : InboxConsumer<AssignmentRegistered>(inbox)
{
    protected override Task HandleAsync(InboxContext<AssignmentRegistered> context) =>
        EffortStore.AddAssignmentAsync(context.Transaction, context.Message.Reference, context.CancellationToken);
}
