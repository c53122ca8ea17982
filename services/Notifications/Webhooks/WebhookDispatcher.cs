using System.Data;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Data;
using Platform.Notifications.Domain;

namespace Platform.Notifications.Webhooks;

/// <summary>Wakes the <see cref="WebhookDispatcher"/> when deliveries were queued.</summary>
public sealed class DeliverySignal
{
    private readonly Channel<bool> _queued = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Queued() => _queued.Writer.TryWrite(true);

    internal ChannelReader<bool> Reader => _queued.Reader;
}

/// <summary>
/// Sends the due deliveries of active subscriptions, several at once, each subscription's deliveries about one
/// entity one after another in the order they were queued. A delivery is claimed for the attempt's timeout (so another
/// instance leaves it alone), sent, and its outcome recorded: delivered; tried again after a backoff; dead once its day
/// is over. A receiver answering 410 Gone disables its subscription at once, one failing for
/// <see cref="WebhookOptions.DisableAfter"/> without a success is disabled too.
/// </summary>
public sealed partial class WebhookDispatcher(
    NpgsqlDataSource dataSource, WebhookSender sender, Data.FeedStore feed, DeliverySignal signal, IOptions<WebhookOptions> options, TimeProvider timeProvider,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(task => task.IsCompleted);
            var claimed = 0;
            try
            {
                var free = options.Value.Concurrency - running.Count;
                if (free > 0)
                {
                    foreach (var delivery in await ClaimAsync(free, stoppingToken))
                    {
                        running.Add(DeliverAsync(delivery, stoppingToken));
                        claimed++;
                    }
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogClaimFailed(exception);
            }

            // A full batch means more may be due; otherwise wait for new deliveries, a finished send or the poll interval.
            if (claimed == 0 || running.Count >= options.Value.Concurrency)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(options.Value.PollInterval);
                var woken = signal.Reader.WaitToReadAsync(wait.Token).AsTask();
                await Task.WhenAny([woken, .. running]).ConfigureAwait(false);
                while (signal.Reader.TryRead(out _))
                {
                }

                await wait.CancelAsync();
                if (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task DeliverAsync(OutgoingDelivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            var outcome = await sender.SendAsync(delivery, stoppingToken);
            await RecordAsync(delivery, outcome, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // The claim runs out and the delivery is tried again.
            LogDeliveryFailed(exception, delivery.Id);
        }
        finally
        {
            signal.Queued();
        }
    }

    private async Task<List<OutgoingDelivery>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            WITH due AS (
                SELECT d.id FROM webhook_deliveries d
                JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.status = 'active'
                WHERE d.status = 'pending' AND d.next_attempt_at <= @now
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                  WHERE e.subscription_id = d.subscription_id AND e.entity_key = d.entity_key AND e.status = 'pending' AND e.seq < d.seq)
                ORDER BY d.seq
                LIMIT @limit
                FOR UPDATE OF d SKIP LOCKED)
            UPDATE webhook_deliveries d SET next_attempt_at = @now + @claim
            FROM due, webhook_subscriptions s
            WHERE d.id = due.id AND s.id = d.subscription_id
            RETURNING d.id, d.subscription_id, d.event_id, s.url, s.secret,
                CASE WHEN s.previous_secret_expires_at > @now THEN s.previous_secret END AS previous_secret, d.payload, d.attempts, d.give_up_at
            """, connection)
        {
            Parameters = { new("now", now), new("limit", limit), new("claim", options.Value.AttemptTimeout * 2) },
        };
        var claimed = new List<OutgoingDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new OutgoingDelivery(
                reader.GetGuid("id"), reader.GetGuid("subscription_id"), reader.GetGuid("event_id"), reader.GetString("url"), reader.GetString("secret"),
                reader.IsDBNull("previous_secret") ? null : reader.GetString("previous_secret"), reader.GetString("payload"), reader.GetInt32("attempts"),
                reader.GetFieldValue<DateTimeOffset>("give_up_at")));
        }

        return claimed;
    }

    private async Task RecordAsync(OutgoingDelivery delivery, AttemptOutcome outcome, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var retryAt = now + WebhookRules.Backoff(attempts, settings.FirstRetry, settings.LongestRetry, Random.Shared.NextDouble());
        var status = outcome.Delivered ? DeliveryStatuses.Delivered : retryAt > delivery.GiveUpAt ? DeliveryStatuses.Dead : DeliveryStatuses.Pending;
        var gone = outcome.StatusCode is { } code && WebhookRules.Gone(code);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await transaction.ExecuteAsync("""
            INSERT INTO webhook_attempts (delivery_id, attempted_at, duration_ms, status_code, error, response_excerpt)
            VALUES (@id, @now, @duration, @status_code, @error, @excerpt)
            """, cancellationToken,
            new("id", delivery.Id), new("now", now), new("duration", outcome.DurationMs), Sql.Nullable("status_code", outcome.StatusCode, NpgsqlTypes.NpgsqlDbType.Integer),
            Sql.Nullable("error", outcome.Error, NpgsqlTypes.NpgsqlDbType.Text), Sql.Nullable("excerpt", outcome.ResponseExcerpt?.Replace("\0", string.Empty), NpgsqlTypes.NpgsqlDbType.Text));
        await transaction.ExecuteAsync("""
            UPDATE webhook_deliveries SET attempts = @attempts, status = @status, next_attempt_at = @next, delivered_at = CASE WHEN @status = 'delivered' THEN @now END
            WHERE id = @id
            """, cancellationToken,
            new("id", delivery.Id), new("attempts", attempts), new("status", status), new("next", outcome.Delivered ? now : retryAt), new("now", now));
        // Only a change of state writes the subscription's row: every delivery's outcome touching it would queue them all on its lock.
        await transaction.ExecuteAsync(
            outcome.Delivered
                ? "UPDATE webhook_subscriptions SET failing_since = NULL WHERE id = @subscription AND failing_since IS NOT NULL"
                : "UPDATE webhook_subscriptions SET failing_since = @now WHERE id = @subscription AND failing_since IS NULL",
            cancellationToken, new("subscription", delivery.SubscriptionId), new("now", now));
        var reason = gone ? "The receiver answered 410 Gone." : $"Every delivery failed for {WebhookRules.Describe(settings.DisableAfter, swedish: false)}.";
        await using (var disable = new NpgsqlCommand("""
            UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = @reason, version = version + 1, updated_at = @now
            WHERE id = @subscription AND status = 'active' AND (@gone OR failing_since <= @now - @disable_after)
            RETURNING owner_actor_id, url
            """, connection, transaction)
        {
            Parameters =
            {
                new("subscription", delivery.SubscriptionId), new("gone", gone), new("now", now), new("disable_after", settings.DisableAfter), new("reason", reason),
            },
        })
        {
            var off = await Sql.ReadSingleAsync(disable, row => new DisabledSubscription(row.GetFieldValue<Guid?>("owner_actor_id"), row.GetString("url")), cancellationToken);
            if (off is not null)
            {
                LogDisabled(delivery.SubscriptionId, reason);

                // The owner's users learn it from their feed (and e-mail); a coordinator's subscription shows it in its status.
                if (off.Owner is { } owner)
                {
                    var swedish = gone ? "mottagaren svarade 410 Gone." : $"alla leveranser misslyckades i {WebhookRules.Describe(settings.DisableAfter, swedish: true)}.";
                    await feed.AddAsync(transaction, FeedRules.WebhookDisabled(owner, delivery.SubscriptionId, off.Url, swedish), Guid.CreateVersion7(), now, cancellationToken);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        if (status == DeliveryStatuses.Dead)
        {
            LogDead(delivery.Id, delivery.SubscriptionId, attempts);
        }

    }

    private sealed record DisabledSubscription(Guid? Owner, string Url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming webhook deliveries failed; trying again.")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} failed to complete; it is tried again when its claim runs out.")]
    private partial void LogDeliveryFailed(Exception exception, Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to subscription {SubscriptionId} is dead after {Attempts} attempts.")]
    private partial void LogDead(Guid deliveryId, Guid subscriptionId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} is disabled: {Reason}")]
    private partial void LogDisabled(Guid subscriptionId, string reason);
}
