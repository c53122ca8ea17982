using Microsoft.AspNetCore.Mvc;

namespace Platform.ActorRegistry.Apis;

/// <summary>The query of <c>GET /api/municipalities</c>; its pages hold 50 municipalities unless it says otherwise.</summary>
public sealed record MunicipalityListParameters(
    [FromQuery(Name = "county")] string? County, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
{
    public const int DefaultPageSize = 50;
}

/// <summary>The reference geography: the two counties and their 29 municipalities.</summary>
public static class GeographyApi
{
    public static IServiceCollection AddGeographyApiRules(this IServiceCollection services) =>
        services.AddRequestRule<MunicipalityListParameters>((query, errors) =>
        {
            PageRequest.Parse(query.Page, query.PageSize ?? MunicipalityListParameters.DefaultPageSize, errors.Malformed);
            if (query.County is not null && !Geography.IsCounty(query.County))
            {
                errors.UnknownReferences["county"] = [$"County '{query.County}' is not known; use 24 or 25."];
            }
        });

    public static IEndpointRouteBuilder MapGeographyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Geography").RequireAuthorization(PlatformPolicies.AnyRole);
        group.MapGet("/counties", GetCounties).WithName("ListCounties").WithSummary("Lists the counties of the assignment.")
            .Validates<PageParameters>();
        group.MapGet("/municipalities", GetMunicipalities).WithName("ListMunicipalities")
            .WithSummary("Lists the municipalities, optionally of one county; paged.").Validates<MunicipalityListParameters>();
        return app;
    }

    public static Ok<Platform.Client.Models.PagedResult<County>> GetCounties([AsParameters] PageParameters parameters)
    {
        var counties = Geography.Counties
            .Select(county => new County(county.Code, county.Name, Geography.Municipalities.Count(m => m.CountyCode == county.Code)))
            .ToList();
        return TypedResults.Ok(Page(counties, RequestRules.AcceptedPage(parameters.Page, parameters.PageSize)));
    }

    public static Ok<Platform.Client.Models.PagedResult<Municipality>> GetMunicipalities([AsParameters] MunicipalityListParameters parameters)
    {
        var municipalities = Geography.Municipalities
            .Where(m => parameters.County is null || m.CountyCode == parameters.County)
            .OrderBy(m => m.Code, StringComparer.Ordinal)
            .Select(m => new Municipality(m.Code, m.Name, m.CountyCode))
            .ToList();
        return TypedResults.Ok(Page(municipalities, RequestRules.AcceptedPage(parameters.Page, parameters.PageSize ?? MunicipalityListParameters.DefaultPageSize)));
    }

    private static Platform.Client.Models.PagedResult<T> Page<T>(List<T> all, PageRequest page) =>
        new([.. all.Skip(page.Offset).Take(page.PageSize)], all.Count, page.Page, page.PageSize);
}
