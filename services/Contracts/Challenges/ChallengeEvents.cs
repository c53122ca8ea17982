namespace Platform.Contracts.Challenges;

public sealed record ChallengeIdentified : IntegrationEvent
{
    public required Guid ChallengeId { get; init; }
    public required string Reference { get; init; }
    public required string Theme { get; init; }
    public required string Title { get; init; }
    public required string Status { get; init; }
}

/// <summary>A challenge's title and description changed (e.g. a neutral title replaced by a public need's).</summary>
public sealed record ChallengeUpdated : IntegrationEvent
{
    public required Guid ChallengeId { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
}

/// <summary>A coordinator set the government assignments a challenge is reported under (all of them, replacing the earlier).</summary>
public sealed record ChallengeAssignmentsChanged : IntegrationEvent
{
    public required Guid ChallengeId { get; init; }
    public required IReadOnlyList<string> Assignments { get; init; }
}

public sealed record NeedLinkedToChallenge : IntegrationEvent
{
    public required Guid NeedId { get; init; }
    public required Guid ChallengeId { get; init; }
    public Guid? PreviousChallengeId { get; init; }
    public required double Score { get; init; }
    public required bool Automatic { get; init; }
    public IReadOnlyList<string> CountyCodes { get; init; } = [];
    public bool CrossCounty { get; init; }
}

public sealed record ChallengeStatusChanged : IntegrationEvent
{
    public required Guid ChallengeId { get; init; }
    public required string PreviousStatus { get; init; }
    public required string Status { get; init; }
    public string? Note { get; init; }
}

public sealed record ChallengesMerged : IntegrationEvent
{
    public required Guid TargetChallengeId { get; init; }
    public required Guid MergedChallengeId { get; init; }
    public IReadOnlyList<Guid> MovedNeedIds { get; init; } = [];
}

public sealed record EffortLaunched : IntegrationEvent
{
    public required Guid EffortId { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<Guid> ChallengeIds { get; init; }
    public required Guid LeadActorId { get; init; }
    public required string Status { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public required decimal BudgetSek { get; init; }
    public string? FundingAssignment { get; init; }
}

public sealed record EffortProgressReported : IntegrationEvent
{
    public required Guid EffortId { get; init; }
    public required int ProgressPercent { get; init; }
    public required string Status { get; init; }
    public string? Note { get; init; }

    /// <summary>The indicators this report gave (each replaces the effort's indicator of its name; others stand).</summary>
    public IReadOnlyList<EffortIndicator> Indicators { get; init; } = [];
}

/// <summary>A coordinator edited an effort: what it is from now on (a budget change is a new budget entry, never an edit).</summary>
public sealed record EffortRevised : IntegrationEvent
{
    public required Guid EffortId { get; init; }
    public required int Version { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required Guid LeadActorId { get; init; }
    public IReadOnlyList<EffortParticipant> Participants { get; init; } = [];
    public required DateOnly StartDate { get; init; }
    public required DateOnly EndDate { get; init; }
    public required decimal BudgetSek { get; init; }

    /// <summary>All the effort's indicators after the edit.</summary>
    public IReadOnlyList<EffortIndicator> Indicators { get; init; } = [];

    /// <summary>The names of the indicators the edit removed.</summary>
    public IReadOnlyList<string> RemovedIndicators { get; init; } = [];
}

/// <summary>An actor taking part in an effort, in the role it has.</summary>
public sealed record EffortParticipant(Guid ActorId, string Role);

/// <summary>An indicator of an effort's result: where it started, where it is meant to get, where it is (if measured).</summary>
public sealed record EffortIndicator(string Name, string Unit, decimal Baseline, decimal Target, decimal? Actual);

public sealed record ExpenditureRecorded : IntegrationEvent
{
    public required Guid ExpenditureId { get; init; }
    public required Guid EffortId { get; init; }
    public required DateOnly Date { get; init; }
    public required decimal AmountSek { get; init; }
    public required string Category { get; init; }
    public string? Description { get; init; }
    public string? FundingAssignment { get; init; }

    /// <summary>For a reversing entry (a negative amount): the expenditure it reverses.</summary>
    public Guid? ReversesExpenditureId { get; init; }

    /// <summary>For a reversing entry: why.</summary>
    public string? Reason { get; init; }
}

public sealed record EffortCompleted : IntegrationEvent
{
    public required Guid EffortId { get; init; }
    public required DateOnly CompletedOn { get; init; }
}
