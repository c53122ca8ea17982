using MassTransit;
using Npgsql;
using Platform.Contracts;

namespace Platform.Messaging.Inbox;

/// <summary>What a consumer's handler works with: its transaction and the outbox for the events it causes.</summary>
public sealed class InboxContext<TMessage>(ConsumeContext<TMessage> consumeContext, NpgsqlTransaction transaction, Outbox.Outbox outbox)
    where TMessage : class, IIntegrationEvent
{
    public ConsumeContext<TMessage> ConsumeContext { get; } = consumeContext;

    public TMessage Message => ConsumeContext.Message;

    public NpgsqlTransaction Transaction { get; } = transaction;

    public NpgsqlConnection Connection => Transaction.Connection!;

    public CancellationToken CancellationToken => ConsumeContext.CancellationToken;

    /// <summary>Enqueues an event that commits with this consumer's work.</summary>
    public Task PublishAsync(IIntegrationEvent @event) => outbox.EnqueueAsync(Transaction, @event, CancellationToken);
}

/// <summary>What every inbox consumer needs from the service: its database, its outbox, metrics and the clock.</summary>
public sealed class InboxServices(NpgsqlDataSource dataSource, Outbox.Outbox outbox, MessagingMetrics metrics, TimeProvider timeProvider)
{
    internal NpgsqlDataSource DataSource { get; } = dataSource;

    internal Outbox.Outbox Outbox { get; } = outbox;

    internal MessagingMetrics Metrics { get; } = metrics;

    internal TimeProvider TimeProvider { get; } = timeProvider;
}

/// <summary>
/// An idempotent consumer: first records (message id, consumer) in the inbox, in the same transaction as the
/// handler's own writes and any events it enqueues. A redelivered message finds its row, is acked and skipped.
/// </summary>
public abstract class InboxConsumer<TMessage>(InboxServices services)
    : IConsumer<TMessage>
    where TMessage : class, IIntegrationEvent
{
    private const string RecordSql = """
        INSERT INTO inbox_messages (message_id, consumer, message_type) VALUES ($1, $2, $3)
        ON CONFLICT (message_id, consumer) DO NOTHING
        """;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? context.Message.EventId;
        await using var connection = await services.DataSource.OpenConnectionAsync(context.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);

        await using (var record = new NpgsqlCommand(RecordSql, connection, transaction)
        {
            Parameters = { new() { Value = messageId }, new() { Value = ConsumerKey }, new() { Value = typeof(TMessage).Name } },
        })
        {
            // A concurrent duplicate blocks here on the primary key until the first delivery commits or rolls back.
            if (await record.ExecuteNonQueryAsync(context.CancellationToken) == 0)
            {
                services.Metrics.DuplicateSkipped(ConsumerKey);
                return;
            }
        }

        await HandleAsync(new InboxContext<TMessage>(context, transaction, services.Outbox));
        await services.Outbox.CommitAsync(transaction, context.CancellationToken);
        services.Metrics.Consumed(ConsumerKey, services.TimeProvider.GetUtcNow() - context.Message.OccurredAt);
    }

    protected abstract Task HandleAsync(InboxContext<TMessage> context);

    /// <summary>The inbox key of this consumer; stable across releases as long as the type keeps its name.</summary>
    private string ConsumerKey => GetType().FullName!;
}
