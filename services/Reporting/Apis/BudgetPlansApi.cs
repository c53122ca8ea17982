using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Client.Models;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Apis;

public sealed class BudgetPlanRequestValidator : IRequestValidator<BudgetPlanRequest>
{
    public ValueTask ValidateAsync(BudgetPlanRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        BudgetPlanRules.Validate(request, errors);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// An assignment's planned budget per cost type: coordinators save the whole plan as its next version under
/// <c>If-Match</c>, everyone reads it, and the financial account sets it against the outcome.
/// </summary>
public static class BudgetPlansApi
{
    public static IEndpointRouteBuilder MapBudgetPlansApi(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/budget-plans").WithTags("Assignments");
        plans.MapGet("/", GetPlan).WithName("GetBudgetPlan")
            .WithSummary("An assignment's budget plan per cost type as last saved (version 0 without lines before the first save); ETag.")
            .RequireAuthorization(PlatformPolicies.AnyRole).Validates<AssignmentQuery>();
        plans.MapPut("/", SavePlan).WithName("SaveBudgetPlan")
            .WithSummary("Saves the whole budget plan as its next version, at most the assignment's budget; If-Match, \"0\" before the first (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<AssignmentQuery>().Validates<BudgetPlanRequest>();
        plans.MapGet("/versions", ListPlanVersions).WithName("ListBudgetPlanVersions")
            .WithSummary("Every saved version of an assignment's budget plan, newest first; paged.")
            .RequireAuthorization(PlatformPolicies.AnyRole).Validates<AssignmentPageQuery>();
        return app;
    }

    public static async Task<Results<Ok<BudgetPlan>, ProblemHttpResult>> GetPlan(
        [AsParameters] AssignmentQuery parameters, AssignmentStore assignments, BudgetPlanStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var assignment = parameters.Assignment!.Trim();
        if (await assignments.GetAsync(assignment, cancellationToken) is null)
        {
            return ReportsApi.UnknownAssignment(assignment);
        }

        var plan = await store.GetAsync(assignment, cancellationToken);
        ETags.Set(context.Response, plan.Version);
        return TypedResults.Ok(plan);
    }

    public static async Task<Results<Ok<BudgetPlan>, ProblemHttpResult>> SavePlan(
        [AsParameters] AssignmentQuery parameters, BudgetPlanRequest request, AssignmentStore assignments, BudgetPlanStore store, HttpContext context,
        ILogger<BudgetPlanStore> logger, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var version) is { } ifMatch)
        {
            return ifMatch;
        }

        var reference = parameters.Assignment!.Trim();
        if (await assignments.GetAsync(reference, cancellationToken) is not { } assignment)
        {
            return ReportsApi.UnknownAssignment(reference);
        }

        var errors = new ValidationErrors();
        var lines = BudgetPlanRules.Validate(request, errors)!;
        if (!BudgetPlanRules.CheckWithinBudget(lines, assignment.BudgetSek, errors))
        {
            return ApiProblems.Validation(errors);
        }

        var by = context.User.DisplayName();
        var result = await store.SaveAsync(reference, version, lines, by, cancellationToken);
        if (result is { Succeeded: true, Value: { } saved })
        {
            logger.LogInformation("Budget plan of {Assignment} at version {Version}, {Total} SEK in {Lines} cost types, saved by {By}",
                reference, saved.Version, saved.TotalSek, saved.Lines.Count, by);
        }

        return result.ToOk("The budget plan", context.Response);
    }

    public static async Task<Results<Ok<PagedResult<BudgetPlan>>, ProblemHttpResult>> ListPlanVersions(
        [AsParameters] AssignmentPageQuery parameters, AssignmentStore assignments, BudgetPlanStore store, CancellationToken cancellationToken)
    {
        var assignment = parameters.Assignment!.Trim();
        return await assignments.GetAsync(assignment, cancellationToken) is null
            ? ReportsApi.UnknownAssignment(assignment)
            : TypedResults.Ok(await store.VersionsAsync(assignment, parameters.ToPage(), cancellationToken));
    }
}
