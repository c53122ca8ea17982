using Platform.ChallengeTracking.Data;
using Platform.Contracts.Needs;
using Platform.Messaging.Inbox;

namespace Platform.ChallengeTracking.Consumers;

/// <summary>Follows triage: a rejected need stops counting for its challenge; a corrected theme moves it.</summary>
public sealed class NeedTriagedConsumer(InboxServices inbox, ChallengeStore store) : InboxConsumer<NeedTriaged>(inbox)
{
    protected override Task HandleAsync(InboxContext<NeedTriaged> context) => store.TriageAsync(context.Transaction, context.Message, context.CancellationToken);
}
