using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>Collaboration forums (samverkansforum) and their members.</summary>
/// <remarks>Forums carry no ETag; an error status throws a <see cref="PlatformApiException"/> of the matching subclass.</remarks>
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
    /// <returns>The forum.</returns>
    [Get("/api/forums/{id}")]
    Task<Forum> GetAsync(Guid id, CancellationToken cancellationToken = default);

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
