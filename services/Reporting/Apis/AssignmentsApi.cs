using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Client.Models;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;
using AssignmentPage = Platform.Client.Models.PagedResult<Platform.Client.Models.Assignment>;

namespace Platform.Reporting.Apis;

/// <summary>
/// The body of <c>POST /api/assignments</c> as the service reads it: the JSON of
/// <see cref="Platform.Client.Models.AssignmentRequest"/>, with every field optional so that a missing or null budget
/// year or amount is a 400 naming that field rather than a body that does not bind.
/// </summary>
public sealed record AssignmentRequest(
    string? Reference, string? Title, string? DecisionDate, string? ReportDueDate, string? Appropriation, string? ExpenditureArea, int? BudgetYear,
    decimal? BudgetSek);

/// <summary>Checks an assignment's fields by <see cref="AssignmentRules"/>.</summary>
public sealed class AssignmentRequestValidator : IRequestValidator<AssignmentRequest>
{
    public ValueTask ValidateAsync(AssignmentRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        AssignmentRules.Validate(request, errors);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Government assignments (regeringsuppdrag) and their appropriations.</summary>
public static class AssignmentsApi
{
    public static IEndpointRouteBuilder MapAssignmentsApi(this IEndpointRouteBuilder app)
    {
        var assignments = app.MapGroup("/api/assignments").WithTags("Assignments").RequireAuthorization(PlatformPolicies.AnyRole);
        assignments.MapGet("/", ListAssignments).WithName("ListAssignments").WithSummary("Government assignments with their appropriations, newest decision first.")
            .Validates<PageParameters>();
        assignments.MapGet("/{**reference}", GetAssignment).WithName("GetAssignment").WithSummary("One assignment by its registration number, e.g. KN2023/03505, and its ETag.");
        assignments.MapPost("/", AddAssignment).WithName("AddAssignment").WithSummary("Adds a government assignment (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<AssignmentRequest>();
        assignments.MapPut("/{**reference}", UpdateAssignment).WithName("UpdateAssignment")
            .WithSummary("Corrects an assignment's title, dates, appropriation and budget (a new entry, the earlier kept); the reference stays; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<AssignmentRequest>();
        return app;
    }

    public static async Task<Ok<AssignmentPage>> ListAssignments([AsParameters] PageParameters paging, AssignmentStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(paging.ToPage(), cancellationToken));

    public static async Task<Results<Ok<Assignment>, ProblemHttpResult>> GetAssignment(
        string reference, AssignmentStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        var decoded = Uri.UnescapeDataString(reference);
        return VersionedResults.Read(await store.GetAsync(decoded, cancellationToken), $"Assignment {decoded}", response);
    }

    public static async Task<Results<Ok<Assignment>, ProblemHttpResult>> UpdateAssignment(
        string reference, AssignmentRequest request, AssignmentStore store, HttpContext context, ILogger<AssignmentStore> logger, CancellationToken cancellationToken)
    {
        var decoded = Uri.UnescapeDataString(reference);
        var edited = AssignmentRules.ToAssignment(request);
        if (edited.Reference != decoded)
        {
            return ApiProblems.Malformed("reference", $"An assignment keeps its registration number: the body names {edited.Reference}, the address {decoded}.");
        }

        var answer = await VersionedResults.WriteIfMatchedAsync($"Assignment {decoded}", context, version =>
            store.UpdateAsync(edited, version, context.User.DisplayName(), context.CorrelationId(), cancellationToken));
        if (answer.Result is Ok<Assignment> { Value: { } updated })
        {
            logger.LogInformation("Assignment {Reference} corrected (version {Version}): {BudgetSek} SEK, budget year {BudgetYear}",
                updated.Reference, updated.Version, updated.BudgetSek, updated.BudgetYear);
        }

        return answer;
    }

    public static async Task<Results<Created<Assignment>, ProblemHttpResult>> AddAssignment(
        AssignmentRequest? request, AssignmentStore store, HttpContext context, ILogger<AssignmentStore> logger, CancellationToken cancellationToken)
    {
        var assignment = AssignmentRules.ToAssignment(request!);
        if ((await store.AddAsync(assignment, context.CorrelationId(), cancellationToken)).Problem($"Assignment {assignment.Reference}") is { } problem)
        {
            return problem;
        }

        logger.LogInformation("Assignment {Reference} added: {BudgetSek} SEK, budget year {BudgetYear}", assignment.Reference, assignment.BudgetSek, assignment.BudgetYear);
        return TypedResults.Created($"/api/assignments/{assignment.Reference}", assignment);
    }
}
