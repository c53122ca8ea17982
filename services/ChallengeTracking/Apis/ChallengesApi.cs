using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.ChallengeTracking.Data;
using Platform.ChallengeTracking.Domain;
using Platform.Client.Models;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;
using ChallengePage = Platform.Client.Models.PagedResult<Platform.Client.Models.Challenge>;
using Theme = Platform.Client.Models.Theme;

namespace Platform.ChallengeTracking.Apis;

public sealed record ChallengeSearchParameters(
    [FromQuery(Name = "q")] string? Text,
    [FromQuery(Name = "theme")] string? Theme,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "county")] string? CountyCode,
    [FromQuery(Name = "crossCounty")] bool? CrossCounty,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize)
{
    public ChallengeQuery ToQuery() => new(string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(), Theme, Status, CountyCode, CrossCounty);

    /// <summary>The page asked for; <see cref="ChallengeSearchValidator"/> has refused a page out of range.</summary>
    public PageRequest ToPage() => PageRequest.Parse(Page, PageSize, new Dictionary<string, string[]>());
}

public sealed record SuggestionSearchParameters(
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "kind")] string? Kind,
    [FromQuery(Name = "theme")] string? Theme,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize)
{
    public SuggestionQuery ToQuery() => new(Status ?? SuggestionStatuses.Open, Kind, Theme);

    /// <summary>The page asked for; <see cref="SuggestionSearchValidator"/> has refused a page out of range.</summary>
    public PageRequest ToPage() => PageRequest.Parse(Page, PageSize, new Dictionary<string, string[]>());
}

public static class ChallengesApi
{
    public static IEndpointRouteBuilder MapChallengesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/themes", ListThemes)
            .WithTags("Challenges").WithName("ListThemes").WithSummary("The themes needs and challenges are sorted under, in Swedish and English.")
            .RequireAuthorization(PlatformPolicies.AnyRole);

