using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>Efforts (insatser) addressing challenges, their expenditures and progress.</summary>
/// <remarks>
/// Calls that answer with an <c>ETag</c> return <see cref="ApiResponse{T}"/> and do not throw on an error status: the
/// typed <see cref="PlatformApiException"/> is in its <c>Error</c>. Await them with <c>WithETagAsync()</c> (see
/// <see cref="ApiResponseExtensions"/>) to get the result with its ETag or have the exception thrown. Every other call
/// throws the typed exception itself.
/// </remarks>
public interface IEffortsApi
{
    /// <summary>Lists efforts, paged (<c>GET /api/efforts</c>; any role).</summary>
    /// <param name="challenge">Only efforts addressing this challenge.</param>
    /// <param name="status">Only efforts with this status.</param>
    /// <param name="assignment">Only efforts funded by this government assignment, e.g. <c>KN2023/03505</c>.</param>
    /// <param name="leadActor">Only efforts led by this actor.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of efforts.</returns>
    [Get("/api/efforts")]
    Task<PagedResult<Effort>> ListAsync(
        Guid? challenge = null,
        string? status = null,
        string? assignment = null,
        Guid? leadActor = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets an effort with participants, expenditures, indicators, spending against budget and its ETag
    /// (<c>GET /api/efforts/{id}</c>; any role).
    /// </summary>
    /// <param name="id">The effort's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the effort and its <c>ETag</c>, or the error (404 when unknown).</returns>
    [Get("/api/efforts/{id}")]
    Task<ApiResponse<Effort>> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Launches an effort addressing challenges (<c>POST /api/efforts</c>; coordinators).</summary>
    /// <param name="effort">The effort (422 for unknown challenges or actors).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: 201 with the effort and its <c>ETag</c>, or the error.</returns>
    [Post("/api/efforts")]
    Task<ApiResponse<Effort>> LaunchAsync([Body] EffortRequest effort, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an expenditure within the effort's dates; spending over budget is recorded and flagged, not refused
    /// (<c>POST /api/efforts/{id}/expenditures</c>; coordinators).
    /// </summary>
    /// <param name="id">The effort's id.</param>
    /// <param name="expenditure">The expenditure.</param>
    /// <param name="idempotencyKey">
    /// A key of the caller's choosing (e.g. a new UUID per form): a retry with the same key and body is answered with the
    /// first recording (header <c>Idempotent-Replayed: true</c>) and records nothing again; with another body it is 422.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The response: 201 with the expenditure, the effort's new <c>ETag</c> and header <c>X-Effort-Over-Budget</c>
    /// (<c>true</c>/<c>false</c>), or the error (409 when the effort is cancelled).
    /// </returns>
    [Post("/api/efforts/{id}/expenditures")]
    Task<ApiResponse<Expenditure>> RecordExpenditureAsync(
        Guid id, [Body] ExpenditureRequest expenditure, [Header("Idempotency-Key")] string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reverses an expenditure recorded by mistake (<c>POST /api/efforts/{id}/expenditures/{expenditureId}/reversal</c>;
    /// coordinators): an entry of the opposite amount on the original's day, naming it and why, so the two sum to zero.
    /// </summary>
    /// <param name="id">The effort's id.</param>
    /// <param name="expenditureId">The expenditure to reverse.</param>
    /// <param name="reversal">Why.</param>
    /// <param name="idempotencyKey">As for <see cref="RecordExpenditureAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The response: 201 with the reversing entry and the effort's new <c>ETag</c>, or the error (404 unknown, 409 already
    /// reversed, 422 a reversal or another effort's expenditure).
    /// </returns>
    [Post("/api/efforts/{id}/expenditures/{expenditureId}/reversal")]
    Task<ApiResponse<Expenditure>> ReverseExpenditureAsync(
        Guid id, Guid expenditureId, [Body] ReversalRequest reversal, [Header("Idempotency-Key")] string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Edits an effort: title, description, lead, participants, dates, budget and indicators (<c>PUT /api/efforts/{id}</c>;
    /// coordinators). A budget change is kept as a new entry; the dates must keep the effort's expenditures within them.
    /// </summary>
    /// <param name="id">The effort's id.</param>
    /// <param name="effort">The effort as it is to be.</param>
    /// <param name="ifMatch">The ETag the edit is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the effort and its new <c>ETag</c>, or the error.</returns>
    [Put("/api/efforts/{id}")]
    Task<ApiResponse<Effort>> EditAsync(Guid id, [Body] EffortEditRequest effort, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Reports progress, status, note and indicators (<c>POST /api/efforts/{id}/progress</c>; coordinators).</summary>
    /// <param name="id">The effort's id.</param>
    /// <param name="progress">The progress report.</param>
    /// <param name="ifMatch">The ETag the report is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the effort and its new <c>ETag</c>, or the error.</returns>
    [Post("/api/efforts/{id}/progress")]
    Task<ApiResponse<Effort>> ReportProgressAsync(
        Guid id, [Body] ProgressRequest progress, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);
}
