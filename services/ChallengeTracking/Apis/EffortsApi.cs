using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.ChallengeTracking.Data;
using Platform.ChallengeTracking.Domain;
using Platform.Client.Models;
using Platform.Messaging.Idempotency;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;
using EffortPage = Platform.Client.Models.PagedResult<Platform.Client.Models.Effort>;

namespace Platform.ChallengeTracking.Apis;

public sealed record EffortSearchParameters(
    [FromQuery(Name = "challenge")] Guid? ChallengeId,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "assignment")] string? FundingAssignment,
    [FromQuery(Name = "leadActor")] Guid? LeadActorId,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize)
{
    public EffortQuery ToQuery() => new(ChallengeId, Status, FundingAssignment, LeadActorId);

    /// <summary>The page asked for; <see cref="EffortSearchValidator"/> has refused a page out of range.</summary>
    public PageRequest ToPage() => PageRequest.Parse(Page, PageSize, new Dictionary<string, string[]>());
}

// The bodies of the effort endpoints carry the JSON of the SDK's records of the same names (Platform.Client.Models),
// but read every field as nullable: a missing or null amount, date or id is then answered 400 naming the field,
// rather than read as zero or refused by the JSON reader under its JSON path.

public sealed record ParticipantRequest(Guid? ActorId, string? Role);

public sealed record EffortRequest(
    string? Title,
    IReadOnlyList<Guid>? ChallengeIds,
    Guid? LeadActorId,
    IReadOnlyList<ParticipantRequest>? Participants,
    string? Status,
    string? StartDate,
    string? EndDate,
    decimal? BudgetSek,
    string? FundingAssignment);

public sealed record EffortEditRequest(
    string? Title,
    Guid? LeadActorId,
    string? StartDate,
    string? EndDate,
    decimal? BudgetSek,
    string? Description,
    IReadOnlyList<ParticipantRequest>? Participants,
    IReadOnlyList<IndicatorRequest>? Indicators);

public sealed record ExpenditureRequest(string? Date, decimal? AmountSek, string? Category, string? Description);

public sealed record IndicatorRequest(string? Name, string? Unit, decimal? Baseline, decimal? Target, decimal? Actual);

public sealed record ProgressRequest(int? ProgressPercent, string? Status, string? Note, IReadOnlyList<IndicatorRequest>? Indicators);

