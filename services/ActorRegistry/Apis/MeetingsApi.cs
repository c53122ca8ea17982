using Microsoft.AspNetCore.Mvc;

namespace Platform.ActorRegistry.Apis;

/// <summary>The query of <c>GET /api/meetings</c>.</summary>
public sealed record MeetingSearchParameters(
    [FromQuery(Name = "forum")] Guid? ForumId,
    [FromQuery(Name = "from")] DateOnly? From,
    [FromQuery(Name = "to")] DateOnly? To,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize,
    [FromQuery(Name = "assignment")] string? Assignment = null,
    [FromQuery(Name = "actor")] Guid? ActorId = null,
    [FromQuery(Name = "need")] Guid? NeedId = null,
    [FromQuery(Name = "challenge")] Guid? ChallengeId = null,
    [FromQuery(Name = "status")] string? Status = null)
{
    public MeetingQuery ToQuery() => new(ForumId, From, To, Assignment?.Trim(), ActorId, NeedId, ChallengeId, Status?.Trim());
}

/// <summary>The body of <c>POST /api/meetings</c> as received (the JSON of the SDK's <c>MeetingRequest</c>): every field may be missing, so the validator names it.</summary>
public sealed record MeetingRequest(
    DateOnly? Date,
    Guid? ForumId,
    string? Title,
    string? Agenda,
    string? Minutes,
    IReadOnlyList<Guid>? AttendingActorIds,
    IReadOnlyList<Guid>? NeedIds,
    IReadOnlyList<Guid>? ChallengeIds,
    IReadOnlyList<string?>? Assignments = null,
    string? Status = null);

/// <summary>Dialogue meetings, of a forum or on their own.</summary>
public static class MeetingsApi
{
    public static IServiceCollection AddMeetingsApiRules(this IServiceCollection services) => services
        .AddRequestRule<MeetingSearchParameters>(CheckSearch)
        .AddRequestRule<MeetingRequest>((request, errors) => MeetingRules.Validate(request, errors));

    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/meetings").WithTags("Meetings").RequireAuthorization(PlatformPolicies.AnyRole);
        meetings.MapGet("/", ListMeetings).WithName("ListMeetings")
            .WithSummary("Lists dialogue meetings by forum, date range, assignment, attending actor, need, challenge and status (planned, held), newest first; paged.")
            .Validates<MeetingSearchParameters>();
        meetings.MapGet("/{id:guid}", GetMeeting).WithName("GetMeeting").WithSummary("Gets a dialogue meeting and its ETag.");
        meetings.MapPost("/", RecordMeeting).WithName("RecordMeeting")
            .WithSummary("Records a dialogue meeting with attending actors and linked needs and challenges (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<MeetingRequest>();
        meetings.MapPut("/{id:guid}", UpdateMeeting).WithName("UpdateMeeting")
            .WithSummary("Edits a meeting: planned or held, date, attendees, agenda, minutes, linked needs and challenges; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<MeetingRequest>();
        return app;
    }

    public static async Task<Ok<Platform.Client.Models.PagedResult<Meeting>>> ListMeetings(
        [AsParameters] MeetingSearchParameters parameters, MeetingStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListMeetingsAsync(parameters.ToQuery(), RequestRules.AcceptedPage(parameters.Page, parameters.PageSize), cancellationToken));

    public static async Task<Results<Ok<Meeting>, ProblemHttpResult>> GetMeeting(Guid id, MeetingStore store, HttpResponse response, CancellationToken cancellationToken) =>
        VersionedResults.Read(await store.GetMeetingAsync(id, cancellationToken), $"Meeting {id}", response);

    public static Task<Results<Ok<Meeting>, ProblemHttpResult>> UpdateMeeting(
        Guid id, MeetingRequest? request, MeetingStore store, HttpContext context, CancellationToken cancellationToken) =>
        VersionedResults.WriteIfMatchedAsync($"Meeting {id}", context, version =>
            store.UpdateMeetingAsync(id, version, MeetingRules.ToData(request), context.CorrelationId(), cancellationToken));

    private static void CheckSearch(MeetingSearchParameters query, ValidationErrors errors)
    {
        PageRequest.Parse(query.Page, query.PageSize, errors.Malformed);
        FieldRules.CheckDate(query.From, "from", errors);
        FieldRules.CheckDate(query.To, "to", errors);
        FieldRules.AssignmentReferences(query.Assignment is null ? null : [query.Assignment], "assignment", errors);
        errors.RequireOneOf("status", query.Status?.Trim(), MeetingStatuses.All, required: false);
        if (query.From is { } from && query.To is { } to && to < from)
        {
            errors.Malformed["to"] = ["'to' cannot be before 'from'."];
        }
    }

    public static async Task<Results<Created<Meeting>, ProblemHttpResult>> RecordMeeting(
        MeetingRequest? request, MeetingStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await store.RecordMeetingAsync(Guid.CreateVersion7(), MeetingRules.ToData(request), context.CorrelationId(), cancellationToken);
        return result.Problem("Meeting") is { } problem ? problem : TypedResults.Created($"/api/meetings/{result.Value!.Id}", result.Value);
    }
}
