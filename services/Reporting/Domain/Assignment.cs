using Platform.Client.Models;
using Platform.ServiceDefaults.Http;
using AssignmentRequest = Platform.Reporting.Apis.AssignmentRequest;

namespace Platform.Reporting.Domain;

/// <summary>The field rules of a government assignment (regeringsuppdrag).</summary>
public static class AssignmentRules
{
    public const int MaxTitleLength = 300;

    /// <summary>Records every wrong field of <paramref name="request"/> and returns the assignment it describes, trimmed, when none is.</summary>
    public static Assignment? Validate(AssignmentRequest request, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);

        var reference = request.Reference?.Trim();
        if (reference is null || !Assignments.ReferencePattern().IsMatch(reference))
        {
            errors.Malformed["reference"] = ["Reference is required: the Government Offices' registration number, such as KN2023/03505."];
        }

        var title = FieldRules.Text(request.Title, "title", 3, MaxTitleLength, errors);

        var decided = FieldRules.Date(request.DecisionDate, "decisionDate", errors);
        var due = FieldRules.Date(request.ReportDueDate, "reportDueDate", errors);
        if (decided is { } from && due is { } to && to < from)
        {
            errors.Malformed["reportDueDate"] = ["ReportDueDate must not be before decisionDate."];
        }

        var appropriation = FieldRules.Text(request.Appropriation, "appropriation", 3, 200, errors);
        var area = FieldRules.OptionalText(request.ExpenditureArea, "expenditureArea", 200, errors);

        if (request.BudgetYear is not (>= 2000 and <= 2100))
        {
            errors.Malformed["budgetYear"] = ["BudgetYear is required, 2000 to 2100."];
        }

        var budget = FieldRules.Amount(request.BudgetSek, "budgetSek", allowZero: false, errors);
        return errors.Any
            ? null
            : new Assignment(reference!, title!, decided!.Value, due!.Value, appropriation!, area, request.BudgetYear!.Value, budget!.Value);
    }

    /// <summary>The assignment a request its validator accepted describes.</summary>
    public static Assignment ToAssignment(AssignmentRequest request) =>
        Validate(request, new ValidationErrors()) ?? throw new ArgumentException("The assignment is not valid; validate the request first.", nameof(request));
}
