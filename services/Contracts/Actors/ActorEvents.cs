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

/// <summary>A coordinator edited a forum: what it is from now on (its members change by their own events).</summary>
public sealed record ForumUpdated : IntegrationEvent
{
    public required Guid ForumId { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }
    public string? Purpose { get; init; }
    public required string Scope { get; init; }
    public Guid? ConvenorActorId { get; init; }
    public IReadOnlyList<string> Assignments { get; init; } = [];
}

/// <summary>An actor left a forum (a coordinator removed it).</summary>
public sealed record ForumMemberRemoved : IntegrationEvent
{
    public required Guid ForumId { get; init; }
    public required Guid ActorId { get; init; }
    public required string Role { get; init; }
}

/// <summary>A member of a forum took another role.</summary>
public sealed record ForumMemberRoleChanged : IntegrationEvent
{
    public required Guid ForumId { get; init; }
    public required Guid ActorId { get; init; }
    public required string Role { get; init; }
    public required string PreviousRole { get; init; }
}

public sealed record MeetingRecorded : IntegrationEvent
{
    public required Guid MeetingId { get; init; }
    public Guid? ForumId { get; init; }
    public required DateOnly Date { get; init; }
    public required string Title { get; init; }

    /// <summary><c>planned</c> or <c>held</c>; absent in events from before meetings had states (held when its date had come).</summary>
    public string? Status { get; init; }
    public IReadOnlyList<Guid> AttendingActorIds { get; init; } = [];
    public IReadOnlyList<Guid> NeedIds { get; init; } = [];
    public IReadOnlyList<Guid> ChallengeIds { get; init; } = [];

    /// <summary>The government assignments (registration numbers) the meeting was held for; their reports include it.</summary>
    public IReadOnlyList<string> Assignments { get; init; } = [];
}

/// <summary>A coordinator edited a meeting (or marked it held): what it is from now on.</summary>
public sealed record MeetingUpdated : IntegrationEvent
{
    public required Guid MeetingId { get; init; }
    public required int Version { get; init; }
    public Guid? ForumId { get; init; }
    public required DateOnly Date { get; init; }
    public required string Title { get; init; }
    public required string Status { get; init; }
    public IReadOnlyList<Guid> AttendingActorIds { get; init; } = [];
    public IReadOnlyList<Guid> NeedIds { get; init; } = [];
    public IReadOnlyList<Guid> ChallengeIds { get; init; } = [];
    public IReadOnlyList<string> Assignments { get; init; } = [];
}
