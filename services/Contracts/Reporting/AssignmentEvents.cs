namespace Platform.Contracts.Reporting;

/// <summary>A government assignment (regeringsuppdrag) was registered; efforts may be funded by it from now on.</summary>
public sealed record AssignmentRegistered : IntegrationEvent
{
    public required string Reference { get; init; }
    public required string Title { get; init; }
    public required int BudgetYear { get; init; }
    public required decimal BudgetSek { get; init; }
}
