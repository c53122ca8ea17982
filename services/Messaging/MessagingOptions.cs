using System.ComponentModel.DataAnnotations;

namespace Platform.Messaging;

/// <summary>Configuration section <c>Messaging</c>; defaults suit a single node.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Rows the relay takes per transaction.</summary>
    [Range(1, 10_000)]
    public int RelayBatchSize { get; set; } = 200;

    /// <summary>How often the relay looks for rows it was not signalled about (other replicas' rows, rows left by a crash).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts while the broker refuses messages.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RelayMaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Published rows after which the relay vacuums the pending outbox table (at most once a second).</summary>
    [Range(100, 10_000_000)]
    public int RelayVacuumAfter { get; set; } = 1_000;

    /// <summary>How long a single publish may take before the relay treats the broker as unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sent outbox rows and inbox rows older than this are purged.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the purge runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Immediate redeliveries of a failing message before the incremental ones.</summary>
    [Range(0, 10)]
    public int ImmediateRetries { get; set; } = 2;

    /// <summary>Incremental redeliveries (after the immediate ones) before the message is dead-lettered.</summary>
    [Range(0, 20)]
    public int IncrementalRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryInitialInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryIntervalIncrement { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most messages consumed at the same time that share one inbox transaction; 1 gives each message its own.</summary>
    [Range(1, 1000)]
    public int InboxGroupSize { get; set; } = 100;

    /// <summary>Inbox transactions that run at once, each over the messages that queued up while the others ran.</summary>
    [Range(1, 64)]
    public int InboxWriters { get; set; } = 4;

    /// <summary>Messages each endpoint fetches ahead from RabbitMQ.</summary>
    [Range(1, 1000)]
    public int PrefetchCount { get; set; } = 32;

    /// <summary>
    /// The kind of queue the service's consumers (and their error queues) are declared as: <c>Classic</c> on a single
    /// node, <c>Quorum</c> (replicated) on a clustered broker. A queue keeps the kind it was declared with: changing this
    /// for an existing broker needs its queues drained and deleted first.
    /// </summary>
    [EnumDataType(typeof(QueueType))]
    public QueueType QueueType { get; set; } = QueueType.Classic;
}

/// <summary>RabbitMQ's queue types the platform declares.</summary>
public enum QueueType
{
    Classic,
    Quorum,
}
