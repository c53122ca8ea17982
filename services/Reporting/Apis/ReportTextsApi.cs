using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Client.Models;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Apis;

public sealed class ReportSectionRequestValidator : IRequestValidator<ReportSectionRequest>
{
    public ValueTask ValidateAsync(ReportSectionRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ReportWriting.CheckText(request.Text, errors);
        return ValueTask.CompletedTask;
    }
}

public sealed class ReportCoverRequestValidator : IRequestValidator<ReportCoverRequest>
{
    public ValueTask ValidateAsync(ReportCoverRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ReportWriting.CheckCover(request.AgencyCaseNumber, request.DecidedBy, request.PresentedBy, errors);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The written parts of the final report: coordinators draft and edit its sections and its cover's facts, each save a
/// new version under <c>If-Match</c>; everyone reads them, and the report shows the newest.
/// </summary>
public static class ReportTextsApi
{
    public static IEndpointRouteBuilder MapReportTextsApi(this IEndpointRouteBuilder app)
    {
        var texts = app.MapGroup("/api/reports/final").WithTags("Reports");
        texts.MapGet("/texts", GetTexts).WithName("GetFinalReportTexts")
            .WithSummary("The final report's written sections and cover facts as last saved.")
            .RequireAuthorization(PlatformPolicies.AnyRole).Validates<AssignmentQuery>();
        texts.MapPut("/sections/{key}", SaveSection).WithName("SaveFinalReportSection")
            .WithSummary("Saves a section's text as its next version; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<AssignmentQuery>().Validates<ReportSectionRequest>();
        texts.MapGet("/sections/{key}/versions", ListSectionVersions).WithName("ListFinalReportSectionVersions")
            .WithSummary("Every saved version of a section, newest first; paged.")
            .RequireAuthorization(PlatformPolicies.AnyRole).Validates<AssignmentPageQuery>();
        texts.MapPut("/cover", SaveCover).WithName("SaveFinalReportCover")
            .WithSummary("Saves the cover's facts (agency case number, who decided, who presented) as their next version; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<AssignmentQuery>().Validates<ReportCoverRequest>();
        return app;
    }

    public static async Task<Results<Ok<ReportTexts>, ProblemHttpResult>> GetTexts(
        [AsParameters] AssignmentQuery parameters, AssignmentStore assignments, ReportTextStore store, CancellationToken cancellationToken)
    {
        var assignment = parameters.Assignment!.Trim();
        return await assignments.GetAsync(assignment, cancellationToken) is null
            ? ReportsApi.UnknownAssignment(assignment)
            : TypedResults.Ok(await store.GetAsync(assignment, cancellationToken));
    }

    public static async Task<Results<Ok<ReportSection>, ProblemHttpResult>> SaveSection(
        string key, [AsParameters] AssignmentQuery parameters, ReportSectionRequest request, AssignmentStore assignments, ReportTextStore store,
        HttpContext context, ILogger<ReportTextStore> logger, CancellationToken cancellationToken)
    {
        if (ReportWriting.Section(key) is not { } section)
        {
            return UnknownSection(key);
        }

        if (ApiProblems.RequireIfMatch(context.Request, out var version) is { } ifMatch)
        {
            return ifMatch;
        }

        var assignment = parameters.Assignment!.Trim();
        if (await assignments.GetAsync(assignment, cancellationToken) is null)
        {
            return ReportsApi.UnknownAssignment(assignment);
        }

        var by = context.User.DisplayName();
        var result = await store.SaveSectionAsync(assignment, section, version, ReportWriting.CheckText(request.Text, new ValidationErrors())!, by, cancellationToken);
        if (result is { Succeeded: true, Value: { } saved })
        {
            logger.LogInformation("Section {Section} of the final report of {Assignment} at version {Version}, saved by {By}", section.Key, assignment, saved.Version, by);
        }

        return result.ToOk($"Section {key}", context.Response);
    }

    public static async Task<Results<Ok<PagedResult<ReportSection>>, ProblemHttpResult>> ListSectionVersions(
        string key, [AsParameters] AssignmentPageQuery parameters, ReportTextStore store, CancellationToken cancellationToken) =>
        ReportWriting.Section(key) is { } section
            ? TypedResults.Ok(await store.VersionsAsync(parameters.Assignment!.Trim(), section, parameters.ToPage(), cancellationToken))
            : UnknownSection(key);

    public static async Task<Results<Ok<ReportCoverFacts>, ProblemHttpResult>> SaveCover(
        [AsParameters] AssignmentQuery parameters, ReportCoverRequest request, AssignmentStore assignments, ReportTextStore store, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var version) is { } ifMatch)
        {
            return ifMatch;
        }

        var assignment = parameters.Assignment!.Trim();
        if (await assignments.GetAsync(assignment, cancellationToken) is null)
        {
            return ReportsApi.UnknownAssignment(assignment);
        }

        var facts = ReportWriting.CheckCover(request.AgencyCaseNumber, request.DecidedBy, request.PresentedBy, new ValidationErrors())!.Value;
        var result = await store.SaveCoverAsync(assignment, version, facts, context.User.DisplayName(), cancellationToken);
        return result.ToOk("The cover", context.Response);
    }

    private static ProblemHttpResult UnknownSection(string key) =>
        TypedResults.Problem(
            title: $"The final report has no section {key}.", detail: $"Its sections are {string.Join(", ", ReportWriting.Sections.Select(section => section.Key))}.",
            statusCode: StatusCodes.Status404NotFound);
}
