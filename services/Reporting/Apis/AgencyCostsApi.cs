using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Client.Models;
using Platform.Messaging.Idempotency;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Apis;

public sealed class AgencyCostRequestValidator : IRequestValidator<AgencyCostRequest>
{
    public ValueTask ValidateAsync(AgencyCostRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        AgencyCostRules.Validate(request, errors);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Tillväxtverket's own costs for an assignment (its staff, travel, procurement) that belong to no effort: coordinators
/// record them, everyone reads them, and the assignment's financial account counts them.
/// </summary>
public static class AgencyCostsApi
{
    public static IEndpointRouteBuilder MapAgencyCostsApi(this IEndpointRouteBuilder app)
    {
        var costs = app.MapGroup("/api/costs").WithTags("Assignments");
        costs.MapGet("/", ListCosts).WithName("ListAgencyCosts").WithSummary("Tillväxtverket's own costs for an assignment, newest first; paged.")
            .RequireAuthorization(PlatformPolicies.AnyRole).Validates<AssignmentPageQuery>();
        costs.MapGet("/{id:guid}", GetCost).WithName("GetAgencyCost").WithSummary("One of Tillväxtverket's own costs.")
            .RequireAuthorization(PlatformPolicies.AnyRole);
        costs.MapPost("/", RecordCost).WithName("RecordAgencyCost")
            .WithSummary("Records one of Tillväxtverket's own costs for an assignment, outside any effort; honours Idempotency-Key (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<AssignmentQuery>().Validates<AgencyCostRequest>();
        return app;
    }

    public static async Task<Results<Ok<PagedResult<AgencyCost>>, ProblemHttpResult>> ListCosts(
        [AsParameters] AssignmentPageQuery parameters, AssignmentStore assignments, AgencyCostStore store, CancellationToken cancellationToken)
    {
        var assignment = parameters.Assignment!.Trim();
        return await assignments.GetAsync(assignment, cancellationToken) is null
            ? ReportsApi.UnknownAssignment(assignment)
            : TypedResults.Ok(await store.ListAsync(assignment, parameters.ToPage(), cancellationToken));
    }

    public static async Task<Results<Ok<AgencyCost>, ProblemHttpResult>> GetCost(Guid id, AgencyCostStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } cost ? TypedResults.Ok(cost) : ApiProblems.NotFound($"Cost {id}");

    public static async Task<Results<Created<AgencyCost>, ProblemHttpResult>> RecordCost(
        [AsParameters] AssignmentQuery parameters, AgencyCostRequest request, AssignmentStore assignments, AgencyCostStore store, HttpContext context,
        ILogger<AgencyCostStore> logger, CancellationToken cancellationToken)
    {
        var assignment = parameters.Assignment!.Trim();
        if (await assignments.GetAsync(assignment, cancellationToken) is null)
        {
            return ReportsApi.UnknownAssignment(assignment);
        }

        var (key, keyProblem) = IdempotencyKeys.Read(context.Request, context.User.Caller(), request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var result = await store.AddAsync(assignment, AgencyCostRules.Validate(request, new ValidationErrors())!, context.User.DisplayName(), key, cancellationToken);
        if (result.Problem("The cost") is { } problem)
        {
            return problem;
        }

        var cost = result.Value!;
        if (result.Status == WriteStatus.Replayed)
        {
            context.Response.Headers[WriteResults.IdempotentReplayHeader] = "true";
        }
        else
        {
            logger.LogInformation("Own cost {CostId} of {AmountSek} SEK ({Category}) recorded against {Assignment}", cost.Id, cost.AmountSek, cost.Category, assignment);
        }

        return TypedResults.Created($"/api/costs/{cost.Id}", cost);
    }
}
