using MassTransit;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging;

/// <summary>Counts and logs messages that failed every retry and were moved to the <c>_error</c> queue.</summary>
internal sealed partial class DeadLetterObserver(MessagingMetrics metrics, ILogger<DeadLetterObserver> logger) : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class
    {
        metrics.DeadLettered(typeof(T).Name);
        LogDeadLettered(logger, exception, typeof(T).Name, context.MessageId, consumerType);
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "{MessageType} {MessageId} failed in {Consumer} after every retry; moved to the error queue")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, string messageType, Guid? messageId, string consumer);
}
