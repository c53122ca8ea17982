namespace Platform.Messaging;

public static class MessagingHeaders
{
    /// <summary>The platform correlation id (any string, unlike MassTransit's Guid CorrelationId).</summary>
    public const string CorrelationId = "X-Correlation-Id";
}
