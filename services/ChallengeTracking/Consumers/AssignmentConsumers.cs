using Npgsql;
using Platform.Contracts.Reporting;
using Platform.Messaging.Data;
using Platform.Messaging.Inbox;

namespace Platform.ChallengeTracking.Consumers;

/// <summary>Learns the assignments efforts may be funded by.</summary>
public sealed class AssignmentRegisteredConsumer(InboxServices inbox) : InboxConsumer<AssignmentRegistered>(inbox)
{
    protected override async Task HandleAsync(InboxContext<AssignmentRegistered> context)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO assignments (reference) VALUES ($1) ON CONFLICT DO NOTHING", context.Transaction.Connection, context.Transaction)
        {
            Parameters = { Sql.Value(context.Message.Reference) },
        };
        await insert.ExecuteNonQueryAsync(context.CancellationToken);
    }
}
