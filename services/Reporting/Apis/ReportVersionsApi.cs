using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Client.Models;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.Reporting.Reports;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Apis;

/// <summary>The query of one frozen version's file: the assignment and a format (JSON when none).</summary>
public sealed record ReportVersionFileParameters(
    [FromQuery(Name = "assignment")] string? Assignment,
    [FromQuery(Name = "format")] string? Format);

public sealed class ReportVersionFileParametersValidator : IRequestValidator<ReportVersionFileParameters>
{
    public ValueTask ValidateAsync(ReportVersionFileParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ReportQueryRules.AssignmentReference(request.Assignment, required: true, errors);
        ReportQueryRules.CheckFormat(request.Format, errors);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Frozen ("fastställda") versions of the final report: a coordinator freezes the report as it reads now, in every
/// format at once; each format is then served byte for byte, whatever the data does afterwards.
/// </summary>
public static class ReportVersionsApi
{
    public static IEndpointRouteBuilder MapReportVersionsApi(this IEndpointRouteBuilder app)
    {
        var versions = app.MapGroup("/api/reports/final/versions").WithTags("Reports");
        versions.MapPost("/", FreezeVersion).WithName("FreezeFinalReportVersion")
            .WithSummary("Freezes the final report as it reads now, in every format, as the next version (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<AssignmentQuery>();
        versions.MapGet("/", ListVersions).WithName("ListFinalReportVersions")
            .WithSummary("The frozen versions of an assignment's final report, newest first, with each format's SHA-256.")
            .RequireAuthorization(PlatformPolicies.AnyRole).Validates<AssignmentPageQuery>();
        versions.MapGet("/{number:int}", GetVersionFile).WithName("GetFinalReportVersion")
            .WithSummary("A frozen version in one format (json, html, md, csv, xlsx or pdf), byte for byte as frozen.")
            .Produces<ReportDocument>(contentType: "application/json")
            .RequireAuthorization(PlatformPolicies.AnyRole).Validates<ReportVersionFileParameters>();
        return app;
    }

    public static async Task<Results<Created<ReportVersion>, ProblemHttpResult>> FreezeVersion(
        [AsParameters] AssignmentQuery parameters, ReportStore reports, ReportVersionStore versions, PdfPrinter printer, TimeProvider time,
        HttpContext context, ILogger<ReportVersionStore> logger, CancellationToken cancellationToken)
    {
        var assignment = parameters.Assignment!.Trim();
        if (await reports.DocumentAsync(assignment, null, cancellationToken) is not { } draft)
        {
            return ReportsApi.UnknownAssignment(assignment);
        }

        var number = ((await versions.LatestAsync(assignment, cancellationToken))?.Version.Number ?? 0) + 1;
        var frozen = draft with { Version = new FrozenVersion(number, time.GetUtcNow(), context.User.DisplayName()) };
        var files = new List<(string, RenderedReport)>();
        try
        {
            foreach (var format in ReportFormats.All)
            {
                files.Add((format, await ReportRenderer.RenderAsync(frozen, format, printer, cancellationToken)));
            }
        }
        catch (PdfUnavailableException)
        {
            return TypedResults.Problem(
                title: "The report cannot be frozen now: PDF printing is not available on this server.",
                detail: "A version is frozen in every format or not at all; an operator can see why in the service's log.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (await versions.AddAsync(assignment, frozen, files, cancellationToken) is not { } stored)
        {
            return ApiProblems.Conflict(
                $"Version {number} was frozen by someone else at the same moment.", "Look at the versions and freeze again if the report still needs it.");
        }

        logger.LogInformation("Version {Number} of the final report of {Assignment} frozen by {Who}", number, assignment, stored.Version.FrozenBy);
        return TypedResults.Created($"/api/reports/final/versions/{number}?assignment={Uri.EscapeDataString(assignment)}", stored);
    }

    public static async Task<Results<Ok<PagedResult<ReportVersion>>, ProblemHttpResult>> ListVersions(
        [AsParameters] AssignmentPageQuery parameters, ReportVersionStore versions, AssignmentStore assignments, CancellationToken cancellationToken)
    {
        var assignment = parameters.Assignment!.Trim();
        return await assignments.GetAsync(assignment, cancellationToken) is null
            ? ReportsApi.UnknownAssignment(assignment)
            : TypedResults.Ok(await versions.ListAsync(assignment, parameters.ToPage(), cancellationToken));
    }

    public static async Task<IResult> GetVersionFile(
        int number, [AsParameters] ReportVersionFileParameters parameters, ReportVersionStore versions, HttpContext context, CancellationToken cancellationToken)
    {
        var assignment = parameters.Assignment!.Trim();
        if (await versions.FileAsync(assignment, number, ReportQueryRules.Format(parameters.Format), cancellationToken) is not { } file)
        {
            return ApiProblems.NotFound($"Version {number} of the final report of {assignment}");
        }

        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{file.FileName}\"";
        context.Response.Headers.ETag = $"\"{file.Sha256}\"";
        context.Response.Headers["X-Content-SHA256"] = file.Sha256;
        return TypedResults.File(file.Content, file.ContentType);
    }
}
