using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ActorRegistry.Apis;

/// <summary>The query of <c>GET /api/actors</c>.</summary>
public sealed record ActorSearchParameters(
    [FromQuery(Name = "q")] string? Text,
    [FromQuery(Name = "kind")] string? Kind,
    [FromQuery(Name = "county")] string? CountyCode,
    [FromQuery(Name = "municipality")] string? MunicipalityCode,
    [FromQuery(Name = "active")] bool? Active,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize);

/// <summary>A contact person as received (the JSON of the SDK's <c>Contact</c>): every field may be missing, so the validator names it.</summary>
public sealed record ContactRequest(string? Name, string? Role, string? Email, string? Phone);

/// <summary>
/// The body of <c>POST /api/actors</c> and <c>PUT /api/actors/{id}</c> as received (the JSON of the SDK's
/// <c>ActorRequest</c>): every field may be missing, so the validator names it.
/// </summary>
public sealed record ActorRequest(
    string? Name,
    string? Kind,
    string? OrganisationNumber,
    string? MunicipalityCode,
    IReadOnlyList<string>? CountyCodes,
    string? Website,
    IReadOnlyList<ContactRequest>? Contacts);

/// <summary>Actors: search, registration, changes by coordinators and the actors themselves, and the history of each.</summary>
public static class ActorsApi
{
    public static IServiceCollection AddActorsApiRules(this IServiceCollection services) => services
        .AddRequestRule<ActorSearchParameters>(CheckSearch)
        .AddRequestRule<ActorRequest>((request, errors) => ActorRules.Validate(request, errors))
        .AddRequestRule<DeactivateActorRequest>((request, errors) => ActorRules.Reason(request.Reason, errors))
        .AddRequestRule<ReactivateActorRequest>((request, errors) => ActorRules.Reason(request.Reason, errors));

    public static IEndpointRouteBuilder MapActorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/actors").WithTags("Actors").RequireAuthorization(PlatformPolicies.AnyRole);

