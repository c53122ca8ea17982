using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.ActorRegistry.Data;
using Platform.ActorRegistry.Domain;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.ActorRegistry.Apis;

public sealed record EstablishmentSearchParameters(
    [FromQuery(Name = "q")] string? Text,
    [FromQuery(Name = "municipality")] string? MunicipalityCode,
    [FromQuery(Name = "county")] string? CountyCode,
    [FromQuery(Name = "phase")] string? Phase,
    [FromQuery(Name = "company")] Guid? CompanyActorId,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize);

public static class EstablishmentsApi
{
    public static IEndpointRouteBuilder MapEstablishmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/establishments").WithTags("Establishments").RequireAuthorization(PlatformPolicies.AnyRole);
        group.MapGet("/", SearchEstablishments).WithName("SearchEstablishments")
            .WithSummary("Lists establishments by text, municipality, county, phase and company; paged.");
        group.MapGet("/{id:guid}", GetEstablishment).WithName("GetEstablishment").WithSummary("Gets an establishment with its phase history and ETag.");
        group.MapPost("/", RegisterEstablishment).WithName("RegisterEstablishment").WithSummary("Registers a company's establishment (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        group.MapPut("/{id:guid}", UpdateEstablishment).WithName("UpdateEstablishment")
            .WithSummary("Updates an establishment; a new phase is kept in its history; If-Match required (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<EstablishmentResponse>>, ProblemHttpResult>> SearchEstablishments(
        [AsParameters] EstablishmentSearchParameters parameters, EstablishmentStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Parse(parameters.Page, parameters.PageSize, errors.Malformed);
        errors.RequireOneOf("phase", parameters.Phase, EstablishmentPhases.All, required: false);

        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var query = new EstablishmentQuery(parameters.Text, parameters.MunicipalityCode, parameters.CountyCode, parameters.Phase, parameters.CompanyActorId);
        return TypedResults.Ok(await store.SearchAsync(query, page, cancellationToken));
    }

    public static async Task<Results<Ok<EstablishmentResponse>, ProblemHttpResult>> GetEstablishment(
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

    public static async Task<Results<Created<EstablishmentResponse>, ProblemHttpResult>> RegisterEstablishment(
        EstablishmentRequest? request, EstablishmentStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var data = CollaborationRules.Validate(request, errors);
        if (data is null)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.CreateAsync(Guid.CreateVersion7(), data, context.User.Caller(), context.CorrelationId(), cancellationToken);
        if (result.Errors is { } referenceErrors)
        {
            return ApiProblems.Validation(referenceErrors);
        }

        ETags.Set(context.Response, result.Establishment!.Version);
        return TypedResults.Created($"/api/establishments/{result.Establishment.Id}", result.Establishment);
    }

    public static async Task<Results<Ok<EstablishmentResponse>, ProblemHttpResult>> UpdateEstablishment(
        Guid id, EstablishmentRequest? request, EstablishmentStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var expectedVersion) is { } ifMatchProblem)
        {
            return ifMatchProblem;
        }

        var errors = new ValidationErrors();
        var data = CollaborationRules.Validate(request, errors);
        if (data is null)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.UpdateAsync(id, expectedVersion, data, context.User.Caller(), context.CorrelationId(), cancellationToken);
        if (result.Errors is { } referenceErrors)
        {
            return ApiProblems.Validation(referenceErrors);
        }

        switch (result.Outcome)
        {
            case WriteOutcome.NotFound:
                return ApiProblems.NotFound($"Establishment {id}");
            case WriteOutcome.Stale:
                return ApiProblems.Stale(result.Establishment?.Version);
            default:
                ETags.Set(context.Response, result.Establishment!.Version);
                return TypedResults.Ok(result.Establishment);
        }
    }
}
