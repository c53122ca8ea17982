using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>Themes and challenges (utmaningar): needs clustered under one theme.</summary>
/// <remarks>
/// Calls that answer with an <c>ETag</c> return <see cref="ApiResponse{T}"/> and do not throw on an error status: the
/// typed <see cref="PlatformApiException"/> is in its <c>Error</c>. Await them with <c>WithETagAsync()</c> (see
/// <see cref="ApiResponseExtensions"/>) to get the challenge with its ETag or have the exception thrown. Every other
/// call throws the typed exception itself. Changes to a merged (archived) challenge answer 409.
/// </remarks>
public interface IChallengesApi
{
    /// <summary>The themes needs and challenges are sorted under, in Swedish and English (<c>GET /api/themes</c>; any role).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>All themes.</returns>
    [Get("/api/themes")]
    Task<IReadOnlyList<Theme>> ListThemesAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists challenges, newest first, paged (<c>GET /api/challenges</c>; any role).</summary>
    /// <param name="text">Only challenges with this reference, or with these words in their title or description (<c>q</c>).</param>
    /// <param name="theme">Only challenges of this theme code.</param>
    /// <param name="status">Only challenges with this status.</param>
    /// <param name="county">Only challenges concerning this county.</param>
    /// <param name="crossCounty">Only challenges concerning both counties (true) or one (false).</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of challenges.</returns>
    [Get("/api/challenges")]
    Task<PagedResult<Challenge>> ListAsync(
        [AliasAs("q")] string? text = null,
        string? theme = null,
        string? status = null,
        string? county = null,
        bool? crossCounty = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a challenge with its needs, counties, establishments, efforts and ETag (<c>GET /api/challenges/{id}</c>; any role).</summary>
    /// <param name="id">The challenge's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the challenge and its <c>ETag</c>, or the error (404 when unknown).</returns>
    [Get("/api/challenges/{id}")]
    Task<ApiResponse<Challenge>> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Why a challenge holds together: its weightiest terms and each need's similarity to it (<c>GET
    /// /api/challenges/{id}/explanation</c>; any role). The terms come from needs that are not confidential only.
    /// </summary>
    /// <param name="id">The challenge's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The explanation.</returns>
    [Get("/api/challenges/{id}/explanation")]
    Task<ChallengeExplanation> ExplainAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Opens a challenge by hand (<c>POST /api/challenges</c>; coordinators).</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: 201 with the challenge and its <c>ETag</c>, or the error.</returns>
    [Post("/api/challenges")]
    Task<ApiResponse<Challenge>> CreateAsync([Body] CreateChallengeRequest challenge, CancellationToken cancellationToken = default);

    /// <summary>Moves a need into this challenge (<c>POST /api/challenges/{id}/needs</c>; coordinators).</summary>
    /// <param name="id">The challenge's id.</param>
    /// <param name="request">The need to move.</param>
    /// <param name="ifMatch">The challenge's ETag the change is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the challenge and its new <c>ETag</c>, or the error.</returns>
    [Post("/api/challenges/{id}/needs")]
    Task<ApiResponse<Challenge>> RelinkNeedAsync(
        Guid id, [Body] RelinkNeedRequest request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Merges another challenge into this one: its needs and efforts move and it is archived
    /// (<c>POST /api/challenges/{id}/merge</c>; coordinators).
    /// </summary>
    /// <param name="id">The id of the challenge that remains.</param>
    /// <param name="request">The challenge to merge into it (400 when it is the same one).</param>
    /// <param name="ifMatch">The remaining challenge's ETag the merge is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the remaining challenge and its new <c>ETag</c>, or the error.</returns>
    [Post("/api/challenges/{id}/merge")]
    Task<ApiResponse<Challenge>> MergeAsync(
        Guid id, [Body] MergeChallengeRequest request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Changes a challenge's status (<c>POST /api/challenges/{id}/status</c>; coordinators).</summary>
    /// <param name="id">The challenge's id.</param>
    /// <param name="request">The new status and a note.</param>
    /// <param name="ifMatch">The ETag the change is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the challenge and its new <c>ETag</c>, or the error.</returns>
    [Post("/api/challenges/{id}/status")]
    Task<ApiResponse<Challenge>> ChangeStatusAsync(
        Guid id, [Body] ChallengeStatusRequest request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a challenge's title and description, which clustering then keeps (<c>PUT /api/challenges/{id}</c>;
    /// coordinators).
    /// </summary>
    /// <param name="id">The challenge's id.</param>
    /// <param name="request">The title and description.</param>
    /// <param name="ifMatch">The ETag the change is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the challenge and its new <c>ETag</c>, or the error (409 when it is closed).</returns>
    [Put("/api/challenges/{id}")]
    Task<ApiResponse<Challenge>> EditAsync(Guid id, [Body] ChallengeEditRequest request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Sets the government assignments a challenge is reported under (<c>PUT /api/challenges/{id}/assignments</c>; coordinators).</summary>
    /// <param name="id">The challenge's id.</param>
    /// <param name="request">Every assignment it is reported under.</param>
    /// <param name="ifMatch">The ETag the change is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the challenge and its new <c>ETag</c>, or the error.</returns>
    [Put("/api/challenges/{id}/assignments")]
    Task<ApiResponse<Challenge>> SetAssignmentsAsync(
        Guid id, [Body] ChallengeAssignmentsRequest request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>
    /// The clustering review's suggestions to merge or split challenges, most alike first, paged
    /// (<c>GET /api/challenges/suggestions</c>; coordinators).
    /// </summary>
    /// <param name="status"><c>open</c> (the default), <c>accepted</c>, <c>dismissed</c> or <c>withdrawn</c>.</param>
    /// <param name="kind">Only <c>merge</c> or only <c>split</c> suggestions.</param>
    /// <param name="theme">Only suggestions of this theme code.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of suggestions.</returns>
    [Get("/api/challenges/suggestions")]
    Task<PagedResult<ChallengeSuggestion>> ListSuggestionsAsync(
        string? status = null, string? kind = null, string? theme = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the clustering review now, as it runs after imports and periodically (<c>POST
    /// /api/challenges/suggestions/review</c>; coordinators).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the review proposed and withdrew, and each theme's threshold.</returns>
    [Post("/api/challenges/suggestions/review")]
    Task<ClusterReview> ReviewClusteringAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a suggested merge or split (<c>POST /api/challenges/suggestions/{id}/accept</c>; coordinators); 409 when it
    /// was decided or withdrawn already, or its challenges changed since it was made.
    /// </summary>
    /// <param name="id">The suggestion's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The suggestion, accepted.</returns>
    [Post("/api/challenges/suggestions/{id}/accept")]
    Task<ChallengeSuggestion> AcceptSuggestionAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Dismisses a suggestion: it is not made again while its challenges hold the same needs (<c>POST
    /// /api/challenges/suggestions/{id}/dismiss</c>; coordinators); 409 when it was decided already.
    /// </summary>
    /// <param name="id">The suggestion's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The suggestion, dismissed.</returns>
    [Post("/api/challenges/suggestions/{id}/dismiss")]
    Task<ChallengeSuggestion> DismissSuggestionAsync(Guid id, CancellationToken cancellationToken = default);
}
