using System.Text.Json;
using RabbitMQ.Client;

namespace Platform.ScaleOut.Tests;

/// <summary>
/// A durable queue of the test's own, bound to an event's exchange before the events are published: afterwards it
/// holds one copy of every publication (a broker restart included), which the test reads to tell how often each event
/// was published.
/// </summary>
public sealed class EventProbe(IConnection connection, string queue) : IAsyncDisposable
{
    public static async Task<EventProbe> BindAsync(string brokerConnectionString, string exchange, CancellationToken cancellationToken)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(brokerConnectionString) }.CreateConnectionAsync(cancellationToken);
        var queue = $"scale-out-probe-{Guid.NewGuid():N}";
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue, exchange, routingKey: string.Empty, cancellationToken: cancellationToken);
        return new EventProbe(connection, queue);
    }

    /// <summary>Takes every publication in the queue: its message id and the event's <paramref name="field"/> (a GUID).</summary>
    public async Task<IReadOnlyList<(string MessageId, Guid Subject)>> DrainAsync(string field, CancellationToken cancellationToken)
    {
        var publications = new List<(string, Guid)>();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        while (await channel.BasicGetAsync(queue, autoAck: true, cancellationToken) is { } message)
        {
            using var body = JsonDocument.Parse(message.Body);
            publications.Add((message.BasicProperties.MessageId ?? body.RootElement.GetProperty("messageId").GetString()!,
                body.RootElement.GetProperty("message").GetProperty(field).GetGuid()));
        }

        return publications;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeleteAsync(queue);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
