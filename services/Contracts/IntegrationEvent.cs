namespace Platform.Contracts;

/// <summary>Base of every event: identity, time and correlation. Records only, no behaviour.</summary>
public abstract record IntegrationEvent : IIntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    public string? CorrelationId { get; init; }
}
