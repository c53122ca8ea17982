using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.ChallengeTracking.Data;
using Platform.ChallengeTracking.Domain;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.ChallengeTracking.Apis;

public sealed record EffortSearchParameters(
    [FromQuery(Name = "challenge")] Guid? ChallengeId,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "assignment")] string? FundingAssignment,
    [FromQuery(Name = "leadActor")] Guid? LeadActorId,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize);

public static class EffortsApi
{
    public static IEndpointRouteBuilder MapEffortsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/efforts").WithTags("Efforts").RequireAuthorization(PlatformPolicies.AnyRole);
        group.MapGet("/", ListEfforts).WithName("ListEfforts").WithSummary("Efforts by challenge, status, funding assignment and lead actor.");
        group.MapGet("/{id:guid}", GetEffort).WithName("GetEffort").WithSummary("An effort with participants, expenditures, indicators, spending against budget, and its ETag.");
        group.MapPost("/", LaunchEffort).WithName("LaunchEffort").WithSummary("Launches an effort addressing challenges (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        group.MapPost("/{id:guid}/expenditures", RecordExpenditure).WithName("RecordExpenditure")
            .WithSummary("Records an expenditure within the effort's dates; spending over budget is flagged (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        group.MapPost("/{id:guid}/progress", ReportProgress).WithName("ReportEffortProgress")
            .WithSummary("Reports progress, status, note and indicators; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<EffortResponse>>, ProblemHttpResult>> ListEfforts(
        [AsParameters] EffortSearchParameters parameters, EffortStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Parse(parameters.Page, parameters.PageSize, errors.Malformed);
        errors.RequireOneOf("status", parameters.Status, EffortStatuses.All, required: false);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var query = new EffortQuery(parameters.ChallengeId, parameters.Status, parameters.FundingAssignment, parameters.LeadActorId);
        return TypedResults.Ok(await store.ListAsync(query, page, cancellationToken));
    }

    public static async Task<Results<Ok<EffortResponse>, ProblemHttpResult>> GetEffort(Guid id, EffortStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        var effort = await store.GetAsync(id, cancellationToken);
        if (effort is null)
        {
            return ApiProblems.NotFound($"Effort {id}");
        }

        ETags.Set(response, effort.Version);
        return TypedResults.Ok(effort);
    }

    public static async Task<Results<Created<EffortResponse>, ProblemHttpResult>> LaunchEffort(
        EffortRequest? request, EffortStore store, HttpContext context, ILogger<EffortStore> logger, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var data = EffortRules.Validate(request, errors);
        if (data is null)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.LaunchAsync(data, errors, context.CorrelationId(), cancellationToken);
        if (result.Outcome == EffortOutcome.Invalid)
        {
            return ApiProblems.Validation(errors);
        }

        var effort = result.Effort!;
        logger.LogInformation("Effort {EffortId} launched: {Title}, {BudgetSek} SEK from {Assignment}", effort.Id, effort.Title, effort.BudgetSek, effort.FundingAssignment);
        ETags.Set(context.Response, effort.Version);
        return TypedResults.Created($"/api/efforts/{effort.Id}", effort);
    }

    public static async Task<Results<Created<ExpenditureResponse>, ProblemHttpResult>> RecordExpenditure(
        Guid id, ExpenditureRequest? request, EffortStore store, HttpContext context, ILogger<EffortStore> logger, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var result = await store.RecordExpenditureAsync(id, request, errors, context.CorrelationId(), cancellationToken);
        switch (result.Outcome)
        {
            case EffortOutcome.NotFound:
                return ApiProblems.NotFound($"Effort {id}");
            case EffortOutcome.Invalid:
                return ApiProblems.Validation(errors);
            case EffortOutcome.Closed:
                return ApiProblems.Conflict("The effort is cancelled.", $"Effort {id} is cancelled; no expenditures can be recorded on it.");
        }

        var effort = result.Effort!;
        if (effort.OverBudget)
        {
            logger.LogWarning("Effort {EffortId} is over budget: {SpentSek} of {BudgetSek} SEK spent", effort.Id, effort.SpentSek, effort.BudgetSek);
        }

        context.Response.Headers["X-Effort-Over-Budget"] = effort.OverBudget ? "true" : "false";
        ETags.Set(context.Response, effort.Version);
        return TypedResults.Created($"/api/efforts/{id}", result.Expenditure!);
    }

    public static async Task<Results<Ok<EffortResponse>, ProblemHttpResult>> ReportProgress(
        Guid id, ProgressRequest? request, EffortStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var version) is { } ifMatch)
        {
            return ifMatch;
        }

        var errors = new ValidationErrors();
        var result = await store.ReportProgressAsync(id, version, request, errors, context.CorrelationId(), cancellationToken);
        switch (result.Outcome)
        {
            case EffortOutcome.NotFound:
                return ApiProblems.NotFound($"Effort {id}");
            case EffortOutcome.Invalid:
                return ApiProblems.Validation(errors);
            case EffortOutcome.Stale:
                return ApiProblems.Stale(result.Effort?.Version);
            default:
                ETags.Set(context.Response, result.Effort!.Version);
                return TypedResults.Ok(result.Effort);
        }
    }
}
