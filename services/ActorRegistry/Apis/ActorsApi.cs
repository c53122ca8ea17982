using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.ActorRegistry.Data;
using Platform.ActorRegistry.Domain;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.ActorRegistry.Apis;

public sealed record ActorSearchParameters(
    [FromQuery(Name = "q")] string? Text,
    [FromQuery(Name = "kind")] string? Kind,
    [FromQuery(Name = "county")] string? CountyCode,
    [FromQuery(Name = "municipality")] string? MunicipalityCode,
    [FromQuery(Name = "active")] bool? Active,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize);

public sealed record DeactivateActorRequest(string? Reason);

public sealed record ReactivateActorRequest(string? Reason);

public static class ActorsApi
{
    public const int MaxReasonLength = 1000;

    public static IEndpointRouteBuilder MapActorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/actors").WithTags("Actors").RequireAuthorization(PlatformPolicies.AnyRole);

        group.MapGet("/", SearchActors).WithName("SearchActors")
            .WithSummary("Searches actors by text (case- and accent-insensitive), kind, county and municipality; paged.");
        group.MapGet("/{id:guid}", GetActor).WithName("GetActor")
            .WithSummary("Gets an actor with its ETag; contact e-mail and phone only for coordinators and the actor's own users.");
        group.MapGet("/{id:guid}/history", GetActorHistory).WithName("GetActorHistory")
            .WithSummary("Every change of an actor, oldest first: who, when, what (contacts by name and role).");
        group.MapPost("/", CreateActor).WithName("RegisterActor").WithSummary("Registers an actor (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        group.MapPut("/{id:guid}", UpdateActor).WithName("UpdateActor")
            .WithSummary("Updates an actor; If-Match required (coordinators, or the actor's own users).")
            .RequireAuthorization(PlatformPolicies.ActorOrCoordinator);
        group.MapPost("/{id:guid}/deactivate", DeactivateActor).WithName("DeactivateActor")
            .WithSummary("Deactivates an actor instead of deleting it; If-Match required (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        group.MapPost("/{id:guid}/reactivate", ReactivateActor).WithName("ReactivateActor")
            .WithSummary("Makes a deactivated actor active again; If-Match required (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<ActorResponse>>, ProblemHttpResult>> SearchActors(
        [AsParameters] ActorSearchParameters parameters, ActorStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Parse(parameters.Page, parameters.PageSize, errors.Malformed);
        errors.RequireOneOf("kind", parameters.Kind, ActorKinds.All, required: false);

        if (parameters.Text is { Length: > ActorRules.MaxNameLength })
        {
            errors.Malformed["q"] = [$"Search text is at most {ActorRules.MaxNameLength} characters."];
        }

        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var query = new ActorQuery(parameters.Text, parameters.Kind, parameters.CountyCode, parameters.MunicipalityCode, parameters.Active);
        var found = await store.SearchAsync(query, page, cancellationToken);
        return TypedResults.Ok(found with { Items = [.. found.Items.Select(actor => actor.For(user))] });
    }

    public static async Task<Results<Ok<ActorResponse>, ProblemHttpResult>> GetActor(
        Guid id, ActorStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = await store.GetAsync(id, cancellationToken);
        if (actor is null)
        {
            return ApiProblems.NotFound($"Actor {id}");
        }

        ETags.Set(context.Response, actor.Version);
        return TypedResults.Ok(actor.For(context.User));
    }

    public static async Task<Results<Ok<PagedResult<ActorHistoryEntry>>, ProblemHttpResult>> GetActorHistory(
        Guid id, int? page, int? pageSize, ActorStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.Parse(page, pageSize, errors.Malformed);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var history = await store.HistoryAsync(id, pageRequest, cancellationToken);
        return history is null ? ApiProblems.NotFound($"Actor {id}") : TypedResults.Ok(history);
    }

    public static async Task<Results<Created<ActorResponse>, ProblemHttpResult>> CreateActor(
        ActorRequest? request, ActorStore store, HttpContext context, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var data = ActorRules.Validate(request, errors);
        if (data is null)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.CreateAsync(Guid.CreateVersion7(), data, context.User.Caller(), context.CorrelationId(), cancellationToken);
        if (result.Outcome == WriteOutcome.DuplicateOrganisationNumber)
        {
            return DuplicateOrganisationNumber(data.OrganisationNumber!, result.ExistingActorId!.Value);
        }

        var actor = result.Actor!;
        loggers.CreateLogger(typeof(ActorsApi)).LogInformation("Registered actor {ActorId} ({Kind}) {Name}", actor.Id, actor.Kind, actor.Name);
        ETags.Set(context.Response, actor.Version);
        return TypedResults.Created($"/api/actors/{actor.Id}", actor.For(context.User));
    }

    public static async Task<Results<Ok<ActorResponse>, ProblemHttpResult>> UpdateActor(
        Guid id, ActorRequest? request, ActorStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var user = context.User;
        if (!user.IsCoordinator() && user.ActorId() != id)
        {
            return ApiProblems.Forbidden("An actor user may update only its own actor.");
        }

        if (ApiProblems.RequireIfMatch(context.Request, out var expectedVersion) is { } ifMatchProblem)
        {
            return ifMatchProblem;
        }

        var errors = new ValidationErrors();
        var data = ActorRules.Validate(request, errors);
        if (data is null)
        {
            return ApiProblems.Validation(errors);
        }

        if (!user.IsCoordinator())
        {
            var current = await store.GetAsync(id, cancellationToken);
            if (current is not null && (current.Kind != data.Kind || current.OrganisationNumber != data.OrganisationNumber))
            {
                return ApiProblems.Forbidden("Only coordinators change an actor's kind or organisation number.");
            }
        }

        var result = await store.UpdateAsync(id, expectedVersion, data, user.Caller(), context.CorrelationId(), cancellationToken);
        return Answer(result, id, context, data.OrganisationNumber);
    }

    public static async Task<Results<Ok<ActorResponse>, ProblemHttpResult>> DeactivateActor(
        Guid id, DeactivateActorRequest? request, ActorStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ReadChange(context, request?.Reason, out var expectedVersion, out var reason) is { } problem)
        {
            return problem;
        }

        var result = await store.DeactivateAsync(id, expectedVersion, reason, context.User.Caller(), context.CorrelationId(), cancellationToken);
        return Answer(result, id, context, null);
    }

    public static async Task<Results<Ok<ActorResponse>, ProblemHttpResult>> ReactivateActor(
        Guid id, ReactivateActorRequest? request, ActorStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ReadChange(context, request?.Reason, out var expectedVersion, out var reason) is { } problem)
        {
            return problem;
        }

        var result = await store.ReactivateAsync(id, expectedVersion, reason, context.User.Caller(), context.CorrelationId(), cancellationToken);
        return Answer(result, id, context, null);
    }

