using System.Data;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Client.Models;
using Platform.Messaging;
using Platform.Messaging.Data;
using Platform.Reporting.Domain;
using Platform.Reporting.ReadModels;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Data;

/// <summary>
/// What the audit trail is asked for: one kind of record or one record, the records of an actor (and the changes its
/// users made), a time span [<paramref name="From"/>, <paramref name="To"/>); <paramref name="Owner"/> limits it to
/// the records an actor owns (an actor's user sees only its own).
/// </summary>
public sealed record AuditQuery(string? Entity, string? EntityId, Guid? ActorId, DateTimeOffset? From, DateTimeOffset? To, Guid? Owner);

/// <summary>The audit trail, read from the event log by the records each event changed, newest first.</summary>
public sealed class AuditStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        s.seq, s.entity, s.entity_id, s.state, s.occurred_at, l.message_type, l.payload::text AS payload
        """;

    private const string From = """
        FROM event_subjects s JOIN event_log l ON l.seq = s.seq
        WHERE (@entity::text IS NULL OR s.entity = @entity)
          AND (@entity_id::text IS NULL OR s.entity_id = @entity_id)
          AND (@actor::uuid IS NULL OR s.changed_by_actor_id = @actor
               OR (s.entity, s.entity_id) IN (SELECT o.entity, o.entity_id FROM event_subjects o WHERE o.owner_actor_id = @actor))
          AND (@owner::uuid IS NULL OR (s.entity, s.entity_id) IN (SELECT o.entity, o.entity_id FROM event_subjects o WHERE o.owner_actor_id = @owner))
          AND (@from::timestamptz IS NULL OR s.occurred_at >= @from)
          AND (@to::timestamptz IS NULL OR s.occurred_at < @to)
        """;

    public async Task<PagedResult<AuditEntry>> ListAsync(AuditQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await Sql.PageAsync(dataSource, Columns, From, "s.occurred_at DESC, s.seq DESC", page, ReadRow, cancellationToken,
            Sql.Nullable("entity", query.Entity, NpgsqlDbType.Text), Sql.Nullable("entity_id", query.EntityId, NpgsqlDbType.Text),
            Sql.Nullable("actor", query.ActorId, NpgsqlDbType.Uuid), Sql.Nullable("owner", query.Owner, NpgsqlDbType.Uuid),
            Sql.Nullable("from", query.From, NpgsqlDbType.TimestampTz), Sql.Nullable("to", query.To, NpgsqlDbType.TimestampTz));
        var earlier = await EarlierStatesAsync(rows.Items, cancellationToken);
        return new PagedResult<AuditEntry>([.. rows.Items.Select(row => Entry(row, earlier))], rows.Total, rows.Page, rows.PageSize);
    }

    /// <summary>One change, its fields compared with the record as the earlier states of it left it.</summary>
    private static AuditEntry Entry(Row row, ILookup<(string, string), Row> earlier)
    {
        var subject = new AuditSubject(row.Entity, row.EntityId, null, row.State);
        var record = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var state in earlier[(row.Entity, row.EntityId)].Where(state => (state.OccurredAt, state.Seq).CompareTo((row.OccurredAt, row.Seq)) < 0))
        {
            record = AuditTrail.Apply(record, state.Payload, subject.IdField);
        }

        var payload = row.Payload;
        return new AuditEntry(
            row.OccurredAt,
            payload.TryGetProperty("changedBy", out var by) && by.ValueKind == JsonValueKind.String ? by.GetString() : null,
            payload.TryGetProperty("changedByActorId", out var actor) && actor.ValueKind == JsonValueKind.String ? actor.GetGuid() : null,
            row.Entity, row.EntityId, EventTypes.Resolve(row.MessageType).Name,
            AuditTrail.Changes(record, payload, subject.IdField, row.State));
    }

    /// <summary>The states of the page's records up to its newest change, oldest first: what each change is compared with.</summary>
    private async Task<ILookup<(string, string), Row>> EarlierStatesAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        var subjects = rows.Where(row => row.State).Select(row => (row.Entity, row.EntityId)).Distinct().ToList();
        if (subjects.Count == 0)
        {
            return Array.Empty<Row>().ToLookup(row => (row.Entity, row.EntityId));
        }

        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}
            FROM event_subjects s JOIN event_log l ON l.seq = s.seq
            WHERE s.state AND (s.entity, s.entity_id) IN (SELECT * FROM unnest(@entities::text[], @ids::text[])) AND s.occurred_at <= @until
            ORDER BY s.occurred_at, s.seq
            """);
        command.Parameters.Add(new("entities", subjects.Select(subject => subject.Entity).ToArray()));
        command.Parameters.Add(new("ids", subjects.Select(subject => subject.EntityId).ToArray()));
        command.Parameters.Add(new("until", rows.Max(row => row.OccurredAt)));
        var states = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(ReadRow(reader));
        }

        return states.ToLookup(state => (state.Entity, state.EntityId));
    }

    private static Row ReadRow(NpgsqlDataReader reader) => new(
        reader.GetInt64("seq"), reader.GetString("entity"), reader.GetString("entity_id"), reader.GetBoolean("state"),
        reader.GetFieldValue<DateTimeOffset>("occurred_at"), reader.GetString("message_type"), JsonSerializer.Deserialize<JsonElement>(reader.GetString("payload")));

    private sealed record Row(long Seq, string Entity, string EntityId, bool State, DateTimeOffset OccurredAt, string MessageType, JsonElement Payload);
}
