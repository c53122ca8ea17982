using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.ActorRegistry.Data;
using Platform.ActorRegistry.Domain;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.ActorRegistry.Apis;

public sealed record ActorSearchParameters(
    [FromQuery(Name = "q")] string? Text,
    string? Kind,
    [FromQuery(Name = "county")] string? CountyCode,
    [FromQuery(Name = "municipality")] string? MunicipalityCode,
    bool? Active,
    int? Page,
    int? PageSize);

public sealed record DeactivateActorRequest(string? Reason);

public static class ActorsApi
{
    public static IEndpointRouteBuilder MapActorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/actors").WithTags("Actors").RequireAuthorization(PlatformPolicies.AnyRole);

        group.MapGet("/", SearchActors).WithName("SearchActors")
            .WithSummary("Searches actors by text (case- and accent-insensitive), kind, county and municipality; paged.");
        group.MapGet("/{id:guid}", GetActor).WithName("GetActor").WithSummary("Gets an actor with its ETag.");
        group.MapPost("/", CreateActor).WithName("RegisterActor").WithSummary("Registers an actor (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        group.MapPut("/{id:guid}", UpdateActor).WithName("UpdateActor")
            .WithSummary("Updates an actor; If-Match required (coordinators, or the actor's own users).")
            .RequireAuthorization(PlatformPolicies.ActorOrCoordinator);
        group.MapPost("/{id:guid}/deactivate", DeactivateActor).WithName("DeactivateActor")
            .WithSummary("Deactivates an actor instead of deleting it (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<ActorResponse>>, ProblemHttpResult>> SearchActors(
        [AsParameters] ActorSearchParameters parameters, ActorStore store, CancellationToken cancellationToken)
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
        return TypedResults.Ok(await store.SearchAsync(query, page, cancellationToken));
    }

    public static async Task<Results<Ok<ActorResponse>, ProblemHttpResult>> GetActor(
        Guid id, ActorStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        var actor = await store.GetAsync(id, cancellationToken);
        if (actor is null)
        {
            return ApiProblems.NotFound($"Actor {id}");
        }

        ETags.Set(response, actor.Version);
        return TypedResults.Ok(actor);
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

        var result = await store.CreateAsync(Guid.CreateVersion7(), data, context.CorrelationId(), cancellationToken);
        if (result.Outcome == WriteOutcome.DuplicateOrganisationNumber)
        {
            return DuplicateOrganisationNumber(data.OrganisationNumber!, result.ExistingActorId!.Value);
        }

        var actor = result.Actor!;
        loggers.CreateLogger(typeof(ActorsApi)).LogInformation("Registered actor {ActorId} ({Kind}) {Name}", actor.Id, actor.Kind, actor.Name);
        ETags.Set(context.Response, actor.Version);
        return TypedResults.Created($"/api/actors/{actor.Id}", actor);
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

        var result = await store.UpdateAsync(id, expectedVersion, data, context.CorrelationId(), cancellationToken);
        return Answer(result, id, context.Response, data.OrganisationNumber);
    }

    public static async Task<Results<Ok<ActorResponse>, ProblemHttpResult>> DeactivateActor(
        Guid id, DeactivateActorRequest? request, ActorStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.OptionalIfMatch(context.Request, out var expectedVersion) is { } ifMatchProblem)
        {
            return ifMatchProblem;
        }

        var reason = request?.Reason?.Trim();
        if (reason is { Length: > 1000 })
        {
            return ApiProblems.Malformed("reason", "Reason is at most 1000 characters.");
        }

        var result = await store.DeactivateAsync(id, expectedVersion, string.IsNullOrEmpty(reason) ? null : reason, context.CorrelationId(), cancellationToken);
        return Answer(result, id, context.Response, null);
    }

    private static Results<Ok<ActorResponse>, ProblemHttpResult> Answer(WriteResult result, Guid id, HttpResponse response, string? organisationNumber)
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
                ETags.Set(response, result.Actor!.Version);
                return TypedResults.Ok(result.Actor);
        }
    }

    private static ProblemHttpResult DuplicateOrganisationNumber(string organisationNumber, Guid existingActorId) =>
        ApiProblems.Conflict(
            "An actor with this organisation number exists.",
            $"Organisation number {organisationNumber} belongs to actor {existingActorId}.",
            new Dictionary<string, object?> { ["existingActorId"] = existingActorId, ["organisationNumber"] = organisationNumber });
}