public static class EffortsApi
{
    public static IEndpointRouteBuilder MapEffortsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/efforts").WithTags("Efforts").RequireAuthorization(PlatformPolicies.AnyRole);
        group.MapGet("/", ListEfforts).WithName("ListEfforts").WithSummary("Efforts by challenge, status, funding assignment and lead actor.")
            .Validates<EffortSearchParameters>();
        group.MapGet("/{id:guid}", GetEffort).WithName("GetEffort").WithSummary("An effort with participants, expenditures, indicators, spending against budget, and its ETag.");
        group.MapPost("/", LaunchEffort).WithName("LaunchEffort").WithSummary("Launches an effort addressing challenges (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<EffortRequest>();
        group.MapPut("/{id:guid}", EditEffort).WithName("EditEffort")
            .WithSummary("Sets an effort's title, description, lead, participants, dates, budget (a new entry) and indicators; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<EffortEditRequest>();
        group.MapPost("/{id:guid}/expenditures", RecordExpenditure).WithName("RecordExpenditure")
            .WithSummary("Records an expenditure within the effort's dates; spending over budget is flagged; honours Idempotency-Key (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ExpenditureRequest>();
        group.MapPost("/{id:guid}/expenditures/{expenditureId:guid}/reversal", ReverseExpenditure).WithName("ReverseExpenditure")
            .WithSummary("Reverses an expenditure by an entry of the opposite amount on its day, naming it and why; once; honours Idempotency-Key (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ReversalRequest>();
        group.MapPost("/{id:guid}/progress", ReportProgress).WithName("ReportEffortProgress")
            .WithSummary("Reports progress, status, note and indicators; If-Match (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator).Validates<ProgressRequest>();
        return app;
    }

    public static async Task<Ok<EffortPage>> ListEfforts([AsParameters] EffortSearchParameters parameters, EffortStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(parameters.ToQuery(), parameters.ToPage(), cancellationToken));

    public static async Task<Results<Ok<Effort>, ProblemHttpResult>> GetEffort(Guid id, EffortStore store, HttpResponse response, CancellationToken cancellationToken) =>
        VersionedResults.Read(await store.GetAsync(id, cancellationToken), $"Effort {id}", response);

    public static async Task<Results<Created<Effort>, Ok<Effort>, ProblemHttpResult>> LaunchEffort(
        EffortRequest request, EffortStore store, HttpContext context, ILogger<EffortStore> logger, CancellationToken cancellationToken)
    {
        var result = await store.LaunchAsync(ToNewEffort(request), context.CorrelationId(), cancellationToken);
        if (result is { Succeeded: true, Value: { } effort })
        {
            logger.LogInformation("Effort {EffortId} launched: {Title}, {BudgetSek} SEK from {Assignment}", effort.Id, effort.Title, effort.BudgetSek, effort.FundingAssignment);
        }

        return result.ToCreated("Effort", context.Response, effort => $"/api/efforts/{effort.Id}");
    }

    public static Task<Results<Ok<Effort>, ProblemHttpResult>> EditEffort(
        Guid id, EffortEditRequest request, EffortStore store, HttpContext context, CancellationToken cancellationToken) =>
        VersionedResults.WriteIfMatchedAsync($"Effort {id}", context, version =>
            store.EditAsync(id, version, ToEffortEdit(request), context.CorrelationId(), cancellationToken));

    public static async Task<Results<Created<Expenditure>, ProblemHttpResult>> RecordExpenditure(
        Guid id, ExpenditureRequest request, EffortStore store, HttpContext context, ILogger<EffortStore> logger, CancellationToken cancellationToken)
    {
        var (key, keyProblem) = IdempotencyKeys.Read(context.Request, context.User.Caller(), request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var expenditure = new NewExpenditure(
            ParseDate(request.Date), request.AmountSek!.Value, request.Category!, string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim());
        return ExpenditureAnswer(await store.RecordExpenditureAsync(id, expenditure, key, context.CorrelationId(), cancellationToken), id, context, logger);
    }

    public static async Task<Results<Created<Expenditure>, ProblemHttpResult>> ReverseExpenditure(
        Guid id, Guid expenditureId, ReversalRequest request, EffortStore store, HttpContext context, ILogger<EffortStore> logger, CancellationToken cancellationToken)
    {
        var (key, keyProblem) = IdempotencyKeys.Read(context.Request, context.User.Caller(), request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var result = await store.ReverseExpenditureAsync(id, expenditureId, request.Reason.Trim(), key, context.CorrelationId(), cancellationToken);
        if (result is { Status: WriteStatus.Created, Value.Expenditure: { } reversal })
        {
            logger.LogInformation("Expenditure {ExpenditureId} of effort {EffortId} reversed by {ReversalId} ({AmountSek} SEK): {Reason}",
                expenditureId, id, reversal.Id, reversal.AmountSek, reversal.Reason);
        }

        return ExpenditureAnswer(result, id, context, logger, result.Status == WriteStatus.NotFound ? $"Expenditure {expenditureId} of effort {id}" : null);
    }

    /// <summary>201 with the entry, the effort's ETag and whether it is over budget (a replay marked as one), or the problem.</summary>
    private static Results<Created<Expenditure>, ProblemHttpResult> ExpenditureAnswer(
        WriteResult<RecordedExpenditure> result, Guid id, HttpContext context, ILogger logger, string? missing = null)
    {
        if (result.Problem(missing ?? $"Effort {id}") is { } problem)
        {
            return problem;
        }

        var (recorded, effort) = result.Value!;
        if (effort.OverBudget)
        {
            logger.LogWarning("Effort {EffortId} is over budget: {SpentSek} of {BudgetSek} SEK spent", effort.Id, effort.SpentSek, effort.BudgetSek);
        }

        if (result.Status == WriteStatus.Replayed)
        {
            context.Response.Headers[WriteResults.IdempotentReplayHeader] = "true";
        }

        context.Response.Headers["X-Effort-Over-Budget"] = effort.OverBudget ? "true" : "false";
        ETags.Set(context.Response, effort.Version);
        return TypedResults.Created($"/api/efforts/{id}", recorded);
    }

    public static Task<Results<Ok<Effort>, ProblemHttpResult>> ReportProgress(
        Guid id, ProgressRequest request, EffortStore store, HttpContext context, CancellationToken cancellationToken) =>
        VersionedResults.WriteIfMatchedAsync($"Effort {id}", context, version =>
            store.ReportProgressAsync(id, version, ToProgressReport(request), context.CorrelationId(), cancellationToken));

    private static NewEffort ToNewEffort(EffortRequest request) => new(
        request.Title!.Trim(),
        [.. request.ChallengeIds!.Distinct()],
        request.LeadActorId!.Value,
        ToParticipants(request.Participants ?? []),
        request.Status?.Trim() ?? EffortStatuses.Planned,
        ParseDate(request.StartDate),
        ParseDate(request.EndDate),
        request.BudgetSek!.Value,
        string.IsNullOrWhiteSpace(request.FundingAssignment) ? null : request.FundingAssignment.Trim());

    private static EffortEdit ToEffortEdit(EffortEditRequest request) => new(
        request.Title!.Trim(),
        string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
        request.LeadActorId!.Value,
        request.Participants is null ? null : ToParticipants(request.Participants),
        ParseDate(request.StartDate),
        ParseDate(request.EndDate),
        request.BudgetSek!.Value,
        request.Indicators is null ? null : ToIndicators(request.Indicators));

    private static ProgressReport ToProgressReport(ProgressRequest request) => new(
        request.ProgressPercent!.Value,
        string.IsNullOrWhiteSpace(request.Status) ? null : request.Status.Trim(),
        string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
        ToIndicators(request.Indicators ?? []));

    private static List<Participant> ToParticipants(IReadOnlyList<ParticipantRequest> participants) =>
        [.. participants.Select(participant => new Participant(participant.ActorId!.Value, participant.Role!)).Distinct()];

    private static List<Indicator> ToIndicators(IReadOnlyList<IndicatorRequest> indicators) =>
        [.. indicators.Select(indicator => new Indicator(indicator.Name!.Trim(), indicator.Unit!.Trim(), indicator.Baseline!.Value, indicator.Target!.Value, indicator.Actual))];

    /// <summary>A date its validator accepted as <c>YYYY-MM-DD</c>.</summary>
    private static DateOnly ParseDate(string? text) => DateOnly.ParseExact(text!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
