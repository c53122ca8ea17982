using Microsoft.AspNetCore.Mvc;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Apis;

/// <summary>A query naming the assignment it is about (<c>?assignment=KN2023/03505</c>): freezing, texts, costs.</summary>
public sealed record AssignmentQuery([FromQuery(Name = "assignment")] string? Assignment);

/// <summary>A query naming the assignment and a page of what it lists: versions, a section's versions, costs.</summary>
public sealed record AssignmentPageQuery(
    [FromQuery(Name = "assignment")] string? Assignment,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize)
{
    public PageRequest ToPage() => PageRequest.Parse(Page, PageSize, new Dictionary<string, string[]>());
}

public sealed class AssignmentQueryValidator : IRequestValidator<AssignmentQuery>
{
    public ValueTask ValidateAsync(AssignmentQuery request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ReportQueryRules.AssignmentReference(request.Assignment, required: true, errors);
        return ValueTask.CompletedTask;
    }
}

public sealed class AssignmentPageQueryValidator : IRequestValidator<AssignmentPageQuery>
{
    public ValueTask ValidateAsync(AssignmentPageQuery request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ReportQueryRules.AssignmentReference(request.Assignment, required: true, errors);
        PageRequest.Parse(request.Page, request.PageSize, errors.Malformed);
        return ValueTask.CompletedTask;
    }
}
