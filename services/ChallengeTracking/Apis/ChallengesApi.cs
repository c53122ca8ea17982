using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.ChallengeTracking.Data;
using Platform.ChallengeTracking.Domain;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.ChallengeTracking.Apis;

public sealed record ThemeResponse(string Code, string NameSv, string NameEn);

public sealed record ChallengeSearchParameters(
    [FromQuery(Name = "theme")] string? Theme,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "county")] string? CountyCode,
    [FromQuery(Name = "crossCounty")] bool? CrossCounty,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize);

public sealed record CreateChallengeRequest(string? Theme, string? Title, string? Description, Guid? LeadActorId);

public sealed record RelinkRequest(Guid? NeedId);

public sealed record MergeRequest(Guid? ChallengeId);

public sealed record StatusRequest(string? Status, string? Note);

public static class ChallengesApi
{
    public static IEndpointRouteBuilder MapChallengesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/themes", () => TypedResults.Ok(Themes.All.Select(theme => new ThemeResponse(theme.Code, theme.NameSv, theme.NameEn)).ToList()))
            .WithTags("Challenges").WithName("ListThemes").WithSummary("The themes needs and challenges are sorted under, in Swedish and English.")
            .RequireAuthorization(PlatformPolicies.AnyRole);

        var group = app.MapGroup("/api/challenges").WithTags("Challenges").RequireAuthorization(PlatformPolicies.AnyRole);
        group.MapGet("/", ListChallenges).WithName("ListChallenges").WithSummary("Challenges by theme, status, county and crossCounty; newest first.");
        group.MapGet("/{id:guid}", GetChallenge).WithName("GetChallenge").WithSummary("A challenge with its needs, counties, establishments and efforts, and its ETag.");
        group.MapPost("/", CreateChallenge).WithName("CreateChallenge").WithSummary("Opens a challenge by hand (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        group.MapPost("/{id:guid}/needs", RelinkNeed).WithName("RelinkNeed").WithSummary("Moves a need into this challenge; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        group.MapPost("/{id:guid}/merge", MergeChallenges).WithName("MergeChallenges")
            .WithSummary("Merges another challenge into this one: its needs and efforts move, it is archived; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        group.MapPost("/{id:guid}/status", ChangeStatus).WithName("ChangeChallengeStatus").WithSummary("Changes a challenge's status; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<ChallengeResponse>>, ProblemHttpResult>> ListChallenges(
        [AsParameters] ChallengeSearchParameters parameters, ChallengeStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Parse(parameters.Page, parameters.PageSize, errors.Malformed);
        errors.RequireOneOf("theme", parameters.Theme, Themes.Codes, required: false);
        errors.RequireOneOf("status", parameters.Status, ChallengeStatuses.All, required: false);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        return TypedResults.Ok(await store.ListAsync(new ChallengeQuery(parameters.Theme, parameters.Status, parameters.CountyCode, parameters.CrossCounty), page, cancellationToken));
    }

    public static async Task<Results<Ok<ChallengeResponse>, ProblemHttpResult>> GetChallenge(Guid id, ChallengeStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        var challenge = await store.GetAsync(id, cancellationToken);
        if (challenge is null)
        {
            return ApiProblems.NotFound($"Challenge {id}");
        }

        ETags.Set(response, challenge.Version);
        return TypedResults.Ok(challenge);
    }

    public static async Task<Results<Created<ChallengeResponse>, ProblemHttpResult>> CreateChallenge(
        CreateChallengeRequest? request, ChallengeStore store, ActorDirectory.ActorDirectory actors, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var title = FieldRules.Text(request?.Title, "title", 5, 200, errors);
        var description = FieldRules.Text(request?.Description, "description", 20, 4000, errors, multiline: true);

        if (string.IsNullOrWhiteSpace(request?.Theme))
        {
            errors.Malformed["theme"] = ["Theme is required."];
        }
        else if (!Themes.IsKnown(request.Theme))
        {
            errors.UnknownReferences["theme"] = [$"Theme '{request.Theme}' is not known; themes are: {string.Join(", ", Themes.Codes)}."];
        }

        if (request?.LeadActorId is { } lead && !errors.Any && !((await actors.FindAsync(lead, cancellationToken))?.IsActive ?? false))
        {
            errors.UnknownReferences["leadActorId"] = [$"Actor {lead} is not a known, active actor."];
        }

        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var challenge = await store.CreateAsync(new NewChallenge(request!.Theme!, title!, description!, request.LeadActorId), context.CorrelationId(), cancellationToken);
        ETags.Set(context.Response, challenge.Version);
        return TypedResults.Created($"/api/challenges/{challenge.Id}", challenge);
    }

    public static async Task<Results<Ok<ChallengeResponse>, ProblemHttpResult>> RelinkNeed(
        Guid id, RelinkRequest? request, ChallengeStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var version) is { } ifMatch)
        {
            return ifMatch;
        }

        if (request?.NeedId is not { } needId || needId == Guid.Empty)
        {
            return ApiProblems.Malformed("needId", "NeedId is required.");
        }

        return Answer(await store.RelinkAsync(id, version, needId, context.CorrelationId(), cancellationToken), id, context.Response, "needId", $"Need {needId} is not known to challenge tracking.");
    }

    public static async Task<Results<Ok<ChallengeResponse>, ProblemHttpResult>> MergeChallenges(
        Guid id, MergeRequest? request, ChallengeStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var version) is { } ifMatch)
        {
            return ifMatch;
        }

        if (request?.ChallengeId is not { } other || other == Guid.Empty)
        {
            return ApiProblems.Malformed("challengeId", "ChallengeId (the challenge to merge into this one) is required.");
        }

        var result = await store.MergeAsync(id, version, other, context.CorrelationId(), cancellationToken);
        return result.Outcome == ChallengeOutcome.SameChallenge
            ? ApiProblems.Malformed("challengeId", "A challenge cannot be merged into itself.")
            : Answer(result, id, context.Response, "challengeId", $"Challenge {other} is not known.");
    }

    public static async Task<Results<Ok<ChallengeResponse>, ProblemHttpResult>> ChangeStatus(
        Guid id, StatusRequest? request, ChallengeStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var version) is { } ifMatch)
        {
            return ifMatch;
        }

        var errors = new ValidationErrors();
        errors.RequireOneOf("status", request?.Status, ChallengeStatuses.All);
        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        if (note is { Length: > 2000 })
        {
            errors.Malformed["note"] = ["Note is at most 2000 characters."];
        }

        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        return Answer(await store.ChangeStatusAsync(id, version, request!.Status!, note, context.CorrelationId(), cancellationToken), id, context.Response, "status", string.Empty);
    }

    private static Results<Ok<ChallengeResponse>, ProblemHttpResult> Answer(ChallengeWriteResult result, Guid id, HttpResponse response, string field, string unknown)
    {
        switch (result.Outcome)
        {
            case ChallengeOutcome.NotFound:
                return ApiProblems.NotFound($"Challenge {id}");
            case ChallengeOutcome.ReferenceNotFound:
                return ApiProblems.Validation(new ValidationErrors { UnknownReferences = { [field] = [unknown] } });
            case ChallengeOutcome.Stale:
                return ApiProblems.Stale(result.Challenge?.Version);
            case ChallengeOutcome.Closed:
                return ApiProblems.Conflict("The challenge is closed.", $"Challenge {result.Challenge!.Id} is archived{(result.Challenge.MergedInto is { } into ? $", merged into {into}" : string.Empty)}.");
            default:
                ETags.Set(response, result.Challenge!.Version);
                return TypedResults.Ok(result.Challenge);
        }
    }
}
