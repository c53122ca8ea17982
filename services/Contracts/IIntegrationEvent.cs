namespace Platform.Contracts;

/// <summary>What every event of the platform carries.</summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }

    string? CorrelationId { get; }
}
