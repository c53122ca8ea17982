namespace Platform.Contracts.Reporting;

public sealed record LessonPublished : IntegrationEvent
{
    public required Guid LessonId { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<string> TargetGroups { get; init; } = [];
    public IReadOnlyList<Guid> EffortIds { get; init; } = [];
    public IReadOnlyList<Guid> ChallengeIds { get; init; } = [];
}

/// <summary>A published lesson was revised: its new version; the earlier ones stay readable.</summary>
public sealed record LessonRevised : IntegrationEvent
{
    public required Guid LessonId { get; init; }
    public required int Version { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<string> TargetGroups { get; init; } = [];
    public IReadOnlyList<Guid> EffortIds { get; init; } = [];
    public IReadOnlyList<Guid> ChallengeIds { get; init; } = [];
}
