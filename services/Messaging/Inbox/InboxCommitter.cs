using System.Data;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Messaging.Inbox;

/// <summary>One consumed message waiting for its inbox transaction.</summary>
internal sealed class InboxWork(Guid messageId, string consumer, string messageType, Func<NpgsqlTransaction, Task> handle)
{
    public Guid MessageId { get; } = messageId;

    public string Consumer { get; } = consumer;

    public string MessageType { get; } = messageType;

    public Func<NpgsqlTransaction, Task> Handle { get; } = handle;

    /// <summary>The consume's trace, restored while the handler runs so the events it enqueues carry it.</summary>
    public Activity? Activity { get; } = Activity.Current;

    /// <summary>True once the handler's work committed; false for a message this consumer had already handled.</summary>
    public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit for the inbox: messages consumed at the same time share one transaction, so under load a service pays
/// one inbox insert and one commit for many messages instead of one each. Up to
/// <see cref="MessagingOptions.InboxWriters"/> transactions run at once, each taking what has queued up to
/// <see cref="MessagingOptions.InboxGroupSize"/> messages; a message that arrives while a writer is free runs at once,
/// alone, so grouping adds no wait. A message's consume completes only after its transaction committed.
/// When a handler throws, the transaction rolls back, that message fails on its own (MassTransit retries it, alone)
/// and the others run again without it: a handler may run more than once, as with any retry; what it writes
/// commits once.
/// </summary>
public sealed class InboxCommitter : IAsyncDisposable
{
    private const string RecordSql = """
        INSERT INTO inbox_messages (message_id, consumer, message_type)
        SELECT * FROM unnest(@messageIds, @consumers, @messageTypes)
        ON CONFLICT (message_id, consumer) DO NOTHING
        RETURNING message_id, consumer
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _groupSize;
    private readonly Channel<InboxWork> _queue = Channel.CreateUnbounded<InboxWork>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _writers;

    public InboxCommitter(NpgsqlDataSource dataSource, Outbox.Outbox outbox, IOptions<MessagingOptions> options)
    {
        _dataSource = dataSource;
        Outbox = outbox;
        _groupSize = options.Value.InboxGroupSize;
        _writers = _groupSize > 1
            ? [.. Enumerable.Range(0, options.Value.InboxWriters).Select(_ => Task.Run(WriteAsync))]
            : [];
    }

    internal Outbox.Outbox Outbox { get; }

    /// <summary>
    /// Records the message in the inbox and runs its handler in a transaction, shared with other messages unless
    /// <paramref name="alone"/>; true when the handler ran and committed, false for a duplicate.
    /// </summary>
    internal async Task<bool> RunAsync(InboxWork work, bool alone)
    {
        if (alone || _writers.Length == 0)
        {
            await CommitGroupAsync([work]);
        }
        else if (!_queue.Writer.TryWrite(work))
        {
            throw new ObjectDisposedException(nameof(InboxCommitter));
        }

        return await work.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await Task.WhenAll(_writers);
        while (_queue.Reader.TryRead(out var work))
        {
            work.Completion.TrySetCanceled();
        }

        _stopping.Dispose();
    }

    private async Task WriteAsync()
    {
        var group = new List<InboxWork>(_groupSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                while (group.Count < _groupSize && _queue.Reader.TryRead(out var work))
                {
                    group.Add(work);
                }

                if (group.Count > 0)
                {
                    await CommitGroupAsync(group);
                    group.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            foreach (var work in group)
            {
                work.Completion.TrySetCanceled();
            }
        }
    }

    /// <summary>Completes every message of the group: committed, duplicate, or failed with its exception.</summary>
    private async Task CommitGroupAsync(IReadOnlyList<InboxWork> group)
    {
        var pending = group.ToList();
        while (pending.Count > 0)
        {
            try
            {
                if (await TryCommitAsync(pending) is not { } failed)
                {
                    return;
                }

                failed.Work.Completion.TrySetException(failed.Error);
                pending.Remove(failed.Work);
            }
            catch (Exception exception)
            {
                // The database itself failed (connection, inbox insert, commit): nothing committed, every message fails.
                foreach (var work in pending)
                {
                    work.Completion.TrySetException(exception);
                }

                return;
            }
        }
    }

    /// <summary>
    /// One transaction over <paramref name="pending"/>: completes them all and returns null when it committed; returns
    /// the first message whose handler threw (the transaction rolled back, nothing completed); throws when the
    /// database failed.
    /// </summary>
    private async Task<(InboxWork Work, Exception Error)?> TryCommitAsync(List<InboxWork> pending)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // Each message is handled by its first delivery in the group; the rest of the group, and messages whose row
        // already existed, are duplicates. A delivery of the same message being handled in another transaction blocks
        // on the primary key until that one commits (then it is a duplicate) or rolls back (then it is handled here).
        var candidates = pending.DistinctBy(work => (work.MessageId, work.Consumer)).ToList();
        var recorded = await RecordAsync(transaction, candidates);
        var handled = candidates.Where(work => recorded.Contains((work.MessageId, work.Consumer))).ToHashSet();

        var previous = Activity.Current;
        try
        {
            // In the order the messages arrived.
            foreach (var work in pending.Where(handled.Contains))
            {
                Activity.Current = work.Activity;
                try
                {
                    await work.Handle(transaction);
                }
                catch (Exception exception)
                {
                    return (work, exception);
                }
            }
        }
        finally
        {
            Activity.Current = previous;
        }

        await Outbox.CommitAsync(transaction);
        foreach (var work in pending)
        {
            work.Completion.TrySetResult(handled.Contains(work));
        }

        return null;
    }

    private static async Task<HashSet<(Guid, string)>> RecordAsync(NpgsqlTransaction transaction, List<InboxWork> candidates)
    {
        // In key order, so two transactions recording overlapping messages take their row locks in the same order.
        candidates = [.. candidates.OrderBy(work => work.MessageId).ThenBy(work => work.Consumer, StringComparer.Ordinal)];
        await using var record = new NpgsqlCommand(RecordSql, transaction.Connection, transaction)
        {
            Parameters =
            {
                new("messageIds", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = candidates.Select(work => work.MessageId).ToArray() },
                new("consumers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = candidates.Select(work => work.Consumer).ToArray() },
                new("messageTypes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = candidates.Select(work => work.MessageType).ToArray() },
            },
        };

        var recorded = new HashSet<(Guid, string)>();
        await using var reader = await record.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            recorded.Add((reader.GetGuid("message_id"), reader.GetString("consumer")));
        }

        return recorded;
    }
}
