using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Client.Models;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;
using LessonPage = Platform.Client.Models.PagedResult<Platform.Client.Models.Lesson>;

namespace Platform.Reporting.Apis;

/// <summary>The query of <c>GET /api/lessons</c>, and who asks (drafts are for coordinators).</summary>
public sealed record LessonSearchParameters(
    [FromQuery(Name = "published")] bool? Published,
    [FromQuery(Name = "targetGroup")] string? TargetGroup,
    [FromQuery(Name = "effort")] Guid? EffortId,
    [FromQuery(Name = "challenge")] Guid? ChallengeId,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize,
    ClaimsPrincipal User)
{
    /// <summary>The page asked for; <see cref="LessonSearchValidator"/> has refused a page out of range.</summary>
    public PageRequest ToPage() => PageRequest.Parse(Page, PageSize, new Dictionary<string, string[]>());
}

/// <summary>Checks a lesson's fields by <see cref="LessonRules"/>.</summary>
public sealed class LessonRequestValidator(TimeProvider time) : IRequestValidator<LessonRequest>
{
    public ValueTask ValidateAsync(LessonRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        LessonRules.Validate(request, SwedishTime.Today(time), errors);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Checks a search of lessons: its paging, its target group, and drafts asked for only by who may see them.</summary>
public sealed class LessonSearchValidator : IRequestValidator<LessonSearchParameters>
{
    public ValueTask ValidateAsync(LessonSearchParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        PageRequest.Parse(request.Page, request.PageSize, errors.Malformed);
        if (request.Published == false && !LessonLifecycle.MaySeeDrafts(request.User.IsCoordinator()))
        {
            errors.Malformed["published"] = ["Only coordinators see draft lessons."];
        }

        if (request.TargetGroup is { Length: > LessonRules.MaxTargetGroupLength })
        {
            errors.Malformed["targetGroup"] = [$"TargetGroup is at most {LessonRules.MaxTargetGroupLength} characters."];
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Lessons learnt (lärdomar): drafts for coordinators, published ones for everyone.</summary>
public static class LessonsApi
{
    public static IEndpointRouteBuilder MapLessonsApi(this IEndpointRouteBuilder app)
    {
        var lessons = app.MapGroup("/api/lessons").WithTags("Lessons").RequireAuthorization(PlatformPolicies.AnyRole);
        lessons.MapGet("/", ListLessons).WithName("ListLessons").WithSummary("Lessons by target group, effort and challenge; drafts for coordinators only.")
            .Validates<LessonSearchParameters>();
        lessons.MapGet("/{id:guid}", GetLesson).WithName("GetLesson").WithSummary("A lesson and its ETag; a draft is visible to coordinators only.");
        lessons.MapPost("/", CreateLesson).WithName("CreateLesson").WithSummary("Records a lesson, published at once or as a draft (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<LessonRequest>();
        lessons.MapPut("/{id:guid}", ReviseLesson).WithName("ReviseLesson")
            .WithSummary("Revises a lesson as its next version, published or not as it was; the earlier versions stay readable; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<LessonRequest>();
        lessons.MapGet("/{id:guid}/revisions", ListLessonRevisions).WithName("ListLessonRevisions").Validates<PageParameters>()
            .WithSummary("A lesson's earlier versions, newest first; paged (the draft ones for coordinators only).");
        lessons.MapPost("/{id:guid}/publish", PublishLesson).WithName("PublishLesson").WithSummary("Publishes a draft lesson; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        return app;
    }

    public static async Task<Ok<LessonPage>> ListLessons([AsParameters] LessonSearchParameters search, LessonStore store, CancellationToken cancellationToken)
    {
        var published = LessonLifecycle.MaySeeDrafts(search.User.IsCoordinator()) ? search.Published : true;
        var query = new LessonQuery(published, search.TargetGroup?.Trim(), search.EffortId, search.ChallengeId);
        return TypedResults.Ok(await store.ListAsync(query, search.ToPage(), cancellationToken));
    }

    public static async Task<Results<Ok<Lesson>, ProblemHttpResult>> GetLesson(Guid id, LessonStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var lesson = await store.GetAsync(id, cancellationToken);
        if (lesson is null || !LessonLifecycle.IsVisibleTo(lesson, context.User.IsCoordinator()))
        {
            return ApiProblems.NotFound($"Lesson {id}");
        }

        ETags.Set(context.Response, lesson.Version);
        return TypedResults.Ok(lesson);
    }

    public static async Task<Results<Created<Lesson>, Ok<Lesson>, ProblemHttpResult>> CreateLesson(
        LessonRequest? request, LessonStore store, TimeProvider time, HttpContext context, ILogger<LessonStore> logger, CancellationToken cancellationToken)
    {
        var result = await store.CreateAsync(
            LessonRules.ToData(request!, SwedishTime.Today(time)), context.User.IsCoordinator(), context.User.Caller(), context.CorrelationId(), cancellationToken);
        if (result is { Succeeded: true, Value: { } lesson })
        {
            logger.LogInformation("Lesson {LessonId} recorded ({State}): {Title}", lesson.Id, lesson.Published ? "published" : "draft", lesson.Title);
        }

        return result.ToCreated("Lesson", context.Response, created => $"/api/lessons/{created.Id}");
    }

    public static async Task<Results<Ok<Lesson>, ProblemHttpResult>> ReviseLesson(
        Guid id, LessonRequest request, LessonStore store, TimeProvider time, HttpContext context, ILogger<LessonStore> logger, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var version) is { } ifMatch)
        {
            return ifMatch;
        }

        var result = await store.ReviseAsync(
            id, version, LessonRules.ToData(request, SwedishTime.Today(time)), context.User.IsCoordinator(), context.User.Caller(), context.CorrelationId(), cancellationToken);
        if (result is { Succeeded: true, Value: { } lesson } && lesson.Version != version)
        {
            logger.LogInformation("Lesson {LessonId} revised to version {Version}: {Title}", lesson.Id, lesson.Version, lesson.Title);
        }

        return result.ToOk($"Lesson {id}", context.Response);
    }

    public static async Task<Results<Ok<LessonPage>, ProblemHttpResult>> ListLessonRevisions(
        Guid id, [AsParameters] PageParameters paging, LessonStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var coordinator = context.User.IsCoordinator();
        if (await store.GetAsync(id, cancellationToken) is not { } lesson || !LessonLifecycle.IsVisibleTo(lesson, coordinator))
        {
            return ApiProblems.NotFound($"Lesson {id}");
        }

        return TypedResults.Ok(await store.RevisionsAsync(id, !LessonLifecycle.MaySeeDrafts(coordinator), paging.ToPage(), cancellationToken));
    }

    public static async Task<Results<Ok<Lesson>, ProblemHttpResult>> PublishLesson(Guid id, LessonStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var version) is { } ifMatch)
        {
            return ifMatch;
        }

        var result = await store.PublishAsync(id, version, context.User.IsCoordinator(), context.CorrelationId(), cancellationToken);
        return result.ToOk($"Lesson {id}", context.Response);
    }
}
