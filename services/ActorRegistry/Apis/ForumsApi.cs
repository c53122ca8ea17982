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

/// <summary>The body of <c>PUT /api/forums/{id}/members/{actorId}</c> as received (the JSON of the SDK's <c>ForumRoleRequest</c>).</summary>
public sealed record ForumRoleRequest(string? Role);

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
        .AddRequestRule<ForumMemberRequest>(ForumRules.Validate)
        .AddRequestRule<ForumRoleRequest>((request, errors) => errors.RequireOneOf("role", request.Role, ForumRoles.All));

    public static IEndpointRouteBuilder MapForumsApi(this IEndpointRouteBuilder app)
    {
        var forums = app.MapGroup("/api/forums").WithTags("Forums").RequireAuthorization(PlatformPolicies.AnyRole);
        forums.MapGet("/", ListForums).WithName("ListForums").WithSummary("Lists collaboration forums, optionally of one scope or one assignment; paged.")
            .Validates<ForumListParameters>();
        forums.MapGet("/{id:guid}", GetForum).WithName("GetForum").WithSummary("Gets a forum with its members, and its ETag.");
        forums.MapPost("/", CreateForum).WithName("CreateForum").WithSummary("Creates a forum; its convenor becomes a member (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ForumRequest>();
        forums.MapPost("/{id:guid}/members", AddMember).WithName("AddForumMember").WithSummary("Adds an actor to a forum with a role (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ForumMemberRequest>();
        forums.MapPut("/{id:guid}", UpdateForum).WithName("UpdateForum")
            .WithSummary("Edits a forum's name, purpose, scope, convenor and assignments; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ForumRequest>();
        forums.MapDelete("/{id:guid}/members/{actorId:guid}", RemoveMember).WithName("RemoveForumMember")
            .WithSummary("Removes an actor from a forum; 409 when it is no member (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        forums.MapPut("/{id:guid}/members/{actorId:guid}", ChangeMemberRole).WithName("ChangeForumMemberRole")
            .WithSummary("Gives a member another role; If-Match on the forum (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ForumRoleRequest>();
        return app;
    }

    public static async Task<Ok<Platform.Client.Models.PagedResult<Forum>>> ListForums([AsParameters] ForumListParameters parameters, ForumStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListForumsAsync(parameters.Scope, parameters.Assignment?.Trim(), RequestRules.AcceptedPage(parameters.Page, parameters.PageSize), cancellationToken));

    public static async Task<Results<Ok<Forum>, ProblemHttpResult>> GetForum(Guid id, ForumStore store, HttpResponse response, CancellationToken cancellationToken) =>
        VersionedResults.Read(await store.GetForumAsync(id, cancellationToken), $"Forum {id}", response);

    public static Task<Results<Ok<Forum>, ProblemHttpResult>> UpdateForum(
        Guid id, ForumRequest? request, ForumStore store, HttpContext context, CancellationToken cancellationToken) =>
        VersionedResults.WriteIfMatchedAsync($"Forum {id}", context, version =>
            store.UpdateForumAsync(id, version, ForumRules.ToData(request), context.CorrelationId(), cancellationToken));

    public static async Task<Results<Ok<Forum>, ProblemHttpResult>> RemoveMember(
        Guid id, Guid actorId, ForumStore store, HttpContext context, ILogger<ForumStore> logger, CancellationToken cancellationToken)
    {
        var result = await store.RemoveMemberAsync(id, actorId, context.CorrelationId(), cancellationToken);
        if (result.Status == WriteStatus.Updated)
        {
            logger.LogInformation("Actor {ActorId} removed from forum {ForumId}", actorId, id);
        }

        return result.ToOk($"Forum {id}", context.Response);
    }

    public static Task<Results<Ok<Forum>, ProblemHttpResult>> ChangeMemberRole(
        Guid id, Guid actorId, ForumRoleRequest request, ForumStore store, HttpContext context, CancellationToken cancellationToken) =>
        VersionedResults.WriteIfMatchedAsync($"Forum {id}", context, version =>
            store.ChangeRoleAsync(id, actorId, version, request.Role!, context.CorrelationId(), cancellationToken));

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
