namespace Platform.Contracts.Reporting;

public sealed record LessonPublished : IntegrationEvent
{
    public required Guid LessonId { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<string> TargetGroups { get; init; } = [];
    public IReadOnlyList<Guid> EffortIds { get; init; } = [];
    public IReadOnlyList<Guid> ChallengeIds { get; init; } = [];
}
