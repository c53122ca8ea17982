using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Messaging;

/// <summary>The messaging building block's meter and activity source, <c>Platform.Messaging</c>.</summary>
public sealed class MessagingMetrics : IDisposable
{
    public const string Name = "Platform.Messaging";

    internal static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _duplicatesSkipped;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _eventLag;
    private long _outboxBacklog;

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _published = _meter.CreateCounter<long>("platform.outbox.published", "{message}", "Outbox messages published to the broker.");
        _publishFailures = _meter.CreateCounter<long>("platform.outbox.publish_failures", "{attempt}", "Relay attempts that the broker refused or timed out.");
        _duplicatesSkipped = _meter.CreateCounter<long>("platform.inbox.duplicates_skipped", "{message}", "Redelivered messages the inbox recognised and skipped.");
        _consumed = _meter.CreateCounter<long>("platform.inbox.consumed", "{message}", "Messages consumed for the first time.");
        _deadLettered = _meter.CreateCounter<long>("platform.consumer.dead_lettered", "{message}", "Messages that failed every retry and went to the error queue.");
        _eventLag = _meter.CreateHistogram<double>("platform.event.lag", "ms", "Consumption time minus the event's OccurredAt.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000, 60000] });
        _meter.CreateObservableGauge("platform.outbox.backlog", () => Interlocked.Read(ref _outboxBacklog), "{message}", "Committed outbox messages not yet published.");
    }

    public void Published(int count) => _published.Add(count);

    public void PublishFailed() => _publishFailures.Add(1);

    public void DuplicateSkipped(string consumer) => _duplicatesSkipped.Add(1, new KeyValuePair<string, object?>("consumer", consumer));

    public void Consumed(string consumer, TimeSpan lag)
    {
        var tag = new KeyValuePair<string, object?>("consumer", consumer);
        _consumed.Add(1, tag);
        _eventLag.Record(Math.Max(0, lag.TotalMilliseconds), tag);
    }

    public void DeadLettered(string messageType) => _deadLettered.Add(1, new KeyValuePair<string, object?>("message_type", messageType));

    public void OutboxBacklog(long count) => Interlocked.Exchange(ref _outboxBacklog, count);

    public void Dispose() => _meter.Dispose();
}