        var group = app.MapGroup("/api/challenges").WithTags("Challenges").RequireAuthorization(PlatformPolicies.AnyRole);
        group.MapGet("/", ListChallenges).WithName("ListChallenges").WithSummary("Challenges by words or reference (q), theme, status, county and crossCounty; newest first.")
            .Validates<ChallengeSearchParameters>();
        var suggestions = group.MapGroup("/suggestions").RequireAuthorization(PlatformPolicies.Coordinator);
        suggestions.MapGet("/", ListSuggestions).WithName("ListChallengeSuggestions")
            .WithSummary("The clustering review's suggestions to merge or split challenges, by status (open unless asked), kind and theme; most alike first (coordinators).")
            .Validates<SuggestionSearchParameters>();
        suggestions.MapPost("/review", ReviewClustering).WithName("ReviewClustering")
            .WithSummary("Runs the clustering review now, as it runs after imports and periodically: suggestions and each theme's threshold (coordinators).");
        suggestions.MapPost("/{id:guid}/accept", AcceptSuggestion).WithName("AcceptChallengeSuggestion")
            .WithSummary("Makes the suggested merge or split; 409 when decided already or its challenges changed since (coordinators).");
        suggestions.MapPost("/{id:guid}/dismiss", DismissSuggestion).WithName("DismissChallengeSuggestion")
            .WithSummary("Dismisses a suggestion: it is not made again while its challenges hold the same needs (coordinators).");
        group.MapGet("/{id:guid}", GetChallenge).WithName("GetChallenge").WithSummary("A challenge with its needs, counties, establishments and efforts, and its ETag.");
        group.MapGet("/{id:guid}/explanation", ExplainChallenge).WithName("ExplainChallenge")
            .WithSummary("Why a challenge holds together: its weightiest terms (from needs that are not confidential) and each need's similarity to it.");
        group.MapPost("/", CreateChallenge).WithName("CreateChallenge").WithSummary("Opens a challenge by hand (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<CreateChallengeRequest>();
        group.MapPost("/{id:guid}/needs", RelinkNeed).WithName("RelinkNeed").WithSummary("Moves a need into this challenge; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<RelinkNeedRequest>();
        group.MapPost("/{id:guid}/merge", MergeChallenges).WithName("MergeChallenges")
            .WithSummary("Merges another challenge into this one: its needs and efforts move, it is archived; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<MergeChallengeRequest>();
        group.MapPost("/{id:guid}/status", ChangeStatus).WithName("ChangeChallengeStatus").WithSummary("Changes a challenge's status; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ChallengeStatusRequest>();
        group.MapPut("/{id:guid}", EditChallenge).WithName("EditChallenge")
            .WithSummary("Sets a challenge's title and description, which clustering then keeps; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ChallengeEditRequest>();
        group.MapPut("/{id:guid}/assignments", SetAssignments).WithName("SetChallengeAssignments")
            .WithSummary("Sets the government assignments a challenge is reported under; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ChallengeAssignmentsRequest>();
        return app;
    }

    public static Ok<List<Theme>> ListThemes() =>
        TypedResults.Ok(Themes.All.Select(theme => new Theme(theme.Code, theme.NameSv, theme.NameEn)).ToList());

    public static async Task<Ok<ChallengePage>> ListChallenges(
        [AsParameters] ChallengeSearchParameters parameters, ChallengeStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(parameters.ToQuery(), parameters.ToPage(), cancellationToken));

    public static async Task<Results<Ok<Challenge>, ProblemHttpResult>> GetChallenge(Guid id, ChallengeStore store, HttpResponse response, CancellationToken cancellationToken) =>
        VersionedResults.Read(await store.GetAsync(id, cancellationToken), $"Challenge {id}", response);

    public static async Task<Results<Ok<ChallengeExplanation>, ProblemHttpResult>> ExplainChallenge(Guid id, ChallengeStore store, CancellationToken cancellationToken) =>
        await store.ExplainAsync(id, cancellationToken) is { } explanation ? TypedResults.Ok(explanation) : ApiProblems.NotFound($"Challenge {id}");

    public static async Task<Ok<PagedResult<ChallengeSuggestion>>> ListSuggestions(
        [AsParameters] SuggestionSearchParameters parameters, ClusterReviewStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(parameters.ToQuery(), parameters.ToPage(), cancellationToken));

    public static async Task<Ok<ClusterReview>> ReviewClustering(ClusterReviewStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ReviewAsync(cancellationToken));

    public static async Task<Results<Ok<ChallengeSuggestion>, ProblemHttpResult>> AcceptSuggestion(
        Guid id, ClusterReviewStore store, HttpContext context, CancellationToken cancellationToken) =>
        Answer(await store.AcceptAsync(id, context.User.DisplayName(), context.CorrelationId(), cancellationToken), id);

    public static async Task<Results<Ok<ChallengeSuggestion>, ProblemHttpResult>> DismissSuggestion(
        Guid id, ClusterReviewStore store, HttpContext context, CancellationToken cancellationToken) =>
        Answer(await store.DismissAsync(id, context.User.DisplayName(), cancellationToken), id);

    public static async Task<Results<Created<Challenge>, Ok<Challenge>, ProblemHttpResult>> CreateChallenge(
        CreateChallengeRequest request, ChallengeStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var challenge = new NewChallenge(request.Theme, request.Title.Trim(), request.Description.Trim(), request.LeadActorId);
        var result = await store.CreateAsync(challenge, context.CorrelationId(), cancellationToken);
        return result.ToCreated("Challenge", context.Response, created => $"/api/challenges/{created.Id}");
    }

    public static Task<Results<Ok<Challenge>, ProblemHttpResult>> RelinkNeed(
        Guid id, RelinkNeedRequest request, ChallengeStore store, HttpContext context, CancellationToken cancellationToken) =>
        VersionedResults.WriteIfMatchedAsync($"Challenge {id}", context, version =>
            store.RelinkAsync(id, version, request.NeedId, context.CorrelationId(), cancellationToken));

    public static Task<Results<Ok<Challenge>, ProblemHttpResult>> MergeChallenges(
        Guid id, MergeChallengeRequest request, ChallengeStore store, HttpContext context, CancellationToken cancellationToken) =>
        VersionedResults.WriteIfMatchedAsync($"Challenge {id}", context, version =>
            store.MergeAsync(id, version, request.ChallengeId, context.CorrelationId(), cancellationToken));

    public static Task<Results<Ok<Challenge>, ProblemHttpResult>> EditChallenge(
        Guid id, ChallengeEditRequest request, ChallengeStore store, HttpContext context, CancellationToken cancellationToken) =>
        VersionedResults.WriteIfMatchedAsync($"Challenge {id}", context, version =>
            store.EditAsync(id, version, request.Title.Trim(), request.Description.Trim(), context.CorrelationId(), cancellationToken));

    public static Task<Results<Ok<Challenge>, ProblemHttpResult>> SetAssignments(
        Guid id, ChallengeAssignmentsRequest request, ChallengeStore store, HttpContext context, CancellationToken cancellationToken) =>
        VersionedResults.WriteIfMatchedAsync($"Challenge {id}", context, version =>
            store.SetAssignmentsAsync(id, version, FieldRules.AssignmentReferences(request.Assignments!, "assignments", new ValidationErrors())!, context.CorrelationId(), cancellationToken));

    public static Task<Results<Ok<Challenge>, ProblemHttpResult>> ChangeStatus(
        Guid id, ChallengeStatusRequest request, ChallengeStore store, HttpContext context, CancellationToken cancellationToken) =>
        VersionedResults.WriteIfMatchedAsync($"Challenge {id}", context, version =>
            store.ChangeStatusAsync(id, version, request.Status, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), context.CorrelationId(), cancellationToken));

    private static Results<Ok<ChallengeSuggestion>, ProblemHttpResult> Answer(WriteResult<ChallengeSuggestion> result, Guid id) =>
        result.Problem($"Suggestion {id}") is { } problem ? problem : TypedResults.Ok(result.Value!);
}
