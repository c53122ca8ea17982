namespace Platform.Contracts;

/// <summary>Base of every event: identity, time, correlation and who caused it. Records only, no behaviour.</summary>
public abstract record IntegrationEvent : IIntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    public string? CorrelationId { get; init; }

    /// <summary>Who made the change: the signed-in user's name (else user name or subject); null when the platform itself acted (a consumer, a job).</summary>
    public string? ChangedBy { get; init; }

    /// <summary>The actor the user acted for, when an actor's user made the change.</summary>
    public Guid? ChangedByActorId { get; init; }
}
