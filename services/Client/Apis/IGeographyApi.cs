using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>The reference geography: the two counties and their 29 municipalities (any role).</summary>
/// <remarks>An error status throws a <see cref="PlatformApiException"/> of the matching subclass.</remarks>
public interface IGeographyApi
{
    /// <summary>Lists the counties of the assignment (<c>GET /api/counties</c>).</summary>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of counties.</returns>
    [Get("/api/counties")]
    Task<PagedResult<County>> ListCountiesAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the municipalities, ordered by code (<c>GET /api/municipalities</c>).</summary>
    /// <param name="county">Only the municipalities of this county (<c>24</c> or <c>25</c>; 422 otherwise).</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (50 by default, so one page holds them all).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of municipalities.</returns>
    [Get("/api/municipalities")]
    Task<PagedResult<Municipality>> ListMunicipalitiesAsync(
        string? county = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);
}
