using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Client.Models;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.Reporting.Reports;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Apis;

/// <summary>The query of <c>GET /api/reports/finance</c>: an assignment and, if wanted, a period.</summary>
public sealed record FinanceParameters(
    [FromQuery(Name = "assignment")] string? Assignment,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To)
{
    /// <summary>Whether a period is asked for; without one the account covers all time.</summary>
    public bool HasPeriod => From is not null || To is not null;
}

/// <summary>The query of <c>GET /api/reports/final</c>: an assignment, a format and a CSV dialect; the period is the assignment's own.</summary>
public sealed record FinalReportParameters(
    [FromQuery(Name = "assignment")] string? Assignment,
    [FromQuery(Name = "format")] string? Format,
    [FromQuery(Name = "dialect")] string? Dialect,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To);

/// <summary>The query of <c>GET /api/reports/progress</c>: a period, a format, a CSV dialect and an assignment (KN2023/03505 when none).</summary>
public sealed record ProgressReportParameters(
    [FromQuery(Name = "assignment")] string? Assignment,
    [FromQuery(Name = "format")] string? Format,
    [FromQuery(Name = "dialect")] string? Dialect,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To);

/// <summary>Checks the query of the financial account by <see cref="ReportQueryRules"/>.</summary>
public sealed class FinanceParametersValidator : IRequestValidator<FinanceParameters>
{
    public ValueTask ValidateAsync(FinanceParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ReportQueryRules.AssignmentReference(request.Assignment, required: true, errors);
        if (request.HasPeriod)
        {
            ReportQueryRules.Period(request.From, request.To, errors);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Checks the query of the final report by <see cref="ReportQueryRules"/>.</summary>
public sealed class FinalReportParametersValidator : IRequestValidator<FinalReportParameters>
{
    public ValueTask ValidateAsync(FinalReportParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (request.From is not null || request.To is not null)
        {
            errors.Malformed["from"] = ["The final report covers the assignment's period, from its decision to its report's due date; use /api/reports/progress for another period."];
        }

        ReportQueryRules.AssignmentReference(request.Assignment, required: true, errors);
        ReportQueryRules.CheckFormat(request.Format, errors);
        ReportQueryRules.CheckDialect(request.Dialect, errors);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Checks the query of a progress report by <see cref="ReportQueryRules"/>.</summary>
public sealed class ProgressReportParametersValidator : IRequestValidator<ProgressReportParameters>
{
    public ValueTask ValidateAsync(ProgressReportParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ReportQueryRules.Period(request.From, request.To, errors);
        ReportQueryRules.AssignmentReference(request.Assignment, required: false, errors);
        ReportQueryRules.CheckFormat(request.Format, errors);
        ReportQueryRules.CheckDialect(request.Dialect, errors);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The reports built from the platform's events: the overview, the financial account, the final and progress reports.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(PlatformPolicies.AnyRole);
        reports.MapGet("/overview", GetOverview).WithName("GetOverview")
            .WithSummary("Needs by theme, county and status; challenges; efforts; actors by kind; forums and meetings held.");
        reports.MapGet("/finance", GetFinance).WithName("GetFinance")
            .WithSummary("An assignment's financial account: budget, spent per category and effort, remaining, efforts over budget.")
            .Validates<FinanceParameters>();
        reports.MapGet("/final", GetFinalReport).WithName("GetFinalReport")
            .WithSummary("The report to the Government Offices over the assignment's period, its decision to its report's due date (format json, html, md, csv, xlsx or pdf).")
            .Produces<ReportDocument>(contentType: "application/json")
            .Validates<FinalReportParameters>();
        reports.MapGet("/progress", GetProgressReport).WithName("GetProgressReport")
            .WithSummary("The report for a period, from and to inclusive (format json, html, md, csv, xlsx or pdf).")
            .Produces<ReportDocument>(contentType: "application/json")
            .Validates<ProgressReportParameters>();
        return app;
    }

    public static async Task<Ok<Overview>> GetOverview(ReportStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.OverviewAsync(cancellationToken));

    public static async Task<Results<Ok<FinanceReport>, ProblemHttpResult>> GetFinance(
        [AsParameters] FinanceParameters parameters, ReportStore store, CancellationToken cancellationToken)
    {
        var assignment = parameters.Assignment!.Trim();
        var period = parameters.HasPeriod ? ReportQueryRules.ToPeriod(parameters.From, parameters.To) : null;
        return await store.FinanceAsync(assignment, period, cancellationToken) is { } finance ? TypedResults.Ok(finance) : UnknownAssignment(assignment);
    }

    public static Task<IResult> GetFinalReport(
        [AsParameters] FinalReportParameters parameters, ReportStore store, ReportVersionStore versions, PdfPrinter printer, HttpContext context,
        CancellationToken cancellationToken) =>
        ReportAsync(parameters.Assignment!.Trim(), null, ReportQueryRules.Format(parameters.Format), ReportQueryRules.Dialect(parameters.Dialect), store, printer, context,
            cancellationToken, versions);

    public static Task<IResult> GetProgressReport(
        [AsParameters] ProgressReportParameters parameters, ReportStore store, PdfPrinter printer, HttpContext context, CancellationToken cancellationToken) =>
        ReportAsync(
            parameters.Assignment?.Trim() is { Length: > 0 } assignment ? assignment : Reference.Assignments.NorthernIndustrialisation,
            ReportQueryRules.ToPeriod(parameters.From, parameters.To), ReportQueryRules.Format(parameters.Format), ReportQueryRules.Dialect(parameters.Dialect), store, printer,
            context, cancellationToken);

    private static async Task<IResult> ReportAsync(
        string assignment, ReportPeriod? period, string format, string dialect, ReportStore store, PdfPrinter printer, HttpContext context,
        CancellationToken cancellationToken, ReportVersionStore? versions = null)
    {
        if (await store.DocumentAsync(assignment, period, cancellationToken) is not { } report)
        {
            return UnknownAssignment(assignment);
        }

        // A draft of the final report says what changed since its last frozen version.
        if (versions is not null && await versions.LatestAsync(assignment, cancellationToken) is { } last)
        {
            report = report with { SinceVersion = new ReportChanges(last.Version, ReportVersionRules.Changes(last.Document, report)) };
        }

        RenderedReport rendered;
        try
        {
            rendered = await ReportRenderer.RenderAsync(report, format, printer, cancellationToken, dialect);
        }
        catch (PdfUnavailableException)
        {
            return TypedResults.Problem(
                title: "PDF printing is not available on this server.", detail: "The other formats are; an operator can see why in the service's log.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        context.Response.Headers.ContentDisposition = $"{(rendered.Inline ? "inline" : "attachment")}; filename=\"{rendered.FileName}\"";
        context.Response.Headers["X-Report-Generated-At"] = report.GeneratedAt.ToString("O");
        return TypedResults.File(rendered.Content, rendered.ContentType);
    }

    internal static ProblemHttpResult UnknownAssignment(string assignment) =>
        ApiProblems.Unprocessable("The assignment does not exist.", "assignment", $"No assignment {assignment} is registered.");
}
