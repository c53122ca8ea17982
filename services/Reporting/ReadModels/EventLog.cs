using System.Data;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts;
using Platform.Messaging;

namespace Platform.Reporting.ReadModels;

/// <summary>
/// Every event reporting consumed, kept once, and the rebuild of the read models from it. An event is logged,
/// projected and filed under the records it changed (the audit trail) in the consumer's transaction, so the log and
/// what is built from it never disagree.
/// </summary>
public sealed class EventLog(NpgsqlDataSource dataSource, ILogger<EventLog> logger)
{
    private const int RebuildPageSize = 2_000;

    /// <summary>What a rebuild empties and refills from the log: the read models and the audit trail's subjects.</summary>
    private const string RebuiltTables = $"{Projection.Tables}, event_subjects";

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Logs <paramref name="event"/> and applies it to the read models, in <paramref name="transaction"/>.</summary>
    public static async Task RecordAsync(NpgsqlTransaction transaction, IIntegrationEvent @event, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            INSERT INTO event_log (event_id, message_type, occurred_at, payload) VALUES (@event_id, @message_type, @occurred_at, @payload)
            ON CONFLICT (event_id) DO NOTHING
            """)
        {
            Parameters =
            {
                new("event_id", @event.EventId),
                new("message_type", type.FullName!),
                new("occurred_at", @event.OccurredAt),
                new("payload", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(@event, type, SerializerOptions) },
            },
        });
        foreach (var command in Projection.Commands(@event).Concat(AuditSubjects.Commands(@event)))
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Empties the read models and replays the whole log into them in one transaction. New events wait on the log's
    /// lock until it commits and then apply on top; reports wait for the rebuilt tables rather than seeing them half-filled.
    /// </summary>
    public async Task<RebuildResult> RebuildAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await LockAsync(connection, cancellationToken);
        await using (var truncate = new NpgsqlCommand($"TRUNCATE {RebuiltTables}", connection, transaction))
        {
            await truncate.ExecuteNonQueryAsync(cancellationToken);
        }

        long replayed = 0;
        long after = 0;
        while (true)
        {
            var events = await ReadPageAsync(connection, transaction, after, cancellationToken);
            if (events.Count == 0)
            {
                break;
            }

            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var (_, @event) in events)
            {
                foreach (var command in Projection.Commands(@event).Concat(AuditSubjects.Commands(@event)))
                {
                    batch.BatchCommands.Add(command);
                }
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            replayed += events.Count;
            after = events[^1].Seq;
        }

        await NeedCountTotalsJob.AddChangesToTotalsAsync(connection, transaction, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        logger.LogInformation("Read models rebuilt from {Events} logged events in {ElapsedMs} ms", replayed, (long)elapsed.TotalMilliseconds);
        return new RebuildResult(replayed, (long)elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// A transaction holding the log (no new events) and every read model (no readers) at once. The locks are taken
    /// without waiting and retried, so the rebuild never holds one table while a report holds another it needs
    /// (which would deadlock); only after many tries does it queue for them.
    /// </summary>
    private static async Task<NpgsqlTransaction> LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var wait = attempt > 100 ? string.Empty : " NOWAIT";
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                await using var locks = new NpgsqlCommand(
                    $"LOCK TABLE event_log IN SHARE MODE{wait}; LOCK TABLE {RebuiltTables} IN ACCESS EXCLUSIVE MODE{wait}", connection, transaction);
                await locks.ExecuteNonQueryAsync(cancellationToken);
                return transaction;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                await transaction.RollbackAsync(cancellationToken);
                await transaction.DisposeAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    private static async Task<List<(long Seq, IIntegrationEvent Event)>> ReadPageAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT seq, message_type, payload::text AS payload FROM event_log WHERE seq > @after ORDER BY seq LIMIT @limit", connection, transaction)
        {
            Parameters = { new("after", after), new("limit", RebuildPageSize) },
        };
        var events = new List<(long, IIntegrationEvent)>(RebuildPageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = EventTypes.Resolve(reader.GetString("message_type"));
            events.Add((reader.GetInt64("seq"), (IIntegrationEvent)JsonSerializer.Deserialize(reader.GetString("payload"), type, SerializerOptions)!));
        }

        return events;
    }
}

public sealed record RebuildResult(long EventsReplayed, long ElapsedMilliseconds);
