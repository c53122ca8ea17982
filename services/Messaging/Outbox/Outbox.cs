using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Writes events into the service's outbox table inside the caller's transaction, so a state change and the
/// events it causes commit or roll back together. The <see cref="OutboxRelay"/> publishes them after commit.
/// </summary>
public sealed class Outbox
{
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    private const string InsertSql = """
        INSERT INTO outbox_messages (event_id, message_type, payload, correlation_id, trace_parent, trace_state, occurred_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    public async Task EnqueueAsync(NpgsqlTransaction transaction, IIntegrationEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(@event);
        if (transaction.Connection is not { } connection)
        {
            throw new InvalidOperationException("The transaction has already completed.");
        }

        var type = @event.GetType();
        if (type.Assembly != EventTypes.ContractsAssembly)
        {
            throw new ArgumentException($"{type.FullName} is not a message of the Contracts assembly.", nameof(@event));
        }

        var activity = Activity.Current;
        await using var command = new NpgsqlCommand(InsertSql, connection, transaction)
        {
            Parameters =
            {
                new() { Value = @event.EventId },
                new() { Value = type.FullName! },
                new() { Value = JsonSerializer.Serialize(@event, type, SerializerOptions), NpgsqlDbType = NpgsqlDbType.Jsonb },
                new() { Value = (object?)@event.CorrelationId ?? DBNull.Value },
                new() { Value = (object?)activity?.Id ?? DBNull.Value },
                new() { Value = (object?)activity?.TraceStateString ?? DBNull.Value },
                new() { Value = @event.OccurredAt },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task EnqueueAsync(NpgsqlTransaction transaction, IEnumerable<IIntegrationEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var @event in events)
        {
            await EnqueueAsync(transaction, @event, cancellationToken);
        }
    }
}
