using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Data;
using Platform.Contracts;
using Platform.ServiceDefaults.Http;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Writes events into the service's outbox table inside the caller's transaction, so a state change and the
/// events it causes commit or roll back together. The <see cref="OutboxRelay"/> publishes them after commit.
/// An event written while serving a signed-in user names that user by the name the token carries
/// (<see cref="IntegrationEvent.ChangedBy"/>), so the audit trail knows who changed what without every write passing it.
/// </summary>
public sealed class Outbox(OutboxSignal signal, IHttpContextAccessor? httpContextAccessor = null)
{
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    private const string InsertSql = """
        INSERT INTO outbox_pending (event_id, message_type, payload, correlation_id, trace_parent, trace_state, occurred_at)
        VALUES (@eventId, @messageType, @payload, @correlationId, @traceParent, @traceState, @occurredAt)
        """;

    /// <summary>Commits a transaction that enqueued events and wakes the relay, which publishes them at once.</summary>
    public async Task CommitAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await transaction.CommitAsync(cancellationToken);
        signal.Signal();
    }

    public async Task EnqueueAsync(NpgsqlTransaction transaction, IIntegrationEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.Connection is not { } connection)
        {
            throw new InvalidOperationException("The transaction has already completed.");
        }

        await using var command = new NpgsqlCommand(InsertSql, connection, transaction);
        AddParameters(command.Parameters, @event);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task EnqueueAsync(NpgsqlTransaction transaction, IEnumerable<IIntegrationEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var @event in events)
        {
            batch.BatchCommands.Add(CreateBatchCommand(@event));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The insert of <paramref name="event"/> as a command of the caller's <see cref="NpgsqlBatch"/>, so a state change
    /// and its events reach the database in one round trip; the batch must run in the caller's transaction.
    /// </summary>
    public NpgsqlBatchCommand CreateBatchCommand(IIntegrationEvent @event)
    {
        var command = new NpgsqlBatchCommand(InsertSql);
        AddParameters(command.Parameters, @event);
        return command;
    }

    private void AddParameters(NpgsqlParameterCollection parameters, IIntegrationEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        @event = WithAuthor(@event);
        var type = @event.GetType();
        if (type.Assembly != EventTypes.ContractsAssembly)
        {
            throw new ArgumentException($"{type.FullName} is not a message of the Contracts assembly.", nameof(@event));
        }

        var activity = Activity.Current;
        parameters.Add(new("eventId", @event.EventId));
        parameters.Add(new("messageType", type.FullName!));
        parameters.Add(new("payload", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(@event, type, SerializerOptions) });
        parameters.Add(Sql.Nullable("correlationId", @event.CorrelationId, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable("traceParent", activity?.Id, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable("traceState", activity?.TraceStateString, NpgsqlDbType.Text));
        parameters.Add(new("occurredAt", @event.OccurredAt));
    }

    private IIntegrationEvent WithAuthor(IIntegrationEvent @event) =>
        @event is IntegrationEvent { ChangedBy: null } unattributed && httpContextAccessor?.HttpContext?.User is { Identity.IsAuthenticated: true } user
            ? unattributed with { ChangedBy = user.DisplayName(), ChangedByActorId = user.ActorId() }
            : @event;
}
