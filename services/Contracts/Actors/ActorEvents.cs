namespace Platform.Contracts.Actors;

public sealed record ActorRegistered : IntegrationEvent
{
    public required Guid ActorId { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public string? OrganisationNumber { get; init; }
    public string? MunicipalityCode { get; init; }
    public IReadOnlyList<string> CountyCodes { get; init; } = [];
    public bool Active { get; init; } = true;
}

public sealed record ActorUpdated : IntegrationEvent
{
    public required Guid ActorId { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public string? OrganisationNumber { get; init; }
    public string? MunicipalityCode { get; init; }
    public IReadOnlyList<string> CountyCodes { get; init; } = [];
    public bool Active { get; init; } = true;
    public required int Version { get; init; }
}

public sealed record ActorDeactivated : IntegrationEvent
{
    public required Guid ActorId { get; init; }
    public string? Reason { get; init; }

    /// <summary>The actor's version after deactivation, so replicas can order it against updates and reactivations.</summary>
    public int? Version { get; init; }
}

/// <summary>A deactivated actor made active again by a coordinator.</summary>
public sealed record ActorReactivated : IntegrationEvent
{
    public required Guid ActorId { get; init; }
    public string? Reason { get; init; }

    /// <summary>The actor's version after reactivation, so replicas can order it against updates and deactivations.</summary>
    public required int Version { get; init; }
}

public sealed record EstablishmentRegistered : IntegrationEvent
{
    public required Guid EstablishmentId { get; init; }
    public required Guid CompanyActorId { get; init; }
    public required string Name { get; init; }
    public required string Sector { get; init; }
    public required string MunicipalityCode { get; init; }
    public required string CountyCode { get; init; }
    public decimal? InvestmentSek { get; init; }
    public int? ExpectedJobs { get; init; }
    public required string Phase { get; init; }
}

public sealed record EstablishmentUpdated : IntegrationEvent
{
    public required Guid EstablishmentId { get; init; }
    public required Guid CompanyActorId { get; init; }
    public required string Name { get; init; }
    public required string Sector { get; init; }
    public required string MunicipalityCode { get; init; }
    public required string CountyCode { get; init; }
    public decimal? InvestmentSek { get; init; }
    public int? ExpectedJobs { get; init; }
    public required string Phase { get; init; }
    public required int Version { get; init; }
}

public sealed record ForumCreated : IntegrationEvent
{
    public required Guid ForumId { get; init; }
    public required string Name { get; init; }
    public required string Scope { get; init; }
    public Guid? ConvenorActorId { get; init; }

    /// <summary>The government assignments (registration numbers) the forum works for; their reports include it.</summary>
    public IReadOnlyList<string> Assignments { get; init; } = [];
}

public sealed record ForumMemberAdded : IntegrationEvent
{
    public required Guid ForumId { get; init; }
    public required Guid ActorId { get; init; }
    public required string Role { get; init; }
}

public sealed record MeetingRecorded : IntegrationEvent
{
    public required Guid MeetingId { get; init; }
    public Guid? ForumId { get; init; }
    public required DateOnly Date { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<Guid> AttendingActorIds { get; init; } = [];
    public IReadOnlyList<Guid> NeedIds { get; init; } = [];
    public IReadOnlyList<Guid> ChallengeIds { get; init; } = [];

    /// <summary>The government assignments (registration numbers) the meeting was held for; their reports include it.</summary>
    public IReadOnlyList<string> Assignments { get; init; } = [];
}
