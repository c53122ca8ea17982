using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Client.Models;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.Reporting.ReadModels;
using Platform.Reporting.Reports;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;
using AssignmentPage = Platform.Client.Models.PagedResult<Platform.Client.Models.Assignment>;
using LessonPage = Platform.Client.Models.PagedResult<Platform.Client.Models.Lesson>;

namespace Platform.Reporting.Apis;

public sealed record LessonSearchParameters(
    [FromQuery(Name = "published")] bool? Published,
    [FromQuery(Name = "targetGroup")] string? TargetGroup,
    [FromQuery(Name = "effort")] Guid? EffortId,
    [FromQuery(Name = "challenge")] Guid? ChallengeId,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize);

public sealed record FinanceParameters(
    [FromQuery(Name = "assignment")] string? Assignment,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To);

public sealed record ReportParameters(
    [FromQuery(Name = "assignment")] string? Assignment,
    [FromQuery(Name = "format")] string? Format,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To);

public static class ReportingApi
{
    private const int MaxPeriodDays = 3_700;

    public static IEndpointRouteBuilder MapReportingApi(this IEndpointRouteBuilder app)
    {
        var assignments = app.MapGroup("/api/assignments").WithTags("Assignments").RequireAuthorization(PlatformPolicies.AnyRole);
        assignments.MapGet("/", ListAssignments).WithName("ListAssignments").WithSummary("Government assignments with their appropriations, newest decision first.");
        assignments.MapGet("/{**reference}", GetAssignment).WithName("GetAssignment").WithSummary("One assignment by its registration number, e.g. KN2023/03505.");
        assignments.MapPost("/", AddAssignment).WithName("AddAssignment").WithSummary("Adds a government assignment (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);

        var lessons = app.MapGroup("/api/lessons").WithTags("Lessons").RequireAuthorization(PlatformPolicies.AnyRole);
        lessons.MapGet("/", ListLessons).WithName("ListLessons").WithSummary("Lessons by target group, effort and challenge; drafts for coordinators only.");
        lessons.MapGet("/{id:guid}", GetLesson).WithName("GetLesson").WithSummary("A lesson and its ETag; a draft is visible to coordinators only.");
        lessons.MapPost("/", CreateLesson).WithName("CreateLesson").WithSummary("Records a lesson, published at once or as a draft (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        lessons.MapPost("/{id:guid}/publish", PublishLesson).WithName("PublishLesson").WithSummary("Publishes a draft lesson; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);

        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(PlatformPolicies.AnyRole);
        reports.MapGet("/overview", GetOverview).WithName("GetOverview")
            .WithSummary("Needs by theme, county and status; challenges; efforts; actors by kind; forums and meetings held.");
        reports.MapGet("/finance", GetFinance).WithName("GetFinance")
            .WithSummary("An assignment's financial account: budget, spent per category and effort, remaining, efforts over budget.");
        reports.MapGet("/final", GetFinalReport).WithName("GetFinalReport")
            .WithSummary("The report to the Government Offices (format json, html, md, csv or xlsx).")
            .Produces<ReportDocument>(contentType: "application/json");
        reports.MapGet("/progress", GetProgressReport).WithName("GetProgressReport")
            .WithSummary("The report for a period, from and to inclusive (format json, html, md, csv or xlsx).")
            .Produces<ReportDocument>(contentType: "application/json");

        app.MapPost("/operations/read-models/rebuild", RebuildReadModels).WithTags("Operations").WithName("RebuildReadModels")
            .WithSummary("Rebuilds the read models from the event log (operator key or coordinator).").AllowAnonymous();
        return app;
    }

    public static async Task<Results<Ok<AssignmentPage>, ProblemHttpResult>> ListAssignments(
        int? page, int? pageSize, AssignmentStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var request = PageRequest.Parse(page, pageSize, errors.Malformed);
        return errors.Any ? ApiProblems.Validation(errors) : TypedResults.Ok(await store.ListAsync(request, cancellationToken));
    }

    public static async Task<Results<Ok<Assignment>, ProblemHttpResult>> GetAssignment(string reference, AssignmentStore store, CancellationToken cancellationToken)
    {
        var decoded = Uri.UnescapeDataString(reference);
        return await store.GetAsync(decoded, cancellationToken) is { } assignment ? TypedResults.Ok(assignment) : ApiProblems.NotFound($"Assignment {decoded}");
    }

    public static async Task<Results<Created<Assignment>, ProblemHttpResult>> AddAssignment(
        AssignmentRequest? request, AssignmentStore store, HttpContext context, ILogger<AssignmentStore> logger, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (AssignmentRules.Validate(request, errors) is not { } assignment)
        {
            return ApiProblems.Validation(errors);
        }

        if (!await store.AddAsync(assignment, context.CorrelationId(), cancellationToken))
        {
            return ApiProblems.Conflict("The assignment exists.", $"Assignment {assignment.Reference} is already registered.", new Dictionary<string, object?> { ["reference"] = assignment.Reference });
        }

        logger.LogInformation("Assignment {Reference} added: {BudgetSek} SEK, budget year {BudgetYear}", assignment.Reference, assignment.BudgetSek, assignment.BudgetYear);
        return TypedResults.Created($"/api/assignments/{assignment.Reference}", assignment);
    }

    public static async Task<Results<Ok<LessonPage>, ProblemHttpResult>> ListLessons(
        [AsParameters] LessonSearchParameters parameters, LessonStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Parse(parameters.Page, parameters.PageSize, errors.Malformed);
        var coordinator = context.User.IsCoordinator();
        if (parameters.Published == false && !coordinator)
        {
            errors.Malformed["published"] = ["Only coordinators see draft lessons."];
        }

        if (parameters.TargetGroup is { Length: > 100 })
        {
            errors.Malformed["targetGroup"] = ["TargetGroup is at most 100 characters."];
        }

        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var query = new LessonQuery(!coordinator || parameters.Published == true, parameters.TargetGroup?.Trim(), parameters.EffortId, parameters.ChallengeId);
        var lessons = await store.ListAsync(query, page, cancellationToken);
        return TypedResults.Ok(parameters.Published == false ? lessons with { Items = [.. lessons.Items.Where(lesson => !lesson.Published)] } : lessons);
    }

    public static async Task<Results<Ok<Lesson>, ProblemHttpResult>> GetLesson(Guid id, LessonStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var lesson = await store.GetAsync(id, cancellationToken);
        if (lesson is null || (!lesson.Published && !context.User.IsCoordinator()))
        {
            return ApiProblems.NotFound($"Lesson {id}");
        }

        ETags.Set(context.Response, lesson.Version);
        return TypedResults.Ok(lesson);
    }

    public static async Task<Results<Created<Lesson>, ProblemHttpResult>> CreateLesson(
        LessonRequest? request, LessonStore store, HttpContext context, ILogger<LessonStore> logger, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (LessonRules.Validate(request, errors) is not { } data)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.CreateAsync(data, context.User.Caller(), context.CorrelationId(), errors, cancellationToken);
        if (result.Outcome == LessonOutcome.Invalid)
        {
            return ApiProblems.Validation(errors);
        }

        var lesson = result.Lesson!;
        logger.LogInformation("Lesson {LessonId} recorded ({State}): {Title}", lesson.Id, lesson.Published ? "published" : "draft", lesson.Title);
        ETags.Set(context.Response, lesson.Version);
        return TypedResults.Created($"/api/lessons/{lesson.Id}", lesson);
    }

    public static async Task<Results<Ok<Lesson>, ProblemHttpResult>> PublishLesson(Guid id, LessonStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var version) is { } ifMatch)
        {
            return ifMatch;
        }

