using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.ActorRegistry.Data;
using Platform.ActorRegistry.Domain;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.ActorRegistry.Apis;

public sealed record MeetingSearchParameters(
    [FromQuery(Name = "forum")] Guid? ForumId,
    [FromQuery(Name = "from")] DateOnly? From,
    [FromQuery(Name = "to")] DateOnly? To,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize);

/// <summary>Collaboration forums with their members, and dialogue meetings.</summary>
public static class ForumsApi
{
    public static IEndpointRouteBuilder MapForumsApi(this IEndpointRouteBuilder app)
    {
        var forums = app.MapGroup("/api/forums").WithTags("Forums").RequireAuthorization(PlatformPolicies.AnyRole);
        forums.MapGet("/", ListForums).WithName("ListForums").WithSummary("Lists collaboration forums, optionally of one scope; paged.");
        forums.MapGet("/{id:guid}", GetForum).WithName("GetForum").WithSummary("Gets a forum with its members.");
        forums.MapPost("/", CreateForum).WithName("CreateForum").WithSummary("Creates a forum; its convenor becomes a member (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        forums.MapPost("/{id:guid}/members", AddMember).WithName("AddForumMember").WithSummary("Adds an actor to a forum with a role (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);

        var meetings = app.MapGroup("/api/meetings").WithTags("Meetings").RequireAuthorization(PlatformPolicies.AnyRole);
        meetings.MapGet("/", ListMeetings).WithName("ListMeetings").WithSummary("Lists dialogue meetings by forum and date range, newest first; paged.");
        meetings.MapGet("/{id:guid}", GetMeeting).WithName("GetMeeting").WithSummary("Gets a dialogue meeting.");
        meetings.MapPost("/", RecordMeeting).WithName("RecordMeeting")
            .WithSummary("Records a dialogue meeting with attending actors and linked needs and challenges (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<ForumResponse>>, ProblemHttpResult>> ListForums(
        string? scope, int? page, int? pageSize, ForumStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.Parse(page, pageSize, errors.Malformed);
        errors.RequireOneOf("scope", scope, ForumScopes.All, required: false);

        return errors.Any ? ApiProblems.Validation(errors) : TypedResults.Ok(await store.ListForumsAsync(scope, paging, cancellationToken));
    }

    public static async Task<Results<Ok<ForumResponse>, ProblemHttpResult>> GetForum(Guid id, ForumStore store, CancellationToken cancellationToken) =>
        await store.GetForumAsync(id, cancellationToken) is { } forum ? TypedResults.Ok(forum) : ApiProblems.NotFound($"Forum {id}");

    public static async Task<Results<Created<ForumResponse>, ProblemHttpResult>> CreateForum(
        ForumRequest? request, ForumStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var forum = CollaborationRules.Validate(request, errors);
        if (forum is null)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.CreateForumAsync(Guid.CreateVersion7(), forum, context.CorrelationId(), cancellationToken);
        return result.Errors is { } referenceErrors
            ? ApiProblems.Validation(referenceErrors)
            : TypedResults.Created($"/api/forums/{result.Value!.Id}", result.Value);
    }

    public static async Task<Results<Created<ForumResponse>, ProblemHttpResult>> AddMember(
        Guid id, ForumMemberRequest? request, ForumStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var member = CollaborationRules.Validate(request, errors);
        if (member is null)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.AddMemberAsync(id, member.ActorId!.Value, member.Role!, context.CorrelationId(), cancellationToken);
        return result.Outcome switch
        {
            CollaborationOutcome.NotFound => ApiProblems.NotFound($"Forum {id}"),
            CollaborationOutcome.UnknownReference => ApiProblems.Validation(result.Errors!),
            CollaborationOutcome.AlreadyMember => ApiProblems.Conflict("Already a member.", $"Actor {member.ActorId} is already a member of forum {id}."),
            _ => TypedResults.Created($"/api/forums/{id}", result.Value),
        };
    }

    public static async Task<Results<Ok<PagedResult<MeetingResponse>>, ProblemHttpResult>> ListMeetings(
        [AsParameters] MeetingSearchParameters parameters, ForumStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.Parse(parameters.Page, parameters.PageSize, errors.Malformed);
        FieldRules.CheckDate(parameters.From, "from", errors);
        FieldRules.CheckDate(parameters.To, "to", errors);
        if (parameters.From is { } from && parameters.To is { } to && to < from)
        {
            errors.Malformed["to"] = ["'to' cannot be before 'from'."];
        }

        return errors.Any
            ? ApiProblems.Validation(errors)
            : TypedResults.Ok(await store.ListMeetingsAsync(parameters.ForumId, parameters.From, parameters.To, paging, cancellationToken));
    }

    public static async Task<Results<Ok<MeetingResponse>, ProblemHttpResult>> GetMeeting(Guid id, ForumStore store, CancellationToken cancellationToken) =>
        await store.GetMeetingAsync(id, cancellationToken) is { } meeting ? TypedResults.Ok(meeting) : ApiProblems.NotFound($"Meeting {id}");

    public static async Task<Results<Created<MeetingResponse>, ProblemHttpResult>> RecordMeeting(
        MeetingRequest? request, ForumStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var meeting = CollaborationRules.Validate(request, errors);
        if (meeting is null)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.RecordMeetingAsync(Guid.CreateVersion7(), meeting, context.CorrelationId(), cancellationToken);
        return result.Errors is { } referenceErrors
            ? ApiProblems.Validation(referenceErrors)
            : TypedResults.Created($"/api/meetings/{result.Value!.Id}", result.Value);
    }
}
