using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>Actors: agencies, regions, county boards, municipalities, companies, academia and others.</summary>
/// <remarks>
/// Calls that answer with an <c>ETag</c> return <see cref="ApiResponse{T}"/> and do not throw on an error status: the
/// typed <see cref="PlatformApiException"/> is in its <c>Error</c>. Await them with <c>WithETagAsync()</c> (see
/// <see cref="ApiResponseExtensions"/>) to get the resource with its ETag or have the exception thrown. Every other
/// call throws the typed exception itself.
/// </remarks>
public interface IActorsApi
{
    /// <summary>Searches actors, paged (<c>GET /api/actors</c>; any role).</summary>
    /// <param name="text">Text in the name, case- and accent-insensitive, at most 200 characters (query <c>q</c>).</param>
    /// <param name="kind">Only actors of this kind.</param>
    /// <param name="county">Only actors working in this county.</param>
    /// <param name="municipality">Only actors of this municipality.</param>
    /// <param name="active">Only active (true) or deactivated (false) actors.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of actors.</returns>
    [Get("/api/actors")]
    Task<PagedResult<Actor>> SearchAsync(
        [AliasAs("q")] string? text = null,
        string? kind = null,
        string? county = null,
        string? municipality = null,
        bool? active = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets an actor with its ETag (<c>GET /api/actors/{id}</c>; any role).</summary>
    /// <param name="id">The actor's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the actor and its <c>ETag</c>, or the error (404 when unknown).</returns>
    [Get("/api/actors/{id}")]
    Task<ApiResponse<Actor>> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Every change of an actor, oldest first: who, when, what (<c>GET /api/actors/{id}/history</c>; any role).</summary>
    /// <param name="id">The actor's id.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of the actor's history.</returns>
    [Get("/api/actors/{id}/history")]
    Task<PagedResult<ActorHistoryEntry>> GetHistoryAsync(
        Guid id, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>The forums an actor is a member of, by name (<c>GET /api/actors/{id}/forums</c>; any role).</summary>
    /// <param name="id">The actor's id (404 when there is no such actor).</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of forums.</returns>
    [Get("/api/actors/{id}/forums")]
    Task<PagedResult<Forum>> ListForumsAsync(Guid id, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>The dialogue meetings an actor attended, newest first (<c>GET /api/actors/{id}/meetings</c>; any role).</summary>
    /// <param name="id">The actor's id (404 when there is no such actor).</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of meetings.</returns>
    [Get("/api/actors/{id}/meetings")]
    Task<PagedResult<Meeting>> ListMeetingsAsync(Guid id, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Registers an actor (<c>POST /api/actors</c>; coordinators).</summary>
    /// <param name="actor">The actor.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The response: 201 with the actor, its <c>ETag</c> and <c>Location</c>, or the error (409 when the
    /// organisation number belongs to another actor, whose id is the problem's <c>existingActorId</c>).
    /// </returns>
    [Post("/api/actors")]
    Task<ApiResponse<Actor>> RegisterAsync([Body] ActorRequest actor, CancellationToken cancellationToken = default);

    /// <summary>Replaces an actor's data (<c>PUT /api/actors/{id}</c>; coordinators, or the actor's own users).</summary>
    /// <param name="id">The actor's id.</param>
    /// <param name="actor">The actor's new data.</param>
    /// <param name="ifMatch">The ETag the change is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the updated actor and its new <c>ETag</c>, or the error.</returns>
    [Put("/api/actors/{id}")]
    Task<ApiResponse<Actor>> UpdateAsync(
        Guid id, [Body] ActorRequest actor, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Deactivates an actor instead of deleting it (<c>POST /api/actors/{id}/deactivate</c>; coordinators).</summary>
    /// <param name="id">The actor's id.</param>
    /// <param name="request">Why the actor is deactivated.</param>
    /// <param name="ifMatch">The ETag the change is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the deactivated actor and its new <c>ETag</c>, or the error.</returns>
    [Post("/api/actors/{id}/deactivate")]
    Task<ApiResponse<Actor>> DeactivateAsync(
        Guid id,
        [Body] DeactivateActorRequest request,
        [Header("If-Match")] string ifMatch,
        CancellationToken cancellationToken = default);

    /// <summary>Makes a deactivated actor active again (<c>POST /api/actors/{id}/reactivate</c>; coordinators).</summary>
    /// <param name="id">The actor's id.</param>
    /// <param name="request">Why the actor is active again.</param>
    /// <param name="ifMatch">The ETag the change is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the active actor and its new <c>ETag</c>, or the error.</returns>
    [Post("/api/actors/{id}/reactivate")]
    Task<ApiResponse<Actor>> ReactivateAsync(
        Guid id,
        [Body] ReactivateActorRequest request,
        [Header("If-Match")] string ifMatch,
        CancellationToken cancellationToken = default);
}
