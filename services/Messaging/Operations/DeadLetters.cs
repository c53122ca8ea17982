using System.Collections.Concurrent;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Http;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging.Operations;

/// <summary>The service's receive queues, as MassTransit reports them ready; each may have an <c>_error</c> queue.</summary>
public sealed class ReceiveQueues : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<string, byte> _queues = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => [.. _queues.Keys.Order(StringComparer.Ordinal)];

    public Task Ready(ReceiveEndpointReady ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        _queues.TryAdd(ready.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1], 0);
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}

public sealed record RequeueResult(IReadOnlyDictionary<string, int> Requeued, int Total);

/// <summary>
/// Moves dead-lettered messages (<c>{queue}_error</c>) back to their queues, once the cause is fixed: each message is
/// published with confirmation and only then removed from the error queue (a crash in between delivers it twice,
/// which the inbox absorbs). Fault headers are dropped, so a new failure records its own.
/// </summary>
public sealed partial class DeadLetterRequeuer(ReceiveQueues queues, BrokerAddress broker, ILogger<DeadLetterRequeuer> logger)
{
    public async Task<RequeueResult> RequeueAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = broker.Uri, ClientProvidedName = "dead-letter-requeue" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        var requeued = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queue in queues.Names)
        {
            var moved = await RequeueAsync(connection, queue, cancellationToken);
            if (moved > 0)
            {
                requeued[queue] = moved;
                LogRequeued(logger, moved, queue);
            }
        }

        return new RequeueResult(requeued, requeued.Values.Sum());
    }

    private static async Task<int> RequeueAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        var errorQueue = $"{queue}_error";
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        try
        {
            await channel.QueueDeclarePassiveAsync(errorQueue, cancellationToken);
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            return 0; // Nothing was ever dead-lettered here.
        }

        var moved = 0;
        while (await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties)
            {
                Headers = message.BasicProperties.Headers?
                    .Where(header => !header.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && header.Key != "MT-Reason")
                    .ToDictionary(header => header.Key, header => header.Value),
            };
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Requeued {Count} dead-lettered messages to {Queue}")]
    private static partial void LogRequeued(ILogger logger, int count, string queue);
}

/// <summary>The broker's address (with credentials) from the <c>messaging</c> connection string.</summary>
public sealed record BrokerAddress(Uri Uri)
{
    /// <summary>The AMQP port: the address's own, else AMQP's default.</summary>
    public int Port => Uri.IsDefaultPort ? 5672 : Uri.Port;
}

public static class MessagingOperations
{
    /// <summary>
    /// <c>POST /operations/dead-letters/requeue</c> (operator key or coordinator): every dead-lettered message of this
    /// service back to its queue. The AppHost shows it as a command on the service's dashboard page.
    /// </summary>
    public static IEndpointRouteBuilder MapMessagingOperations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/operations/dead-letters/requeue", RequeueDeadLetters).WithTags("Operations").WithName("RequeueDeadLetters")
            .WithSummary("Moves this service's dead-lettered messages back to their queues (operator key or coordinator).").AllowAnonymous();
        return app;
    }

    public static async Task<Results<Ok<RequeueResult>, ProblemHttpResult>> RequeueDeadLetters(
        HttpContext context, DeadLetterRequeuer requeuer, CancellationToken cancellationToken)
    {
        if (OperatorAccess.Refuse(context) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(await requeuer.RequeueAsync(cancellationToken));
    }
}
