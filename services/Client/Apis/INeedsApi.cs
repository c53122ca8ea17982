using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>Needs (behov) actors submit, their triage, withdrawal, history and bulk import.</summary>
/// <remarks>
/// Coordinators and actor users only; coordinators and agencies see every need, other actors see company needs only
/// when they submitted them. Calls that answer with an <c>ETag</c> return <see cref="ApiResponse{T}"/> and do not throw
/// on an error status: the typed <see cref="PlatformApiException"/> is in its <c>Error</c>. Await them with
/// <c>WithETagAsync()</c> (see <see cref="ApiResponseExtensions"/>) to get the need with its ETag or have the exception
/// thrown. Every other call throws the typed exception itself. <see cref="NeedsApiExtensions"/> adds submission with a
/// fresh idempotency key and CSV import from a stream or a string.
/// </remarks>
public interface INeedsApi
{
    /// <summary>Lists the needs the caller may see, newest first, paged (<c>GET /api/needs</c>).</summary>
    /// <param name="text">A full-text search (web-search syntax, Swedish stemming) or a need's reference, at most 200 characters (query <c>q</c>).</param>
    /// <param name="theme">Only needs of this theme code.</param>
    /// <param name="status">Only needs with this status.</param>
    /// <param name="municipality">Only needs concerning this municipality.</param>
    /// <param name="county">Only needs concerning this county.</param>
    /// <param name="submittedBy">Only needs submitted by this actor.</param>
    /// <param name="challenge">Only needs linked to this challenge.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="awaitingTriage">True: only open needs that no coordinator has triaged yet (the triage queue).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of needs.</returns>
    [Get("/api/needs")]
    Task<PagedResult<Need>> ListAsync(
        [AliasAs("q")] string? text = null,
        string? theme = null,
        string? status = null,
        string? municipality = null,
        string? county = null,
        Guid? submittedBy = null,
        Guid? challenge = null,
        int? page = null,
        int? pageSize = null,
        bool? awaitingTriage = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a need with its ETag (<c>GET /api/needs/{id}</c>).</summary>
    /// <param name="id">The need's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the need and its <c>ETag</c>, or the error (404 when unknown or not visible to the caller).</returns>
    [Get("/api/needs/{id}")]
    Task<ApiResponse<Need>> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Every change of a need: who, when, what (<c>GET /api/needs/{id}/history</c>).</summary>
    /// <param name="id">The need's id.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of the need's history.</returns>
    [Get("/api/needs/{id}/history")]
    Task<PagedResult<NeedHistoryEntry>> GetHistoryAsync(
        Guid id, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Submits a need (<c>POST /api/needs</c>).</summary>
    /// <param name="need">The need.</param>
    /// <param name="idempotencyKey">
    /// 1 to 200 visible ASCII characters, e.g. a UUID. Sending the same request again with the same key answers with
    /// the need the first call created (header <c>Idempotent-Replayed: true</c>) instead of a second one; the same key
    /// with a different request is 422. None: every call creates a need.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The response: 201 with the need (including <c>similarNeeds</c>, the open needs like it), its <c>ETag</c> and
    /// <c>Location</c>, or the error.
    /// </returns>
    [Post("/api/needs")]
    Task<ApiResponse<Need>> SubmitNeedAsync(
        [Body] NeedRequest need,
        [Header("Idempotency-Key")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default);

    /// <summary>Finds the open needs like a draft, best first, before it is submitted (<c>POST /api/needs/similar</c>).</summary>
    /// <param name="draft">The draft's title and description.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The similar open needs the caller may see.</returns>
    [Post("/api/needs/similar")]
    Task<IReadOnlyList<SimilarNeed>> FindSimilarAsync([Body] SimilarNeedsRequest draft, CancellationToken cancellationToken = default);

    /// <summary>Accepts or rejects a need, optionally correcting its theme (<c>POST /api/needs/{id}/triage</c>; coordinators).</summary>
    /// <param name="id">The need's id.</param>
    /// <param name="triage">The decision.</param>
    /// <param name="ifMatch">The ETag the decision is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the triaged need and its new <c>ETag</c>, or the error (409 when its status does not allow triage).</returns>
    [Post("/api/needs/{id}/triage")]
    Task<ApiResponse<Need>> TriageAsync(
        Guid id, [Body] TriageRequest triage, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Withdraws a need (<c>POST /api/needs/{id}/withdraw</c>; the submitting actor's users only).</summary>
    /// <param name="id">The need's id.</param>
    /// <param name="request">Why the need is withdrawn.</param>
    /// <param name="ifMatch">The ETag the withdrawal is based on; optional here (412 when stale).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the withdrawn need and its new <c>ETag</c>, or the error (409 when its status does not allow it).</returns>
    [Post("/api/needs/{id}/withdraw")]
    Task<ApiResponse<Need>> WithdrawAsync(
        Guid id, [Body] WithdrawRequest request, [Header("If-Match")] string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports up to 10,000 needs from RFC 4180 CSV in UTF-8, all rows or none (<c>POST /api/needs/import</c>). Prefer
    /// <c>ImportCsvAsync</c> (see <see cref="NeedsApiExtensions"/>), which sets the content type.
    /// </summary>
    /// <param name="csv">
    /// The file as <c>text/csv</c> content (415 otherwise), at most 10 MiB (413). Columns, by header name in any order:
    /// <c>title</c>, <c>description</c>, <c>theme</c>, <c>municipality_codes</c> (separated by <c>;</c>), <c>urgency</c>;
    /// optionally <c>submitted_by_actor_id</c> (defaults to the importing actor), <c>establishment_id</c>,
    /// <c>quantity_value</c>, <c>quantity_unit</c>, <c>needed_by</c> (<c>YYYY-MM-DD</c>).
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The imported needs. Bad rows fail the whole import with 400 (or 422 when every error is an unknown reference);
    /// the exception's <c>Errors</c> are keyed <c>line N: column</c>.
    /// </returns>
    [Post("/api/needs/import")]
    Task<NeedImportResult> ImportAsync([Body] HttpContent csv, CancellationToken cancellationToken = default);
}
