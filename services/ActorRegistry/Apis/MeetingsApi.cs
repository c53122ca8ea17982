using Microsoft.AspNetCore.Mvc;

namespace Platform.ActorRegistry.Apis;

/// <summary>The query of <c>GET /api/meetings</c>.</summary>
public sealed record MeetingSearchParameters(
    [FromQuery(Name = "forum")] Guid? ForumId,
    [FromQuery(Name = "from")] DateOnly? From,
    [FromQuery(Name = "to")] DateOnly? To,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize);

/// <summary>The body of <c>POST /api/meetings</c> as received (the JSON of the SDK's <c>MeetingRequest</c>): every field may be missing, so the validator names it.</summary>
public sealed record MeetingRequest(
    DateOnly? Date,
    Guid? ForumId,
    string? Title,
    string? Agenda,
    string? Minutes,
    IReadOnlyList<Guid>? AttendingActorIds,
    IReadOnlyList<Guid>? NeedIds,
    IReadOnlyList<Guid>? ChallengeIds);

/// <summary>The rules of the meeting API's requests, checked before a handler runs.</summary>
public sealed class MeetingsApiValidator : IRequestValidator<MeetingSearchParameters>, IRequestValidator<MeetingRequest>
{
    public ValueTask ValidateAsync(MeetingSearchParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        PageRequest.Parse(request.Page, request.PageSize, errors.Malformed);
        FieldRules.CheckDate(request.From, "from", errors);
        FieldRules.CheckDate(request.To, "to", errors);
        if (request.From is { } from && request.To is { } to && to < from)
        {
            errors.Malformed["to"] = ["'to' cannot be before 'from'."];
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ValidateAsync(MeetingRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        MeetingRules.Validate(request, errors);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Dialogue meetings, of a forum or on their own.</summary>
public static class MeetingsApi
{
    public static IServiceCollection AddMeetingsApiValidation(this IServiceCollection services) => services
        .AddRequestValidator<MeetingSearchParameters, MeetingsApiValidator>()
        .AddRequestValidator<MeetingRequest, MeetingsApiValidator>();

    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/meetings").WithTags("Meetings").RequireAuthorization(PlatformPolicies.AnyRole);
        meetings.MapGet("/", ListMeetings).WithName("ListMeetings").WithSummary("Lists dialogue meetings by forum and date range, newest first; paged.")
            .Validates<MeetingSearchParameters>();
        meetings.MapGet("/{id:guid}", GetMeeting).WithName("GetMeeting").WithSummary("Gets a dialogue meeting.");
        meetings.MapPost("/", RecordMeeting).WithName("RecordMeeting")
            .WithSummary("Records a dialogue meeting with attending actors and linked needs and challenges (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<MeetingRequest>();
        return app;
    }

    public static async Task<Ok<PagedResult<Meeting>>> ListMeetings(
        [AsParameters] MeetingSearchParameters parameters, MeetingStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListMeetingsAsync(
            parameters.ForumId, parameters.From, parameters.To, AcceptedPage.Of(parameters.Page, parameters.PageSize), cancellationToken));

    public static async Task<Results<Ok<Meeting>, ProblemHttpResult>> GetMeeting(Guid id, MeetingStore store, CancellationToken cancellationToken) =>
        await store.GetMeetingAsync(id, cancellationToken) is { } meeting ? TypedResults.Ok(meeting) : ApiProblems.NotFound($"Meeting {id}");

    public static async Task<Results<Created<Meeting>, ProblemHttpResult>> RecordMeeting(
        MeetingRequest? request, MeetingStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await store.RecordMeetingAsync(Guid.CreateVersion7(), MeetingRules.ToData(request), context.CorrelationId(), cancellationToken);
        return result.Problem("Meeting") is { } problem ? problem : TypedResults.Created($"/api/meetings/{result.Value!.Id}", result.Value);
    }
}
