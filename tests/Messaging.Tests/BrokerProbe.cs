using System.Text;
using RabbitMQ.Client;

namespace Platform.Messaging.Tests;

public sealed record DeadLetter(string? MessageId, string? FaultExceptionType);

/// <summary>Reads a queue directly with the RabbitMQ client, as an operator would.</summary>
public static class BrokerProbe
{
    public static async Task<DeadLetter?> GetAsync(string connectionString, string queue, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        BasicGetResult? result = null;
        await Wait.UntilAsync(async () =>
        {
            // The error queue exists only once something was dead-lettered; a missing queue closes the channel.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                result = await channel.BasicGetAsync(queue, autoAck: true, cancellationToken);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
            {
                result = null;
            }

            return result is not null;
        }, TimeSpan.FromSeconds(30), $"a message in {queue}", cancellationToken);

        var headers = result!.BasicProperties.Headers ?? new Dictionary<string, object?>();
        var body = Encoding.UTF8.GetString(result.Body.Span);
        var messageIdFromBody = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("messageId").GetString();
        var exceptionType = headers.TryGetValue("MT-Fault-ExceptionType", out var value) && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;
        return new DeadLetter(result.BasicProperties.MessageId ?? messageIdFromBody, exceptionType);
    }
}
