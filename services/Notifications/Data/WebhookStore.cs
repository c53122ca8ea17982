using System.Data;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Client.Models;
using Platform.Contracts;
using Platform.Messaging.Data;
using Platform.Notifications.Domain;
using Platform.Notifications.Webhooks;
using Platform.ServiceDefaults.Http;

namespace Platform.Notifications.Data;

/// <summary>Who asks: a coordinator sees every subscription, an actor's user those of its actor.</summary>
public sealed record Owner(bool Coordinator, Guid? ActorId)
{
    public bool Sees(Guid? subscriptionActor) => Coordinator || (ActorId is { } own && subscriptionActor == own);
}

public sealed record NewSubscription(Guid? ActorId, string Url, IReadOnlyList<string> EventTypes, string? County, string? Theme, string CreatedBy);

/// <summary>
/// Webhook subscriptions and their deliveries in <c>notificationsdb</c>. Each consumed event becomes a pending delivery
/// for every subscription that takes its type, passes its filters and may see it, in the consumer's transaction: an
/// event the inbox accepted is never lost.
/// </summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource, IOptions<WebhookOptions> options, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string SubscriptionColumns = """
        id, owner_actor_id, url, event_types, county_code, theme, status, disabled_reason, failing_since, previous_secret_expires_at,
        created_by, created_at, updated_at
        """;

    private const string DeliveryColumns = """
        d.id, d.event_id, d.event_type, d.status, d.attempts, d.created_at, d.next_attempt_at, d.delivered_at, d.give_up_at,
        COALESCE((SELECT jsonb_agg(jsonb_build_object('at', a.attempted_at, 'durationMs', a.duration_ms, 'statusCode', a.status_code,
            'error', a.error, 'responseExcerpt', a.response_excerpt) ORDER BY a.id) FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]')::text AS attempt_log
        """;

    /// <summary>Queues the event for every subscription that receives it (call after <see cref="PlatformKnowledge.LearnAsync"/>); returns how many.</summary>
    public async Task<int> RecordAsync(NpgsqlTransaction transaction, IIntegrationEvent @event, CancellationToken cancellationToken)
    {
        var subject = WebhookEvents.SubjectOf(@event);
        var type = WebhookEvents.NameOf(@event);
        await using var command = new NpgsqlCommand("""
            SELECT s.id, s.owner_actor_id, s.event_types, s.county_code, s.theme, o.kind AS owner_kind,
                n.submitter_actor_id, n.confidential OR (@need_id::uuid IS NOT NULL AND n.id IS NULL) AS confidential, COALESCE(n.theme, c.theme) AS subject_theme, COALESCE(n.county_codes, c.county_codes) AS subject_counties,
                (@need_id::uuid IS NOT NULL OR @challenge_id::uuid IS NOT NULL) AS has_subject
            FROM webhook_subscriptions s
            LEFT JOIN actors o ON o.id = s.owner_actor_id
            LEFT JOIN needs n ON n.id = @need_id
            LEFT JOIN challenges c ON c.id = @challenge_id
            WHERE s.status IN ('active', 'paused')
            """, transaction.Connection, transaction)
        {
            Parameters = { Sql.Nullable("need_id", subject.NeedId, NpgsqlDbType.Uuid), Sql.Nullable("challenge_id", subject.ChallengeId, NpgsqlDbType.Uuid) },
        };
        var receivers = new List<(Guid Id, Guid? Owner)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var owner = reader.GetFieldValue<Guid?>("owner_actor_id");
                var counties = reader.IsDBNull("subject_counties") ? [] : reader.GetFieldValue<string[]>("subject_counties");
                var theme = reader.IsDBNull("subject_theme") ? null : reader.GetString("subject_theme");
                var county = reader.IsDBNull("county_code") ? null : reader.GetString("county_code");
                var wantedTheme = reader.IsDBNull("theme") ? null : reader.GetString("theme");
                // A need the service never learnt of is treated as confidential: only those who see every need get it.
                var confidential = !reader.IsDBNull("confidential") && reader.GetBoolean("confidential");
                var visible = owner is null || !confidential || reader.GetFieldValue<Guid?>("submitter_actor_id") == owner
                    || (reader.IsDBNull("owner_kind") ? null : reader.GetString("owner_kind")) == Reference.ActorKinds.Agency;
                if (WebhookRules.Subscribes(reader.GetFieldValue<string[]>("event_types"), type) && visible
                    && (county is null || counties.Contains(county)) && (wantedTheme is null || theme == wantedTheme))
                {
                    receivers.Add((reader.GetGuid("id"), owner));
                }
            }
        }

        if (receivers.Count == 0)
        {
            return 0;
        }

        // Serialised only for an event someone subscribes to: most events of a busy platform go to no subscription.
        var data = JsonSerializer.SerializeToNode(@event, @event.GetType(), Json)!.AsObject();
        foreach (var (subscription, owner) in receivers)
        {
            await EnqueueAsync(transaction, subscription, @event.EventId, type, subject.EntityKey, Payload(type, @event, data, owner), cancellationToken);
        }

        return receivers.Count;
    }

    public async Task<WebhookSubscription> CreateAsync(NewSubscription subscription, CancellationToken cancellationToken)
    {
        var (id, now, secret) = (Guid.CreateVersion7(), timeProvider.GetUtcNow(), WebhookRules.NewSecret());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO webhook_subscriptions (id, owner_actor_id, created_by, url, event_types, county_code, theme, status, secret, created_at, updated_at)
            VALUES (@id, @owner, @created_by, @url, @event_types, @county, @theme, 'active', @secret, @now, @now)
            RETURNING {SubscriptionColumns}
            """, connection)
        {
            Parameters =
            {
                new("id", id), Sql.Nullable("owner", subscription.ActorId, NpgsqlDbType.Uuid), new("created_by", subscription.CreatedBy), new("url", subscription.Url),
                new("event_types", subscription.EventTypes.ToArray()), Sql.Nullable("county", subscription.County, NpgsqlDbType.Text),
                Sql.Nullable("theme", subscription.Theme, NpgsqlDbType.Text), new("secret", secret), new("now", now),
            },
        };
        return (await Sql.ReadSingleAsync(command, ReadSubscription, cancellationToken))! with { Secret = secret };
    }

    public Task<PagedResult<WebhookSubscription>> ListAsync(Owner owner, PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, SubscriptionColumns, "FROM webhook_subscriptions WHERE (@all OR owner_actor_id = @owner)", "created_at DESC, id", page, ReadSubscription,
            cancellationToken, new("all", owner.Coordinator), Sql.Nullable("owner", owner.ActorId, NpgsqlDbType.Uuid));

    public async Task<WebhookSubscription?> GetAsync(Guid id, Owner owner, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {SubscriptionColumns} FROM webhook_subscriptions WHERE id = @id", connection) { Parameters = { new("id", id) } };
        return await Sql.ReadSingleAsync(command, ReadSubscription, cancellationToken) is { } found && owner.Sees(found.ActorId) ? found : null;
    }

    /// <summary>Pauses (deliveries wait) or resumes a subscription; resuming a disabled one starts it afresh.</summary>
    public Task<WebhookSubscription?> SetStatusAsync(Guid id, Owner owner, bool active, CancellationToken cancellationToken) =>
        UpdateAsync(id, owner, active
            ? "status = 'active', disabled_reason = NULL, failing_since = NULL"
            : "status = 'paused'", [], cancellationToken);

    /// <summary>A new secret; the previous one also signs until <paramref name="overlap"/> has passed.</summary>
    public async Task<WebhookSubscription?> RotateSecretAsync(Guid id, Owner owner, TimeSpan overlap, CancellationToken cancellationToken)
    {
        var secret = WebhookRules.NewSecret();
        var rotated = await UpdateAsync(id, owner, "previous_secret = secret, previous_secret_expires_at = @now + @overlap, secret = @secret",
            [new("secret", secret), new("overlap", overlap)], cancellationToken);
        return rotated is null ? null : rotated with { Secret = secret };
    }

    public async Task<bool> DeleteAsync(Guid id, Owner owner, CancellationToken cancellationToken)
    {
        if (await GetAsync(id, owner, cancellationToken) is null)
        {
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM webhook_subscriptions WHERE id = @id", connection) { Parameters = { new("id", id) } };
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<PagedResult<WebhookDelivery>> DeliveriesAsync(Guid subscriptionId, string? status, PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, DeliveryColumns, "FROM webhook_deliveries d WHERE d.subscription_id = @subscription AND (@status::text IS NULL OR d.status = @status)",
            "d.seq DESC", page, ReadDelivery, cancellationToken, new("subscription", subscriptionId), Sql.Nullable("status", status, NpgsqlDbType.Text));

    /// <summary>Queues a delivered or dead delivery again, with a fresh day of attempts; a pending one is refused (409).</summary>
    public async Task<WriteResult<WebhookDelivery>> RedeliverAsync(Guid subscriptionId, Guid deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            WITH requeued AS (
                UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = @now, give_up_at = @now + @give_up, delivered_at = NULL
                WHERE id = @id AND subscription_id = @subscription AND status <> 'pending'
                RETURNING id)
            SELECT {DeliveryColumns}, EXISTS (SELECT 1 FROM requeued) AS requeued FROM webhook_deliveries d WHERE d.id = @id AND d.subscription_id = @subscription
            """, connection)
        {
            Parameters = { new("id", deliveryId), new("subscription", subscriptionId), new("now", timeProvider.GetUtcNow()), new("give_up", options.Value.GiveUpAfter) },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return WriteResult.NotFound<WebhookDelivery>();
        }

        // The statement's snapshot shows the row as it was before the update: pending now when requeued.
        var delivery = ReadDelivery(reader);
        return reader.GetBoolean("requeued")
            ? WriteResult.Updated(delivery with { Status = DeliveryStatuses.Pending, DeliveredAt = null })
            : WriteResult.Conflict(DeliveryPending, "It is pending: it is sent at its next attempt.", delivery);
    }

    public const string DeliveryPending = "The delivery is still being tried.";

    /// <summary>Queues every dead delivery of the subscription again; returns how many.</summary>
    public async Task<int> RedeliverDeadAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = @now, give_up_at = @now + @give_up
            WHERE subscription_id = @subscription AND status = 'dead'
            """, connection)
        {
            Parameters = { new("subscription", subscriptionId), new("now", timeProvider.GetUtcNow()), new("give_up", options.Value.GiveUpAfter) },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Queues a test event (<see cref="WebhookEvents.Ping"/>) for the subscription, whatever its event types.</summary>
    public async Task<WebhookDelivery> PingAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        var (eventId, now) = (Guid.CreateVersion7(), timeProvider.GetUtcNow());
        var payload = JsonSerializer.Serialize(new { type = WebhookEvents.Ping, id = eventId, timestamp = now, data = new { subscriptionId } }, Json);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await EnqueueAsync(transaction, subscriptionId, eventId, WebhookEvents.Ping, $"subscription:{subscriptionId}", payload, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {DeliveryColumns} FROM webhook_deliveries d WHERE d.id = @id", connection) { Parameters = { new("id", id) } };
        return (await Sql.ReadSingleAsync(command, ReadDelivery, cancellationToken))!;
    }

    /// <summary>Whether the service knows the actor (from the registry's events).</summary>
    public async Task<bool> ActorKnownAsync(Guid actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM actors WHERE id = @id)", connection) { Parameters = { new("id", actorId) } };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<Guid> EnqueueAsync(
        NpgsqlTransaction transaction, Guid subscriptionId, Guid eventId, string type, string entityKey, string payload, CancellationToken cancellationToken)
    {
        var (id, now) = (Guid.CreateVersion7(), timeProvider.GetUtcNow());
        await transaction.ExecuteAsync("""
            INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, entity_key, payload, status, next_attempt_at, give_up_at, created_at)
            VALUES (@id, @subscription, @event_id, @type, @entity_key, @payload, 'pending', @now, @now + @give_up, @now)
            ON CONFLICT (subscription_id, event_id) DO NOTHING
            """, cancellationToken,
            new("id", id), new("subscription", subscriptionId), new("event_id", eventId), new("type", type), new("entity_key", entityKey),
            new("payload", payload), new("now", now), new("give_up", options.Value.GiveUpAfter));
        return id;
    }

    /// <summary>
    /// The body every receiver gets: the type, the event's id and time, and the event as data. A subscription of an
    /// actor does not learn who made the change unless its own actor did.
    /// </summary>
    private static string Payload(string type, IIntegrationEvent @event, JsonObject data, Guid? owner)
    {
        var shown = (JsonObject)data.DeepClone();
        if (owner is not null && (@event as IntegrationEvent)?.ChangedByActorId != owner)
        {
            shown.Remove("changedBy");
            shown.Remove("changedByActorId");
        }

        return new JsonObject { ["type"] = type, ["id"] = @event.EventId, ["timestamp"] = @event.OccurredAt, ["data"] = shown }.ToJsonString(Json);
    }

    private async Task<WebhookSubscription?> UpdateAsync(Guid id, Owner owner, string set, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        if (await GetAsync(id, owner, cancellationToken) is null)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            UPDATE webhook_subscriptions SET {set}, version = version + 1, updated_at = @now WHERE id = @id RETURNING {SubscriptionColumns}
            """, connection)
        {
            Parameters = { new("id", id), new("now", timeProvider.GetUtcNow()) },
        };
        command.Parameters.AddRange(parameters);
        return await Sql.ReadSingleAsync(command, ReadSubscription, cancellationToken);
    }

    private static WebhookSubscription ReadSubscription(NpgsqlDataReader row) => new(
        row.GetGuid("id"), row.GetFieldValue<Guid?>("owner_actor_id"), row.GetString("url"), row.GetFieldValue<string[]>("event_types"),
        new WebhookFilters(row.IsDBNull("county_code") ? null : row.GetString("county_code"), row.IsDBNull("theme") ? null : row.GetString("theme")),
        row.GetString("status"), row.IsDBNull("disabled_reason") ? null : row.GetString("disabled_reason"), row.GetFieldValue<DateTimeOffset?>("failing_since"),
        null, row.GetFieldValue<DateTimeOffset?>("previous_secret_expires_at"), row.GetString("created_by"), row.GetFieldValue<DateTimeOffset>("created_at"),
        row.GetFieldValue<DateTimeOffset>("updated_at"));

    private static WebhookDelivery ReadDelivery(NpgsqlDataReader row)
    {
        var status = row.GetString("status");
        return new(
            row.GetGuid("id"), row.GetGuid("event_id"), row.GetString("event_type"), status, row.GetInt32("attempts"), row.GetFieldValue<DateTimeOffset>("created_at"),
            status == DeliveryStatuses.Pending ? row.GetFieldValue<DateTimeOffset>("next_attempt_at") : null, row.GetFieldValue<DateTimeOffset?>("delivered_at"),
            row.GetFieldValue<DateTimeOffset>("give_up_at"), JsonSerializer.Deserialize<List<WebhookAttempt>>(row.GetString("attempt_log"), Json)!);
    }
}
