using Microsoft.AspNetCore.Mvc;

namespace Platform.ActorRegistry.Apis;

/// <summary>The query of <c>GET /api/establishments</c>.</summary>
public sealed record EstablishmentSearchParameters(
    [FromQuery(Name = "q")] string? Text,
    [FromQuery(Name = "municipality")] string? MunicipalityCode,
    [FromQuery(Name = "county")] string? CountyCode,
    [FromQuery(Name = "phase")] string? Phase,
    [FromQuery(Name = "company")] Guid? CompanyActorId,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize);

/// <summary>
/// The body of <c>POST /api/establishments</c> and <c>PUT /api/establishments/{id}</c> as received (the JSON of the
/// SDK's <c>EstablishmentRequest</c>): every field may be missing, so the validator names it.
/// </summary>
public sealed record EstablishmentRequest(
    Guid? CompanyActorId,
    string? Name,
    string? Sector,
    string? MunicipalityCode,
    decimal? InvestmentSek,
    int? ExpectedJobs,
    string? Phase,
    DateOnly? AnnouncedOn,
    DateOnly? ExpectedOperationOn);

/// <summary>Companies' establishments and the phases they go through.</summary>
public static class EstablishmentsApi
{
    public static IServiceCollection AddEstablishmentsApiRules(this IServiceCollection services) => services
        .AddRequestRule<EstablishmentSearchParameters>((query, errors) =>
        {
            PageRequest.Parse(query.Page, query.PageSize, errors.Malformed);
            errors.RequireOneOf("phase", query.Phase, EstablishmentPhases.All, required: false);
        })
        .AddRequestRule<EstablishmentRequest>((request, errors) => EstablishmentRules.Validate(request, errors));

    public static IEndpointRouteBuilder MapEstablishmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/establishments").WithTags("Establishments").RequireAuthorization(PlatformPolicies.AnyRole);
        group.MapGet("/", SearchEstablishments).WithName("SearchEstablishments").Validates<EstablishmentSearchParameters>()
            .WithSummary("Lists establishments by text, municipality, county, phase and company; paged.");
        group.MapGet("/{id:guid}", GetEstablishment).WithName("GetEstablishment").WithSummary("Gets an establishment with its phase history and ETag.");
        group.MapPost("/", RegisterEstablishment).WithName("RegisterEstablishment").WithSummary("Registers a company's establishment (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<EstablishmentRequest>();
        group.MapPut("/{id:guid}", UpdateEstablishment).WithName("UpdateEstablishment")
            .WithSummary("Updates an establishment; a new phase is kept in its history; If-Match required (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<EstablishmentRequest>();
        return app;
    }

    public static async Task<Ok<Platform.Client.Models.PagedResult<Establishment>>> SearchEstablishments(
        [AsParameters] EstablishmentSearchParameters parameters, EstablishmentStore store, CancellationToken cancellationToken)
    {
        var query = new EstablishmentQuery(parameters.Text, parameters.MunicipalityCode, parameters.CountyCode, parameters.Phase, parameters.CompanyActorId);
        return TypedResults.Ok(await store.SearchAsync(query, RequestRules.AcceptedPage(parameters.Page, parameters.PageSize), cancellationToken));
    }

    public static async Task<Results<Ok<Establishment>, ProblemHttpResult>> GetEstablishment(
        Guid id, EstablishmentStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        var establishment = await store.GetAsync(id, cancellationToken);
        if (establishment is null)
        {
            return ApiProblems.NotFound($"Establishment {id}");
        }

        ETags.Set(response, establishment.Version);
        return TypedResults.Ok(establishment);
    }

    public static async Task<Results<Created<Establishment>, Ok<Establishment>, ProblemHttpResult>> RegisterEstablishment(
        EstablishmentRequest? request, EstablishmentStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await store.CreateAsync(Guid.CreateVersion7(), EstablishmentRules.ToData(request), context.User.Caller(), context.CorrelationId(), cancellationToken);
        return result.ToCreated("Establishment", context.Response, establishment => $"/api/establishments/{establishment.Id}");
    }

    public static async Task<Results<Ok<Establishment>, ProblemHttpResult>> UpdateEstablishment(
        Guid id, EstablishmentRequest? request, EstablishmentStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var expectedVersion) is { } ifMatchProblem)
        {
            return ifMatchProblem;
        }

        var result = await store.UpdateAsync(id, expectedVersion, EstablishmentRules.ToData(request), context.User.Caller(), context.CorrelationId(), cancellationToken);
        return result.ToOk($"Establishment {id}", context.Response);
    }
}