        group.MapGet("/", SearchActors).WithName("SearchActors").Validates<ActorSearchParameters>()
            .WithSummary("Searches actors by text (case- and accent-insensitive), kind, county and municipality; paged.");
        group.MapGet("/{id:guid}", GetActor).WithName("GetActor")
            .WithSummary("Gets an actor with its ETag; contact e-mail and phone only for coordinators and the actor's own users.");
        group.MapGet("/{id:guid}/history", GetActorHistory).WithName("GetActorHistory").Validates<PageParameters>()
            .WithSummary("Every change of an actor, oldest first: who, when, what (contacts by name and role).");
        group.MapGet("/{id:guid}/forums", ListActorForums).WithName("ListActorForums").Validates<PageParameters>()
            .WithSummary("The forums an actor is a member of, by name; paged.");
        group.MapGet("/{id:guid}/meetings", ListActorMeetings).WithName("ListActorMeetings").Validates<PageParameters>()
            .WithSummary("The dialogue meetings an actor attended, newest first; paged.");
        group.MapPost("/", RegisterActor).WithName("RegisterActor").WithSummary("Registers an actor (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ActorRequest>();
        group.MapPut("/{id:guid}", UpdateActor).WithName("UpdateActor")
            .WithSummary("Updates an actor; If-Match required (coordinators, or the actor's own users).")
            .RequireAuthorization(PlatformPolicies.ActorOrCoordinator).Validates<ActorRequest>();
        group.MapPost("/{id:guid}/deactivate", DeactivateActor).WithName("DeactivateActor")
            .WithSummary("Deactivates an actor instead of deleting it; If-Match required (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<DeactivateActorRequest>(bodyOptional: true);
        group.MapPost("/{id:guid}/reactivate", ReactivateActor).WithName("ReactivateActor")
            .WithSummary("Makes a deactivated actor active again; If-Match required (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ReactivateActorRequest>(bodyOptional: true);
        return app;
    }

    public static async Task<Ok<Platform.Client.Models.PagedResult<Actor>>> SearchActors(
        [AsParameters] ActorSearchParameters parameters, ActorStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var query = new ActorQuery(parameters.Text, parameters.Kind, parameters.CountyCode, parameters.MunicipalityCode, parameters.Active);
        var found = await store.SearchAsync(query, RequestRules.AcceptedPage(parameters.Page, parameters.PageSize), cancellationToken);
        return TypedResults.Ok(found with { Items = [.. found.Items.Select(actor => actor.ShownTo(user))] });
    }

    public static async Task<Results<Ok<Actor>, ProblemHttpResult>> GetActor(
        Guid id, ActorStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = await store.GetAsync(id, cancellationToken);
        if (actor is null)
        {
            return ApiProblems.NotFound($"Actor {id}");
        }

        ETags.Set(context.Response, actor.Version);
        return TypedResults.Ok(actor.ShownTo(context.User));
    }

    public static async Task<Results<Ok<Platform.Client.Models.PagedResult<ActorHistoryEntry>>, ProblemHttpResult>> GetActorHistory(
        Guid id, [AsParameters] PageParameters paging, ActorStore store, CancellationToken cancellationToken) =>
        await store.HistoryAsync(id, RequestRules.AcceptedPage(paging.Page, paging.PageSize), cancellationToken) is { } history
            ? TypedResults.Ok(history)
            : ApiProblems.NotFound($"Actor {id}");

    public static async Task<Results<Ok<Platform.Client.Models.PagedResult<Forum>>, ProblemHttpResult>> ListActorForums(
        Guid id, [AsParameters] PageParameters paging, ActorStore actors, ForumStore forums, CancellationToken cancellationToken) =>
        await actors.GetAsync(id, cancellationToken) is null
            ? ApiProblems.NotFound($"Actor {id}")
            : TypedResults.Ok(await forums.ListForumsAsync(null, null, RequestRules.AcceptedPage(paging.Page, paging.PageSize), cancellationToken, memberId: id));

    public static async Task<Results<Ok<Platform.Client.Models.PagedResult<Meeting>>, ProblemHttpResult>> ListActorMeetings(
        Guid id, [AsParameters] PageParameters paging, ActorStore actors, MeetingStore meetings, CancellationToken cancellationToken) =>
        await actors.GetAsync(id, cancellationToken) is null
            ? ApiProblems.NotFound($"Actor {id}")
            : TypedResults.Ok(await meetings.ListMeetingsAsync(new MeetingQuery(ActorId: id), RequestRules.AcceptedPage(paging.Page, paging.PageSize), cancellationToken));

    public static async Task<Results<Created<Actor>, Ok<Actor>, ProblemHttpResult>> RegisterActor(
        ActorRequest? request, ActorStore store, HttpContext context, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var result = await store.CreateAsync(Guid.CreateVersion7(), ActorRules.ToData(request), EditorOf(context.User), context.CorrelationId(), cancellationToken);
        if (result is { Status: WriteStatus.Created, Value: { } actor })
        {
            loggers.CreateLogger(typeof(ActorsApi)).LogInformation("Registered actor {ActorId} ({Kind}) {Name}", actor.Id, actor.Kind, actor.Name);
        }

        return result.ShownTo(context.User).ToCreated("Actor", context.Response, created => $"/api/actors/{created.Id}");
    }

    public static async Task<Results<Ok<Actor>, ProblemHttpResult>> UpdateActor(
        Guid id, ActorRequest? request, ActorStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var editor = EditorOf(context.User);
        if (ActorChanges.RefusalToUpdate(editor, id) is { } refusal)
        {
            return ApiProblems.Forbidden(refusal);
        }

        if (ApiProblems.RequireIfMatch(context.Request, out var expectedVersion) is { } ifMatchProblem)
        {
            return ifMatchProblem;
        }

        var result = await store.UpdateAsync(id, expectedVersion, ActorRules.ToData(request), editor, context.CorrelationId(), cancellationToken);
        return result.ShownTo(context.User).ToOk($"Actor {id}", context.Response);
    }

    public static Task<Results<Ok<Actor>, ProblemHttpResult>> DeactivateActor(
        Guid id, DeactivateActorRequest? request, ActorStore store, HttpContext context, CancellationToken cancellationToken) =>
        SetActiveAsync(id, active: false, request?.Reason, store, context, cancellationToken);

    public static Task<Results<Ok<Actor>, ProblemHttpResult>> ReactivateActor(
        Guid id, ReactivateActorRequest? request, ActorStore store, HttpContext context, CancellationToken cancellationToken) =>
        SetActiveAsync(id, active: true, request?.Reason, store, context, cancellationToken);

    private static async Task<Results<Ok<Actor>, ProblemHttpResult>> SetActiveAsync(
        Guid id, bool active, string? reason, ActorStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var expectedVersion) is { } ifMatchProblem)
        {
            return ifMatchProblem;
        }

        var result = await store.SetActiveAsync(
            id, active, expectedVersion, ActorRules.Reason(reason, new ValidationErrors()), EditorOf(context.User), context.CorrelationId(), cancellationToken);
        return result.ShownTo(context.User).ToOk($"Actor {id}", context.Response);
    }

    private static void CheckSearch(ActorSearchParameters query, ValidationErrors errors)
    {
        PageRequest.Parse(query.Page, query.PageSize, errors.Malformed);
        errors.RequireOneOf("kind", query.Kind, ActorKinds.All, required: false);
        if (query.Text is { Length: > ActorRules.MaxNameLength })
        {
            errors.Malformed["q"] = [$"Search text is at most {ActorRules.MaxNameLength} characters."];
        }
    }

    private static Editor EditorOf(ClaimsPrincipal user) => new(user.Caller(), user.IsCoordinator(), user.ActorId());

    private static Actor ShownTo(this Actor actor, ClaimsPrincipal user) => ContactPrivacy.ShownTo(actor, user.IsCoordinator(), user.ActorId());

    /// <summary>The answer of a write as <paramref name="user"/> may see it (<see cref="ContactPrivacy"/>).</summary>
    private static WriteResult<Actor> ShownTo(this WriteResult<Actor> result, ClaimsPrincipal user) =>
        result.Value is { } actor ? result with { Value = actor.ShownTo(user) } : result;
}
