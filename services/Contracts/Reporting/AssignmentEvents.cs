namespace Platform.Contracts.Reporting;

/// <summary>A government assignment (regeringsuppdrag) was registered; efforts may be funded by it from now on.</summary>
public sealed record AssignmentRegistered : IntegrationEvent
{
    public required string Reference { get; init; }
    public required string Title { get; init; }
    public required int BudgetYear { get; init; }
    public required decimal BudgetSek { get; init; }
}

/// <summary>A coordinator corrected an assignment: what it is from now on (a budget change is a new budget entry).</summary>
public sealed record AssignmentUpdated : IntegrationEvent
{
    public required string Reference { get; init; }
    public required int Version { get; init; }
    public required string Title { get; init; }
    public required DateOnly DecisionDate { get; init; }
    public required DateOnly ReportDueDate { get; init; }
    public required string Appropriation { get; init; }
    public string? ExpenditureArea { get; init; }
    public required int BudgetYear { get; init; }
    public required decimal BudgetSek { get; init; }
}
