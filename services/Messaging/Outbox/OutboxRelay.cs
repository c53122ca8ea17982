using System.Data;
using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Hosting;
using Polly;
using Polly.Retry;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows, started in id order, with <c>MessageId = EventId</c>, restoring the trace context and
/// correlation id of the request that wrote them, then marks them sent in the same transaction that locked them
/// (<c>FOR UPDATE SKIP LOCKED</c>, so several replicas share the work without publishing a row twice). Wakes when
/// this instance commits outbox rows (<see cref="OutboxSignal"/>), polls for other instances' rows and as a fallback,
/// backs off while the broker is unavailable, purges old rows. Starts once the bus has (<see cref="BusStarted"/>).
/// </summary>
public sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    BusStarted busStarted,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    MessagingMetrics metrics,
    TimeProvider timeProvider,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const string SelectBatchSql = """
        SELECT id, event_id, message_type, payload::text AS payload, correlation_id, trace_parent, trace_state
        FROM outbox_pending
        ORDER BY id
        LIMIT @limit
        FOR UPDATE SKIP LOCKED
        """;

    /// <summary>
    /// Moves published rows out of the pending table, whose rows are only those still in flight. <c>sent_at</c> is the
    /// time of the move, after the broker confirmed, not the start of this transaction (which may precede a row's enqueue).
    /// </summary>
    private const string MarkSentSql = """
        WITH sent AS (DELETE FROM outbox_pending WHERE id = ANY(@ids) RETURNING *)
        INSERT INTO outbox_sent (id, event_id, message_type, payload, correlation_id, trace_parent, trace_state, occurred_at, enqueued_at, attempts, last_error, sent_at)
        SELECT id, event_id, message_type, payload, correlation_id, trace_parent, trace_state, occurred_at, enqueued_at, attempts + 1, last_error, clock_timestamp()
        FROM sent
        """;

    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;
    private DateTimeOffset _nextVacuum = DateTimeOffset.MinValue;
    private long _movedSinceVacuum;
    private DateTimeOffset _nextBacklogCount = DateTimeOffset.MinValue;

    /// <summary>Wakes the relay now.</summary>
    public void Signal() => signal.Signal();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // A failed round (the broker or the database away) is tried again after 100 ms, then twice as long each time up
        // to RelayMaxBackoff; the first round that succeeds starts the count again.
        var untilPublished = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = retry => ValueTask.FromResult(
                    retry.Outcome.Exception is { } exception && !(exception is OperationCanceledException && stoppingToken.IsCancellationRequested)),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = settings.RelayMaxBackoff,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = retry =>
                {
                    metrics.PublishFailed();
                    LogRelayFailed(logger, retry.Outcome.Exception!, retry.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            // Until the bus has started, what this service publishes for its own consumers could reach an exchange
            // with no queue bound yet, and the broker would drop it; what is committed meanwhile waits in the outbox.
            await busStarted.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await untilPublished.ExecuteAsync(
                    async token =>
                    {
                        await DrainAsync(settings, token);
                        await PurgeIfDueAsync(settings, token);
                    },
                    stoppingToken);
                await signal.WaitAsync(settings.RelayPollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Publishes batches until no unsent row is left that this instance can lock.</summary>
    private async Task DrainAsync(MessagingOptions settings, CancellationToken cancellationToken)
    {
        int published;
        do
        {
            published = await PublishBatchAsync(settings, cancellationToken);
            await VacuumIfDueAsync(settings, cancellationToken);
        }
        while (published == settings.RelayBatchSize);

        await RefreshBacklogIfDueAsync(cancellationToken);
    }

    internal async Task<int> PublishBatchAsync(MessagingOptions settings, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var rows = new List<OutboxRow>(settings.RelayBatchSize);
        await using (var select = new NpgsqlCommand(SelectBatchSql, connection, transaction) { Parameters = { new("limit", settings.RelayBatchSize) } })
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new OutboxRow(
                    reader.GetInt64("id"), reader.GetGuid("event_id"), reader.GetString("message_type"), reader.GetString("payload"),
                    reader.IsDBNull("correlation_id") ? null : reader.GetString("correlation_id"),
                    reader.IsDBNull("trace_parent") ? null : reader.GetString("trace_parent"),
                    reader.IsDBNull("trace_state") ? null : reader.GetString("trace_state")));
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var sent = new List<long>(rows.Count);
        (long Id, Exception Error)? failure = null;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(settings.PublishTimeout);
            // Started in id (commit) order and awaited together, so publisher confirms overlap instead of costing
            // a broker round trip each. The broker usually receives them in that order, but it is not guaranteed,
            // and concurrent consumers reorder anyway: consumers are idempotent and tolerate any order.
            var publishes = rows.Select(row => (row.Id, Task: PublishAsync(row, timeout.Token))).ToList();
            foreach (var (id, task) in publishes)
            {
                try
                {
                    await task;
                    sent.Add(id);
                }
                catch (Exception exception)
                {
                    failure ??= (id, exception);
                }
            }
        }

        // Confirmed rows are marked sent; the rest stay for the next attempt. A row published but not marked
        // (a crash right here) is published again and absorbed by the consumers' inbox.
        if (sent.Count > 0)
        {
            await using var mark = new NpgsqlCommand(MarkSentSql, connection, transaction)
            {
                Parameters = { new("ids", sent.ToArray()) },
            };
            await mark.ExecuteNonQueryAsync(cancellationToken);
            _movedSinceVacuum += sent.Count;
        }

        if (failure is { } failed)
        {
            await using var record = new NpgsqlCommand(
                "UPDATE outbox_pending SET attempts = attempts + 1, last_error = @error WHERE id = @id", connection, transaction)
            {
                Parameters = { new("id", failed.Id), new("error", Truncate(failed.Error.Message, 2000)) },
            };
            await record.ExecuteNonQueryAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            metrics.Published(sent.Count);
            throw new OutboxPublishException(
                $"Publishing outbox message {failed.Id} failed; {sent.Count} of {rows.Count} in the batch were published.", failed.Error);
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.Published(sent.Count);
        return rows.Count;
    }

    private async Task PublishAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var messageType = EventTypes.Resolve(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Payload, messageType, Outbox.SerializerOptions)
            ?? throw new InvalidOperationException($"Outbox message {row.Id} has an empty payload.");

        ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent);
        using var activity = MessagingMetrics.ActivitySource.StartActivity(
            $"outbox relay {messageType.Name}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.EventId);
        activity?.SetTag("platform.outbox.id", row.Id);
        if (row.CorrelationId is not null)
        {
            activity?.SetTag("correlation.id", row.CorrelationId);
        }

        await bus.Publish(message, messageType, context =>
        {
            context.MessageId = row.EventId;
            if (Guid.TryParse(row.CorrelationId, out var correlation))
            {
                context.CorrelationId = correlation;
            }
            if (row.CorrelationId is not null)
            {
                context.Headers.Set(MessagingHeaders.CorrelationId, row.CorrelationId);
            }
        }, cancellationToken);
    }

    /// <summary>The backlog gauge, counted at most once a second rather than after every drain.</summary>
    private async Task RefreshBacklogIfDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (now < _nextBacklogCount)
        {
            return;
        }

        _nextBacklogCount = now + TimeSpan.FromSeconds(1);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outbox_pending");
        metrics.OutboxBacklog((long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>
    /// Every moved row leaves a dead entry at the head of the pending table's primary key, which the next batch query
    /// steps over until a vacuum removes it. Autovacuum visits a database about once a minute; at a thousand rows a
    /// second that would be tens of thousands of dead entries per query. The relay vacuums the (small) pending table
    /// itself after <see cref="MessagingOptions.RelayVacuumAfter"/> moved rows, at most once a second, skipping it when
    /// another replica is vacuuming.
    /// </summary>
    private async Task VacuumIfDueAsync(MessagingOptions settings, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_movedSinceVacuum < settings.RelayVacuumAfter || now < _nextVacuum)
        {
            return;
        }

        _movedSinceVacuum = 0;
        _nextVacuum = now + TimeSpan.FromSeconds(1);
        try
        {
            await using var vacuum = dataSource.CreateCommand("VACUUM (SKIP_LOCKED) outbox_pending");
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception)
        {
            // Not the table's owner, say: autovacuum still comes, later. Try again in a while, not every second.
            _nextVacuum = now + TimeSpan.FromMinutes(10);
            LogVacuumFailed(logger, exception);
        }
    }

    private async Task PurgeIfDueAsync(MessagingOptions settings, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (now < _nextPurge)
        {
            return;
        }

        _nextPurge = now + settings.PurgeInterval;
        var cutoff = now - settings.Retention;
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM outbox_sent WHERE sent_at < @cutoff") { Parameters = { new("cutoff", cutoff) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM inbox_messages WHERE received_at < @cutoff") { Parameters = { new("cutoff", cutoff) } });
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private sealed record OutboxRow(long Id, Guid EventId, string MessageType, string Payload, string? CorrelationId, string? TraceParent, string? TraceState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay could not vacuum the pending outbox table; trying again in 10 minutes")]
    private static partial void LogVacuumFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay could not publish; retrying in {BackoffMs} ms")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, double backoffMs);

}

public sealed class OutboxPublishException(string message, Exception inner) : Exception(message, inner);
