using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>Collaboration forums (samverkansforum) and their members.</summary>
/// <remarks>
/// A forum read with <see cref="GetAsync"/> carries its ETag (use <c>WithETagAsync()</c>), which an edit and a change of
/// role name in <c>If-Match</c>; an error status throws a <see cref="PlatformApiException"/> of the matching subclass.
/// </remarks>
public interface IForumsApi
{
    /// <summary>Lists collaboration forums, paged (<c>GET /api/forums</c>; any role).</summary>
    /// <param name="scope">Only forums of this scope: <c>national</c>, <c>regional</c> or <c>cross-county</c>.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="assignment">Only forums that work for this government assignment (a registration number).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of forums.</returns>
    [Get("/api/forums")]
    Task<PagedResult<Forum>> ListAsync(
        string? scope = null, int? page = null, int? pageSize = null, string? assignment = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a forum with its members (<c>GET /api/forums/{id}</c>; any role).</summary>
    /// <param name="id">The forum's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the forum and its <c>ETag</c>, or the error.</returns>
    [Get("/api/forums/{id}")]
    Task<ApiResponse<Forum>> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Edits a forum's name, purpose, scope, convenor and assignments (<c>PUT /api/forums/{id}</c>; coordinators).</summary>
    /// <param name="id">The forum's id.</param>
    /// <param name="forum">The forum as it is to be.</param>
    /// <param name="ifMatch">The ETag the edit is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the forum and its new <c>ETag</c>, or the error.</returns>
    [Put("/api/forums/{id}")]
    Task<ApiResponse<Forum>> UpdateAsync(Guid id, [Body] ForumRequest forum, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Removes an actor from a forum (<c>DELETE /api/forums/{id}/members/{actorId}</c>; coordinators); 409 when it is no member.</summary>
    /// <param name="id">The forum's id.</param>
    /// <param name="actorId">The member to remove.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the forum without the member and its new <c>ETag</c>, or the error.</returns>
    [Delete("/api/forums/{id}/members/{actorId}")]
    Task<ApiResponse<Forum>> RemoveMemberAsync(Guid id, Guid actorId, CancellationToken cancellationToken = default);

    /// <summary>Gives a member another role (<c>PUT /api/forums/{id}/members/{actorId}</c>; coordinators); 409 when it is no member.</summary>
    /// <param name="id">The forum's id.</param>
    /// <param name="actorId">The member.</param>
    /// <param name="role">The new role.</param>
    /// <param name="ifMatch">The forum's ETag the change is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the forum and its new <c>ETag</c>, or the error.</returns>
    [Put("/api/forums/{id}/members/{actorId}")]
    Task<ApiResponse<Forum>> ChangeMemberRoleAsync(
        Guid id, Guid actorId, [Body] ForumRoleRequest role, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Creates a forum; its convenor becomes a member (<c>POST /api/forums</c>; coordinators).</summary>
    /// <param name="forum">The forum.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created forum.</returns>
    [Post("/api/forums")]
    Task<Forum> CreateAsync([Body] ForumRequest forum, CancellationToken cancellationToken = default);

    /// <summary>Adds an actor to a forum with a role (<c>POST /api/forums/{id}/members</c>; coordinators).</summary>
    /// <param name="id">The forum's id.</param>
    /// <param name="member">The actor and its role (409 when already a member).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The forum with its members.</returns>
    [Post("/api/forums/{id}/members")]
    Task<Forum> AddMemberAsync(Guid id, [Body] ForumMemberRequest member, CancellationToken cancellationToken = default);
}
