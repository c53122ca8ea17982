namespace Platform.Reporting.Apis;

/// <summary>
/// The body of <c>POST /api/assignments</c> as the service reads it: the JSON of
/// <see cref="Platform.Client.Models.AssignmentRequest"/>, with every field optional so that a missing or null budget
/// year or amount is a 400 naming that field rather than a body that does not bind.
/// </summary>
public sealed record AssignmentRequest(
    string? Reference, string? Title, string? DecisionDate, string? ReportDueDate, string? Appropriation, string? ExpenditureArea, int? BudgetYear,
    decimal? BudgetSek);
