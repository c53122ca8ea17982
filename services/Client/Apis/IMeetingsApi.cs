using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>Dialogue meetings (dialogmöten) with attending actors and the needs and challenges discussed.</summary>
/// <remarks>
/// A meeting read with <see cref="GetAsync"/> carries its ETag (use <c>WithETagAsync()</c>), which an edit names in
/// <c>If-Match</c>; an error status throws a <see cref="PlatformApiException"/> of the matching subclass.
/// </remarks>
public interface IMeetingsApi
{
    /// <summary>Lists dialogue meetings, newest first, paged (<c>GET /api/meetings</c>; any role).</summary>
    /// <param name="forum">Only meetings of this forum.</param>
    /// <param name="from">Only meetings on or after this day.</param>
    /// <param name="to">Only meetings on or before this day (not before <paramref name="from"/>).</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="assignment">Only meetings held for this government assignment (a registration number).</param>
    /// <param name="actor">Only meetings this actor attended.</param>
    /// <param name="need">Only meetings about this need.</param>
    /// <param name="challenge">Only meetings about this challenge.</param>
    /// <param name="status">Only meetings <c>planned</c> or only those <c>held</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of meetings.</returns>
    [Get("/api/meetings")]
    Task<PagedResult<Meeting>> ListAsync(
        Guid? forum = null,
        [Query(Format = "yyyy-MM-dd")] DateOnly? from = null,
        [Query(Format = "yyyy-MM-dd")] DateOnly? to = null,
        int? page = null,
        int? pageSize = null,
        string? assignment = null,
        Guid? actor = null,
        Guid? need = null,
        Guid? challenge = null,
        string? status = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a dialogue meeting (<c>GET /api/meetings/{id}</c>; any role).</summary>
    /// <param name="id">The meeting's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the meeting and its <c>ETag</c>, or the error.</returns>
    [Get("/api/meetings/{id}")]
    Task<ApiResponse<Meeting>> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Edits a meeting: planned or held, date, title, attendees, agenda, minutes, linked needs, challenges and assignments
    /// (<c>PUT /api/meetings/{id}</c>; coordinators). A meeting is held only on a day that has come.
    /// </summary>
    /// <param name="id">The meeting's id.</param>
    /// <param name="meeting">The meeting as it is to be.</param>
    /// <param name="ifMatch">The ETag the edit is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the meeting and its new <c>ETag</c>, or the error.</returns>
    [Put("/api/meetings/{id}")]
    Task<ApiResponse<Meeting>> UpdateAsync(Guid id, [Body] MeetingRequest meeting, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Records a dialogue meeting (<c>POST /api/meetings</c>; coordinators).</summary>
    /// <param name="meeting">The meeting (422 for unknown forums, actors, needs or challenges).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recorded meeting.</returns>
    [Post("/api/meetings")]
    Task<Meeting> RecordAsync([Body] MeetingRequest meeting, CancellationToken cancellationToken = default);
}
