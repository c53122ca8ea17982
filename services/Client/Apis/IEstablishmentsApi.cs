using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>Companies' establishments (företagsetableringar) with the history of their phases.</summary>
/// <remarks>
/// Calls that answer with an <c>ETag</c> return <see cref="ApiResponse{T}"/> and do not throw on an error status: the
/// typed <see cref="PlatformApiException"/> is in its <c>Error</c>. Await them with <c>WithETagAsync()</c> (see
/// <see cref="ApiResponseExtensions"/>) to get the resource with its ETag or have the exception thrown. Every other
/// call throws the typed exception itself.
/// </remarks>
public interface IEstablishmentsApi
{
    /// <summary>Searches establishments, paged (<c>GET /api/establishments</c>; any role).</summary>
    /// <param name="text">Text in the name (query <c>q</c>).</param>
    /// <param name="municipality">Only establishments in this municipality.</param>
    /// <param name="county">Only establishments in this county.</param>
    /// <param name="phase">Only establishments in this phase.</param>
    /// <param name="company">Only establishments of this company actor.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of establishments.</returns>
    [Get("/api/establishments")]
    Task<PagedResult<Establishment>> SearchAsync(
        [AliasAs("q")] string? text = null,
        string? municipality = null,
        string? county = null,
        string? phase = null,
        Guid? company = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets an establishment with its phase history and ETag (<c>GET /api/establishments/{id}</c>; any role).</summary>
    /// <param name="id">The establishment's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the establishment and its <c>ETag</c>, or the error (404 when unknown).</returns>
    [Get("/api/establishments/{id}")]
    Task<ApiResponse<Establishment>> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Registers a company's establishment (<c>POST /api/establishments</c>; coordinators).</summary>
    /// <param name="establishment">The establishment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: 201 with the establishment and its <c>ETag</c>, or the error (422 for an unknown company).</returns>
    [Post("/api/establishments")]
    Task<ApiResponse<Establishment>> RegisterAsync([Body] EstablishmentRequest establishment, CancellationToken cancellationToken = default);

    /// <summary>Replaces an establishment's data; a new phase is kept in its history (<c>PUT /api/establishments/{id}</c>; coordinators).</summary>
    /// <param name="id">The establishment's id.</param>
    /// <param name="establishment">The establishment's new data.</param>
    /// <param name="ifMatch">The ETag the change is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the updated establishment and its new <c>ETag</c>, or the error.</returns>
    [Put("/api/establishments/{id}")]
    Task<ApiResponse<Establishment>> UpdateAsync(
        Guid id, [Body] EstablishmentRequest establishment, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);
}
