using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Platform.Client.Models;
using Platform.Messaging.Idempotency;
using Platform.NeedsIntake.Data;
using Platform.NeedsIntake.Domain;
using Platform.NeedsIntake.Import;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;
using NeedHistoryPage = Platform.Client.Models.PagedResult<Platform.Client.Models.NeedHistoryEntry>;
using NeedPage = Platform.Client.Models.PagedResult<Platform.Client.Models.Need>;
using NeedRequest = Platform.NeedsIntake.Domain.NeedRequest;

namespace Platform.NeedsIntake.Apis;

/// <summary>The query of <c>GET /api/needs</c>.</summary>
public sealed record NeedSearchParameters(
    [FromQuery(Name = "q")] string? Text,
    [FromQuery(Name = "theme")] string? Theme,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "municipality")] string? MunicipalityCode,
    [FromQuery(Name = "county")] string? CountyCode,
    [FromQuery(Name = "submittedBy")] Guid? SubmittedBy,
    [FromQuery(Name = "challenge")] Guid? ChallengeId,
    [FromQuery(Name = "awaitingTriage")] bool? AwaitingTriage,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize);

/// <summary>The page asked for of <c>GET /api/needs/{id}/history</c>.</summary>
public sealed record HistoryPageParameters([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize);

/// <summary>
/// <c>/api/needs</c>. Every body and query is checked by its validator (<see cref="NeedsApiValidators"/>) before a
/// handler runs; bodies are declared nullable only so that the validation answers a missing one, naming <c>body</c>.
/// </summary>
public static class NeedsApi
{
    public static IEndpointRouteBuilder MapNeedsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/needs").WithTags("Needs").RequireAuthorization(PlatformPolicies.ActorOrCoordinator);

        group.MapGet("/", ListNeeds).WithName("ListNeeds").Validates<NeedSearchParameters>()
            .WithSummary("Lists the needs the caller may see, newest first; filters by text, theme, status, municipality, county, submitter, challenge, and awaitingTriage (open needs no coordinator has triaged).");
        group.MapGet("/{id:guid}", GetNeed).WithName("GetNeed").WithSummary("Gets a need with its ETag.");
        group.MapGet("/{id:guid}/history", GetHistory).WithName("GetNeedHistory").Validates<HistoryPageParameters>()
            .WithSummary("Every change of a need: who, when, what.");
        group.MapPost("/", SubmitNeed).WithName("SubmitNeed").Validates<NeedRequest>()
            .WithSummary("Submits a need; honours Idempotency-Key and answers with similar open needs.");
        group.MapPost("/similar", FindSimilarNeeds).WithName("FindSimilarNeeds").Validates<SimilarNeedsRequest>()
            .WithSummary("Open needs like a draft's title and description, best first, before it is submitted.");
        group.MapPost("/{id:guid}/triage", TriageNeed).WithName("TriageNeed").Validates<TriageRequest>()
            .WithSummary("Accepts or rejects a need, correcting its theme; If-Match required (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        group.MapPost("/{id:guid}/withdraw", WithdrawNeed).WithName("WithdrawNeed").Validates<WithdrawRequest>(bodyOptional: true)
            .WithSummary("Withdraws a need (the submitting actor only); If-Match optional.")
            .RequireAuthorization(PlatformPolicies.ActorUser);
        group.MapPost("/import", ImportNeeds).WithName("ImportNeeds")
            .WithSummary("Imports up to 10,000 needs from RFC 4180 CSV (UTF-8): all rows or none.")
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(NeedImport.MaxBytes));
        return app;
    }

    public static async Task<Ok<NeedPage>> ListNeeds(
        [AsParameters] NeedSearchParameters parameters, NeedStore store, ActorDirectory.ActorDirectory actors, HttpContext context, CancellationToken cancellationToken)
    {
        var query = new NeedQuery(
            NeedRules.TrimmedOrNull(parameters.Text), parameters.Theme, parameters.Status, parameters.MunicipalityCode, parameters.CountyCode, parameters.SubmittedBy, parameters.ChallengeId,
            parameters.AwaitingTriage ?? false);
        var page = PageRequest.Parse(parameters.Page, parameters.PageSize, new Dictionary<string, string[]>());
        return TypedResults.Ok(await store.ListAsync(query, await ViewerAsync(context, actors, cancellationToken), page, cancellationToken));
    }

    public static async Task<Results<Ok<Need>, ProblemHttpResult>> GetNeed(
        Guid id, NeedStore store, ActorDirectory.ActorDirectory actors, HttpContext context, CancellationToken cancellationToken)
    {
        var need = await store.GetAsync(id, await ViewerAsync(context, actors, cancellationToken), cancellationToken);
        if (need is null)
        {
            return ApiProblems.NotFound($"Need {id}");
        }

        ETags.Set(context.Response, need.Version);
        return TypedResults.Ok(need);
    }

    public static async Task<Results<Ok<NeedHistoryPage>, ProblemHttpResult>> GetHistory(
        Guid id, [AsParameters] HistoryPageParameters parameters, NeedStore store, ActorDirectory.ActorDirectory actors, HttpContext context, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(parameters.Page, parameters.PageSize, new Dictionary<string, string[]>());
        var history = await store.HistoryAsync(id, await ViewerAsync(context, actors, cancellationToken), page, cancellationToken);
        return history is null ? ApiProblems.NotFound($"Need {id}") : TypedResults.Ok(history);
    }

    public static async Task<Results<Created<Need>, Ok<Need>, ProblemHttpResult>> SubmitNeed(
        NeedRequest? request, NeedStore store, ActorDirectory.ActorDirectory actors, HttpContext context, ILogger<NeedStore> logger, CancellationToken cancellationToken)
    {
        var user = context.User;
        if (!user.IsCoordinator() && request!.SubmittedByActorId is { } named && named != user.ActorId())
        {
            return ApiProblems.Forbidden("An actor user submits needs for its own actor only.");
        }

        var submission = SubmittedFor(request!, user);
        var (key, keyProblem) = IdempotencyKeys.Read(context.Request, user.Caller(), submission);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var viewer = await ViewerAsync(context, actors, cancellationToken);
        var result = await store.SubmitAsync(NeedRules.Accepted(submission), key, viewer, user.Caller(), context.CorrelationId(), cancellationToken);
        if (result is { Status: WriteStatus.Created, Value: { } need })
        {
            // Debug: at a hundred needs a second one line each would be most of the log; the need's history, its event,
            // the request's trace and the needs.submitted counter tell the same.
            logger.LogDebug("Need {Reference} ({NeedId}) submitted by actor {ActorId}: {Theme}, {SimilarCount} similar",
                need.Reference, need.Id, need.SubmittedByActorId, need.Theme, need.SimilarNeeds?.Count ?? 0);
        }

        return result.ToCreated("Need", context.Response, need => $"/api/needs/{need.Id}");
    }

    public static async Task<Ok<IReadOnlyList<SimilarNeed>>> FindSimilarNeeds(
        SimilarNeedsRequest? request, SimilarNeedsFinder similar, ActorDirectory.ActorDirectory actors, HttpContext context, CancellationToken cancellationToken)
    {
        var viewer = await ViewerAsync(context, actors, cancellationToken);
        return TypedResults.Ok(await similar.FindAsync(request!.Title.Trim(), request.Description.Trim(), viewer, cancellationToken));
    }

    public static async Task<Results<Ok<Need>, ProblemHttpResult>> TriageNeed(
        Guid id, TriageRequest? request, NeedStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var expectedVersion) is { } ifMatchProblem)
        {
            return ifMatchProblem;
        }

        var result = await store.TriageAsync(id, expectedVersion, TriageChange.Of(request!), RequesterOf(context.User), context.User.Caller(), context.CorrelationId(), cancellationToken);
        return result.ToOk($"Need {id}", context.Response);
    }

    public static async Task<Results<Ok<Need>, ProblemHttpResult>> WithdrawNeed(
        Guid id, WithdrawRequest? request, NeedStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.OptionalIfMatch(context.Request, out var expectedVersion) is { } ifMatchProblem)
        {
            return ifMatchProblem;
        }

        var reason = NeedRules.TrimmedOrNull(request?.Reason);
        var result = await store.WithdrawAsync(id, expectedVersion, RequesterOf(context.User), reason, context.User.Caller(), context.CorrelationId(), cancellationToken);
        return result.ToOk($"Need {id}", context.Response);
    }

    public static async Task<Results<Ok<NeedImportResult>, ProblemHttpResult>> ImportNeeds(
        NeedStore store, HttpContext context, TimeProvider time, ILogger<NeedStore> logger, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(title: "The import takes text/csv.", detail: "Send the file with Content-Type: text/csv; charset=utf-8.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var user = context.User;
        string text;
        try
        {
            using var reader = new StreamReader(request.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            return ApiProblems.Malformed("body", "The file is not valid UTF-8.");
        }

        ParsedImport parsed;
        try
        {
            parsed = NeedImport.Validate(Csv.Parse(text), user.ActorId(), Today(time));
        }
        catch (CsvFormatException error)
        {
            return ApiProblems.Malformed("body", $"The file is not valid CSV: {error.Message}");
        }

        if (!user.IsCoordinator() && parsed.Rows.FirstOrDefault(row => row.Data.SubmittedByActorId != user.ActorId()) is { } foreign)
        {
            return ApiProblems.Forbidden($"Line {foreign.Line}: an actor user imports needs for its own actor only.");
        }

        var (needs, errors) = await store.ImportAsync(parsed.Rows, parsed.Errors, user.Caller(), context.CorrelationId(), cancellationToken);
        if (errors.Count > 0)
        {
            return InvalidRowsProblem(errors);
        }

        logger.LogInformation("Imported {Count} needs", needs.Count);
        return TypedResults.Ok(new NeedImportResult(
            needs.Count,
            [.. needs.Select((need, index) => new ImportedNeed(parsed.Rows[index].Line, need.Id, need.Reference))],
            parsed.IgnoredColumns));
    }

    /// <summary>Coordinators and agencies see every need; other actors see company needs only when they submitted them.</summary>
    public static async Task<Viewer> ViewerAsync(HttpContext context, ActorDirectory.ActorDirectory actors, CancellationToken cancellationToken)
    {
        var user = context.User;
        if (user.IsCoordinator())
        {
            return new Viewer(true, user.ActorId());
        }

        var actorId = user.ActorId();
        var actor = actorId is { } id ? await actors.FindAsync(id, cancellationToken) : null;
        return new Viewer(actor?.Kind == ActorKinds.Agency, actorId);
    }

    /// <summary>The submission as <paramref name="user"/> makes it: an actor user's need is its own actor's when it names none.</summary>
    public static NeedRequest SubmittedFor(NeedRequest request, ClaimsPrincipal user) =>
        user.IsCoordinator() ? request : request with { SubmittedByActorId = request.SubmittedByActorId ?? user.ActorId() };

    /// <summary>The date submissions are checked against (needed-by dates are not in the past).</summary>
    public static DateOnly Today(TimeProvider time) => SwedishTime.Today(time);

    private static Requester RequesterOf(ClaimsPrincipal user) => new(user.IsCoordinator(), user.ActorId());

    /// <summary>The rows of an import that are not valid: 400 when any row is malformed; 422 when every error is an unknown reference.</summary>
    private static ProblemHttpResult InvalidRowsProblem(IReadOnlyList<ImportRowError> errors)
    {
        var malformed = errors.Any(error => !error.UnknownReference);
        var lines = errors.Select(error => error.Line).Distinct().Count();
        return TypedResults.Problem(
            title: $"{lines} row(s) of the import are not valid; nothing was stored.",
            detail: "Correct the rows listed under 'rows' and send the whole file again.",
            statusCode: malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.GroupBy(error => $"line {error.Line}: {error.Field}").ToDictionary(group => group.Key, group => group.Select(error => error.Message).ToArray()),
                ["rows"] = errors,
            });
    }
}