    /// <summary>The required <c>If-Match</c> and the optional reason of a deactivation or reactivation.</summary>
    private static ProblemHttpResult? ReadChange(HttpContext context, string? requestedReason, out int? expectedVersion, out string? reason)
    {
        reason = null;
        if (ApiProblems.RequireIfMatch(context.Request, out expectedVersion) is { } ifMatchProblem)
        {
            return ifMatchProblem;
        }

        var errors = new ValidationErrors();
        reason = FieldRules.OptionalText(requestedReason, "reason", MaxReasonLength, errors, multiline: true);
        return errors.Any ? ApiProblems.Validation(errors) : null;
    }

    private static Results<Ok<ActorResponse>, ProblemHttpResult> Answer(Data.WriteResult result, Guid id, HttpContext context, string? organisationNumber)
    {
        switch (result.Outcome)
        {
            case WriteOutcome.NotFound:
                return ApiProblems.NotFound($"Actor {id}");
            case WriteOutcome.Stale:
                return ApiProblems.Stale(result.Actor?.Version);
            case WriteOutcome.DuplicateOrganisationNumber:
                return DuplicateOrganisationNumber(organisationNumber!, result.ExistingActorId!.Value);
            default:
                ETags.Set(context.Response, result.Actor!.Version);
                return TypedResults.Ok(result.Actor.For(context.User));
        }
    }

    private static ProblemHttpResult DuplicateOrganisationNumber(string organisationNumber, Guid existingActorId) =>
        ApiProblems.Conflict(
            "An actor with this organisation number exists.",
            $"Organisation number {organisationNumber} belongs to actor {existingActorId}.",
            new Dictionary<string, object?> { ["existingActorId"] = existingActorId, ["organisationNumber"] = organisationNumber });
}
