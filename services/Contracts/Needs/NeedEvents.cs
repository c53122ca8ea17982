namespace Platform.Contracts.Needs;

public sealed record Quantity(decimal Value, string Unit);

public sealed record NeedSubmitted : IntegrationEvent
{
    public required Guid NeedId { get; init; }
    public required string Reference { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string Theme { get; init; }
    public required Guid SubmittedByActorId { get; init; }
    public string? SubmitterKind { get; init; }
    public Guid? EstablishmentId { get; init; }
    public required IReadOnlyList<string> MunicipalityCodes { get; init; }
    public required IReadOnlyList<string> CountyCodes { get; init; }
    public Quantity? Quantity { get; init; }
    public DateOnly? NeededBy { get; init; }

    /// <summary>The day the need was identified (a need typed in later keeps its real day); the day of OccurredAt when absent.</summary>
    public DateOnly? IdentifiedOn { get; init; }

    public required string Urgency { get; init; }

    /// <summary>
    /// Only coordinators, agencies and the submitting company may read the need's text (a company's need); consumers
    /// keep its title and description out of everything others read.
    /// </summary>
    public bool Confidential { get; init; }
}

public sealed record NeedTriaged : IntegrationEvent
{
    public required Guid NeedId { get; init; }
    public required string Decision { get; init; }
    public required string Status { get; init; }
    public required string Theme { get; init; }
    public string? PreviousTheme { get; init; }
    public string? Reason { get; init; }
    public string? TriagedBy { get; init; }
}

public sealed record NeedWithdrawn : IntegrationEvent
{
    public required Guid NeedId { get; init; }
    public string? Reason { get; init; }
}

public sealed record NeedResolved : IntegrationEvent
{
    public required Guid NeedId { get; init; }
    public Guid? ChallengeId { get; init; }
}
