using Microsoft.AspNetCore.Mvc;

namespace Platform.ActorRegistry.Apis;

/// <summary>The query of <c>GET /api/forums</c>.</summary>
public sealed record ForumListParameters(
    [FromQuery(Name = "scope")] string? Scope, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize,
    [FromQuery(Name = "assignment")] string? Assignment = null);

/// <summary>The body of <c>POST /api/forums</c> as received (the JSON of the SDK's <c>ForumRequest</c>): every field may be missing, so the validator names it.</summary>
public sealed record ForumRequest(string? Name, string? Purpose, string? Scope, Guid? ConvenorActorId, IReadOnlyList<string?>? Assignments = null);

/// <summary>The body of <c>POST /api/forums/{id}/members</c> as received (the JSON of the SDK's <c>ForumMemberRequest</c>).</summary>
public sealed record ForumMemberRequest(Guid? ActorId, string? Role);

/// <summary>Collaboration forums with their members.</summary>
public static class ForumsApi
{
    public static IServiceCollection AddForumsApiRules(this IServiceCollection services) => services
        .AddRequestRule<ForumListParameters>((query, errors) =>
        {
            PageRequest.Parse(query.Page, query.PageSize, errors.Malformed);
            errors.RequireOneOf("scope", query.Scope, ForumScopes.All, required: false);
            FieldRules.AssignmentReferences(query.Assignment is null ? null : [query.Assignment], "assignment", errors);
        })
        .AddRequestRule<ForumRequest>((request, errors) => ForumRules.Validate(request, errors))
        .AddRequestRule<ForumMemberRequest>(ForumRules.Validate);

    public static IEndpointRouteBuilder MapForumsApi(this IEndpointRouteBuilder app)
    {
        var forums = app.MapGroup("/api/forums").WithTags("Forums").RequireAuthorization(PlatformPolicies.AnyRole);
        forums.MapGet("/", ListForums).WithName("ListForums").WithSummary("Lists collaboration forums, optionally of one scope or one assignment; paged.")
            .Validates<ForumListParameters>();
        forums.MapGet("/{id:guid}", GetForum).WithName("GetForum").WithSummary("Gets a forum with its members.");
        forums.MapPost("/", CreateForum).WithName("CreateForum").WithSummary("Creates a forum; its convenor becomes a member (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ForumRequest>();
        forums.MapPost("/{id:guid}/members", AddMember).WithName("AddForumMember").WithSummary("Adds an actor to a forum with a role (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ForumMemberRequest>();
        return app;
    }

    public static async Task<Ok<Platform.Client.Models.PagedResult<Forum>>> ListForums([AsParameters] ForumListParameters parameters, ForumStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListForumsAsync(parameters.Scope, parameters.Assignment?.Trim(), RequestRules.AcceptedPage(parameters.Page, parameters.PageSize), cancellationToken));

    public static async Task<Results<Ok<Forum>, ProblemHttpResult>> GetForum(Guid id, ForumStore store, CancellationToken cancellationToken) =>
        await store.GetForumAsync(id, cancellationToken) is { } forum ? TypedResults.Ok(forum) : ApiProblems.NotFound($"Forum {id}");

    public static async Task<Results<Created<Forum>, ProblemHttpResult>> CreateForum(
        ForumRequest? request, ForumStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await store.CreateForumAsync(Guid.CreateVersion7(), ForumRules.ToData(request), context.CorrelationId(), cancellationToken);
        return result.Problem("Forum") is { } problem ? problem : TypedResults.Created($"/api/forums/{result.Value!.Id}", result.Value);
    }

    public static async Task<Results<Created<Forum>, ProblemHttpResult>> AddMember(
        Guid id, ForumMemberRequest? request, ForumStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var (actorId, role) = ForumRules.ToMember(request);
        var result = await store.AddMemberAsync(id, actorId, role, context.CorrelationId(), cancellationToken);
        return result.Problem($"Forum {id}") is { } problem ? problem : TypedResults.Created($"/api/forums/{id}", result.Value);
    }
}
