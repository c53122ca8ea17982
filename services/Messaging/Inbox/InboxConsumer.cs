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

/// <summary>What every inbox consumer needs from the service: the inbox's transactions, metrics and the clock.</summary>
public sealed class InboxServices(InboxCommitter committer, MessagingMetrics metrics, TimeProvider timeProvider)
{
    internal InboxCommitter Committer { get; } = committer;

    internal MessagingMetrics Metrics { get; } = metrics;

    internal TimeProvider TimeProvider { get; } = timeProvider;
}

/// <summary>
/// An idempotent consumer: first records (message id, consumer) in the inbox, in the same transaction as the
/// handler's own writes and any events it enqueues. A redelivered message finds its row, is acked and skipped.
/// Messages consumed at the same time may share the transaction (<see cref="InboxCommitter"/>); a retry runs alone.
/// </summary>
public abstract class InboxConsumer<TMessage>(InboxServices services)
    : IConsumer<TMessage>
    where TMessage : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var work = new InboxWork(
            context.MessageId ?? context.Message.EventId,
            ConsumerKey,
            typeof(TMessage).Name,
            transaction => HandleAsync(new InboxContext<TMessage>(context, transaction, services.Committer.Outbox)));
        if (await services.Committer.RunAsync(work, alone: context.GetRetryAttempt() > 0))
        {
            services.Metrics.Consumed(ConsumerKey, services.TimeProvider.GetUtcNow() - context.Message.OccurredAt);
            Committed();
        }
        else
        {
            services.Metrics.DuplicateSkipped(ConsumerKey);
        }
    }

    protected abstract Task HandleAsync(InboxContext<TMessage> context);

    /// <summary>Runs once what the handler wrote has committed: to tell another part of the service there is work to see.</summary>
    protected virtual void Committed()
    {
    }

    /// <summary>The inbox key of this consumer; stable across releases as long as the type keeps its name.</summary>
    private string ConsumerKey => GetType().FullName!;
}
