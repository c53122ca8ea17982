using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Needs;

namespace Platform.Notifications.Data;

/// <summary>An event arrived before the one that tells of what it is about (a need's submission, an effort's launch, a forum's creation); the message is retried.</summary>
public sealed class SubjectNotYetKnownException(string subject) : Exception($"{subject} is not known yet.");

/// <summary>
/// What a consumed event does here, in the consumer's transaction: the service learns from it, queues its webhook
/// deliveries and writes its feed entries. An event about something the service does not know yet waits (it is
/// retried) while it is recent, since the event that tells of it may be on its way: who may see a need's event depends
/// on the need, and whom a feed entry is for on the need, effort or forum. An older one (about something from before
/// this service) goes ahead: a need's event as a confidential need's would, without feed entries for the unknown.
/// </summary>
public sealed class EventRecorder(WebhookStore webhooks, FeedStore feed, TimeProvider timeProvider)
{
    private static readonly TimeSpan RecentEnough = TimeSpan.FromMinutes(2);

    public async Task RecordAsync(NpgsqlTransaction transaction, IIntegrationEvent @event, CancellationToken cancellationToken)
    {
        await PlatformKnowledge.LearnAsync(transaction, @event, cancellationToken);
        if (timeProvider.GetUtcNow() - @event.OccurredAt < RecentEnough && await PlatformKnowledge.MissingAsync(transaction, @event, cancellationToken) is { } missing)
        {
            throw new SubjectNotYetKnownException(missing);
        }

        await webhooks.RecordAsync(transaction, @event, cancellationToken);
        await feed.RecordAsync(transaction, @event, cancellationToken);
    }
}
