using System.Text.Json;
using Npgsql;
using Platform.Contracts;
using Platform.Messaging.Data;
using Platform.Notifications.Webhooks;

namespace Platform.Notifications.Data;

/// <summary>
/// What a consumed event does here, in the consumer's transaction: the service learns from it, queues its webhook
/// deliveries and writes its feed entries. The queues deliver in no order across event types, so an event about a
/// need, effort or forum the service has not learnt of yet is parked (who may see a need's event depends on the need;
/// whom a feed entry is for on the need, effort or forum) and goes ahead with the event that tells of it. One parked
/// for longer than <see cref="Patience"/> (about something this service never learnt of) goes ahead on its own
/// (<see cref="ReleaseStaleAsync"/>): a need's event as a confidential need's would, without feed entries for the unknown.
/// </summary>
public sealed class EventRecorder(WebhookStore webhooks, FeedStore feed, TimeProvider timeProvider)
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Records the event (or parks it); true when webhook deliveries were queued, so the dispatcher has work.</summary>
    public async Task<bool> RecordAsync(NpgsqlTransaction transaction, IIntegrationEvent @event, CancellationToken cancellationToken)
    {
        await PlatformKnowledge.LearnAsync(transaction, @event, cancellationToken);

        // Parking and the event that ends it take the subject's lock, so one of them commits before the other looks:
        // an event is never parked just after the last look for what waits on its subject.
        if (timeProvider.GetUtcNow() - @event.OccurredAt < Patience && PlatformKnowledge.DependsOn(@event) is { } missing)
        {
            await LockAsync(transaction, missing, cancellationToken);
            if (!await PlatformKnowledge.KnowsAsync(transaction, missing, cancellationToken))
            {
                await transaction.ExecuteAsync(
                    "INSERT INTO parked_events (subject, event_type, payload, occurred_at) VALUES (@subject, @type, @payload::jsonb, @occurred_at)", cancellationToken,
                    new("subject", missing), new("type", WebhookEvents.NameOf(@event)), new("payload", JsonSerializer.Serialize(@event, @event.GetType(), Json)),
                    new("occurred_at", @event.OccurredAt));
                return false;
            }
        }

        var queued = await ActAsync(transaction, @event, cancellationToken);
        if (PlatformKnowledge.Introduces(@event) is { } subject)
        {
            await LockAsync(transaction, subject, cancellationToken);
            foreach (var waiting in await UnparkAsync(transaction, "subject = @subject", new NpgsqlParameter("subject", subject), cancellationToken))
            {
                queued += await ActAsync(transaction, waiting, cancellationToken);
            }
        }

        return queued > 0;
    }

    /// <summary>Lets the events parked for longer than <see cref="Patience"/> go ahead; returns how many.</summary>
    public async Task<int> ReleaseStaleAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stale = await UnparkAsync(transaction, "occurred_at < @before", new NpgsqlParameter("before", timeProvider.GetUtcNow() - Patience), cancellationToken);
        foreach (var @event in stale)
        {
            await ActAsync(transaction, @event, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return stale.Count;
    }

    private static Task LockAsync(NpgsqlTransaction transaction, string subject, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@subject, 0))", cancellationToken, new NpgsqlParameter("subject", subject));

    /// <summary>Queues the event's webhook deliveries and writes its feed entries; returns the deliveries queued.</summary>
    private async Task<int> ActAsync(NpgsqlTransaction transaction, IIntegrationEvent @event, CancellationToken cancellationToken)
    {
        var queued = await webhooks.RecordAsync(transaction, @event, cancellationToken);
        await feed.RecordAsync(transaction, @event, cancellationToken);
        return queued;
    }

    private static async Task<List<IIntegrationEvent>> UnparkAsync(NpgsqlTransaction transaction, string filter, NpgsqlParameter parameter, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            DELETE FROM parked_events WHERE id IN (SELECT id FROM parked_events WHERE {filter} ORDER BY occurred_at, id LIMIT 500 FOR UPDATE SKIP LOCKED)
            RETURNING event_type, payload::text, occurred_at, id
            """, transaction.Connection, transaction);
        command.Parameters.Add(parameter);
        var events = new List<(DateTimeOffset At, long Id, IIntegrationEvent Event)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = WebhookEvents.ClassOf(reader.GetString(0));
            events.Add((reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt64(3), (IIntegrationEvent)JsonSerializer.Deserialize(reader.GetString(1), type, Json)!));
        }

        return [.. events.OrderBy(parked => parked.At).ThenBy(parked => parked.Id).Select(parked => parked.Event)];
    }
}
