using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ActorRegistry.Domain;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.ActorRegistry.Apis;

public sealed record CountyResponse(string Code, string Name, int MunicipalityCount);

/// <summary>The reference geography: the two counties and their 29 municipalities.</summary>
public static class GeographyApi
{
    public static IEndpointRouteBuilder MapGeographyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Geography").RequireAuthorization(PlatformPolicies.AnyRole);
        group.MapGet("/counties", GetCounties).WithName("ListCounties").WithSummary("Lists the counties of the assignment.");
        group.MapGet("/municipalities", GetMunicipalities).WithName("ListMunicipalities")
            .WithSummary("Lists the municipalities, optionally of one county; paged.");
        return app;
    }

    public static Results<Ok<PagedResult<CountyResponse>>, ProblemHttpResult> GetCounties(int? page, int? pageSize)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.Parse(page, pageSize, errors.Malformed);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var all = Geography.Counties
            .Select(county => new CountyResponse(county.Code, county.Name, Geography.Municipalities.Count(m => m.CountyCode == county.Code)))
            .ToList();
        return TypedResults.Ok(new PagedResult<CountyResponse>([.. all.Skip(paging.Offset).Take(paging.PageSize)], all.Count, paging.Page, paging.PageSize));
    }

    public static Results<Ok<PagedResult<Municipality>>, ProblemHttpResult> GetMunicipalities(string? county, int? page, int? pageSize)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.Parse(page, pageSize ?? 50, errors.Malformed);
        if (county is not null && !Geography.IsCounty(county))
        {
            errors.UnknownReferences["county"] = [$"County '{county}' is not known; use 24 or 25."];
        }

        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var all = Geography.Municipalities.Where(m => county is null || m.CountyCode == county).OrderBy(m => m.Code, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new PagedResult<Municipality>([.. all.Skip(paging.Offset).Take(paging.PageSize)], all.Count, paging.Page, paging.PageSize));
    }
}