        var result = await store.PublishAsync(id, version, context.CorrelationId(), cancellationToken);
        switch (result.Outcome)
        {
            case LessonOutcome.NotFound:
                return ApiProblems.NotFound($"Lesson {id}");
            case LessonOutcome.Stale:
                return ApiProblems.Stale(result.Lesson?.Version);
            case LessonOutcome.AlreadyPublished:
                return ApiProblems.Conflict("The lesson is already published.", $"Lesson {id} was published at {result.Lesson!.PublishedAt:O}.");
            default:
                ETags.Set(context.Response, result.Lesson!.Version);
                return TypedResults.Ok(result.Lesson);
        }
    }

    public static async Task<Ok<Overview>> GetOverview(ReportStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.OverviewAsync(cancellationToken));

    public static async Task<Results<Ok<FinanceReport>, ProblemHttpResult>> GetFinance(
        [AsParameters] FinanceParameters parameters, ReportStore store, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var assignment = Assignment(parameters.Assignment, required: true, errors);
        var period = parameters.From is null && parameters.To is null ? null : Period(parameters.From, parameters.To, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        return await store.FinanceAsync(assignment!, period, cancellationToken) is { } finance ? TypedResults.Ok(finance) : UnknownAssignment(assignment!);
    }

    public static Task<IResult> GetFinalReport([AsParameters] ReportParameters parameters, ReportStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (parameters.From is not null || parameters.To is not null)
        {
            errors.Malformed["from"] = ["The final report covers the whole assignment; use /api/reports/progress for a period."];
        }

        return ReportAsync(parameters, null, errors, store, context, cancellationToken);
    }

    public static Task<IResult> GetProgressReport([AsParameters] ReportParameters parameters, ReportStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        return ReportAsync(parameters, Period(parameters.From, parameters.To, errors), errors, store, context, cancellationToken);
    }

    public static async Task<Results<Ok<RebuildResult>, ProblemHttpResult>> RebuildReadModels(
        HttpContext context, EventLog eventLog, ILogger<EventLog> logger, CancellationToken cancellationToken)
    {
        if (OperatorAccess.Refuse(context) is { } refused)
        {
            return refused;
        }

        logger.LogWarning("Read-model rebuild requested by {Caller}", OperatorAccess.Caller(context));
        return TypedResults.Ok(await eventLog.RebuildAsync(cancellationToken));
    }

    private static async Task<IResult> ReportAsync(
        ReportParameters parameters, ReportPeriod? period, ValidationErrors errors, ReportStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var assignment = Assignment(parameters.Assignment, required: period is null, errors) ?? Reference.Assignments.NorthernIndustrialisation;
        var format = string.IsNullOrWhiteSpace(parameters.Format) ? ReportFormats.Json : parameters.Format.Trim().ToLowerInvariant();
        errors.RequireOneOf("format", format, ReportFormats.All);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        if (await store.DocumentAsync(assignment, period, cancellationToken) is not { } report)
        {
            return UnknownAssignment(assignment);
        }

        var rendered = await ReportRenderer.RenderAsync(report, format, cancellationToken);
        context.Response.Headers.ContentDisposition = $"{(rendered.Inline ? "inline" : "attachment")}; filename=\"{rendered.FileName}\"";
        context.Response.Headers["X-Report-Generated-At"] = report.GeneratedAt.ToString("O");
        return TypedResults.File(rendered.Content, rendered.ContentType);
    }

    private static string? Assignment(string? value, bool required, ValidationErrors errors)
    {
        var assignment = value?.Trim();
        if (assignment is null or "")
        {
            if (required)
            {
                errors.Malformed["assignment"] = ["Assignment is required: a registration number such as KN2023/03505."];
            }

            return null;
        }

        if (!Reference.Assignments.ReferencePattern().IsMatch(assignment))
        {
            errors.Malformed["assignment"] = ["Assignment is a registration number such as KN2023/03505."];
        }

        return assignment;
    }

    private static ReportPeriod? Period(string? fromText, string? toText, ValidationErrors errors)
    {
        var from = FieldRules.Date(fromText, "from", errors);
        var to = FieldRules.Date(toText, "to", errors);
        if (from is not { } start || to is not { } end)
        {
            return null;
        }

        if (end < start)
        {
            errors.Malformed["to"] = ["To must not be before from."];
            return null;
        }

        if (end.DayNumber - start.DayNumber > MaxPeriodDays)
        {
            errors.Malformed["to"] = ["A period is at most ten years."];
            return null;
        }

        return new ReportPeriod(start, end);
    }

    private static ProblemHttpResult UnknownAssignment(string assignment) =>
        ApiProblems.Unprocessable("The assignment does not exist.", "assignment", $"No assignment {assignment} is registered.");
}
