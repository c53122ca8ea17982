using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Platform.NeedsIntake.Data;
using Platform.NeedsIntake.Domain;
using Platform.NeedsIntake.Import;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.NeedsIntake.Apis;

public sealed record NeedSearchParameters(
    [FromQuery(Name = "q")] string? Text,
    [FromQuery(Name = "theme")] string? Theme,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "municipality")] string? MunicipalityCode,
    [FromQuery(Name = "county")] string? CountyCode,
    [FromQuery(Name = "submittedBy")] Guid? SubmittedBy,
    [FromQuery(Name = "challenge")] Guid? ChallengeId,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize);

public sealed record SimilarNeedsRequest(string? Title, string? Description);

public sealed record TriageRequest(string? Decision, string? Theme, string? Reason);

public sealed record WithdrawRequest(string? Reason);

public sealed record ImportedNeed(int Line, Guid Id, string Reference);

public sealed record ImportResponse(int Imported, IReadOnlyList<ImportedNeed> Needs, IReadOnlyList<string> IgnoredColumns);

public static class NeedsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string IdempotentReplayHeader = "Idempotent-Replayed";
    public const int MaxReasonLength = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapNeedsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/needs").WithTags("Needs").RequireAuthorization(PlatformPolicies.ActorOrCoordinator);

        group.MapGet("/", ListNeeds).WithName("ListNeeds")
            .WithSummary("Lists the needs the caller may see, newest first; filters by text, theme, status, municipality, county, submitter and challenge.");
        group.MapGet("/{id:guid}", GetNeed).WithName("GetNeed").WithSummary("Gets a need with its ETag.");
        group.MapGet("/{id:guid}/history", GetHistory).WithName("GetNeedHistory").WithSummary("Every change of a need: who, when, what.");
        group.MapPost("/", SubmitNeed).WithName("SubmitNeed")
            .WithSummary("Submits a need; honours Idempotency-Key and answers with similar open needs.");
        group.MapPost("/similar", FindSimilarNeeds).WithName("FindSimilarNeeds")
            .WithSummary("Open needs like a draft's title and description, best first, before it is submitted.");
        group.MapPost("/{id:guid}/triage", TriageNeed).WithName("TriageNeed")
            .WithSummary("Accepts or rejects a need, correcting its theme; If-Match required (coordinators).")
            .RequireAuthorization(PlatformPolicies.Coordinator);
        group.MapPost("/{id:guid}/withdraw", WithdrawNeed).WithName("WithdrawNeed")
            .WithSummary("Withdraws a need (the submitting actor only); If-Match optional.")
            .RequireAuthorization(PlatformPolicies.ActorUser);
        group.MapPost("/import", ImportNeeds).WithName("ImportNeeds")
            .WithSummary("Imports up to 10,000 needs from RFC 4180 CSV (UTF-8): all rows or none.")
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(NeedImport.MaxBytes));
        return app;
    }

    public static async Task<Results<Ok<PagedResult<NeedResponse>>, ProblemHttpResult>> ListNeeds(
        [AsParameters] NeedSearchParameters parameters, NeedStore store, ActorDirectory.ActorDirectory actors, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.Parse(parameters.Page, parameters.PageSize, errors.Malformed);
        errors.RequireOneOf("theme", parameters.Theme, Themes.Codes, required: false);
        errors.RequireOneOf("status", parameters.Status, NeedStatuses.All, required: false);
        if (parameters.Text is { Length: > NeedRules.MaxTitleLength })
        {
            errors.Malformed["q"] = [$"Search text is at most {NeedRules.MaxTitleLength} characters."];
        }

        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var query = new NeedQuery(
            string.IsNullOrWhiteSpace(parameters.Text) ? null : parameters.Text.Trim(),
            parameters.Theme, parameters.Status, parameters.MunicipalityCode, parameters.CountyCode, parameters.SubmittedBy, parameters.ChallengeId);
        return TypedResults.Ok(await store.ListAsync(query, await ViewerAsync(context, actors, cancellationToken), page, cancellationToken));
    }

    public static async Task<Results<Ok<NeedResponse>, ProblemHttpResult>> GetNeed(
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

    public static async Task<Results<Ok<PagedResult<HistoryEntry>>, ProblemHttpResult>> GetHistory(
        Guid id, int? page, int? pageSize, NeedStore store, ActorDirectory.ActorDirectory actors, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var pageRequest = PageRequest.Parse(page, pageSize, errors.Malformed);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var history = await store.HistoryAsync(id, await ViewerAsync(context, actors, cancellationToken), pageRequest, cancellationToken);
        return history is null ? ApiProblems.NotFound($"Need {id}") : TypedResults.Ok(history);
    }

    public static async Task<Results<Created<NeedResponse>, ProblemHttpResult>> SubmitNeed(
        NeedRequest? request, NeedStore store, ActorDirectory.ActorDirectory actors, HttpContext context, TimeProvider time, ILogger<NeedStore> logger, CancellationToken cancellationToken)
    {
        var user = context.User;
        if (!user.IsCoordinator())
        {
            var own = user.ActorId();
            if (request?.SubmittedByActorId is { } submitter && submitter != own)
            {
                return ApiProblems.Forbidden("An actor user submits needs for its own actor only.");
            }

            request = request is null ? null : request with { SubmittedByActorId = own };
        }

        var (key, keyProblem) = ReadIdempotencyKey(context.Request, user.Caller(), request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var errors = new ValidationErrors();
        var data = NeedRules.Validate(request, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), errors);
        if (data is null)
        {
            return ApiProblems.Validation(errors);
        }

        var viewer = await ViewerAsync(context, actors, cancellationToken);
        var result = await store.SubmitAsync(data, key, viewer, user.Caller(), context.CorrelationId(), errors, cancellationToken);
        switch (result.Outcome)
        {
            case NeedOutcome.Invalid:
                return ApiProblems.Validation(errors);
            case NeedOutcome.IdempotencyKeyReused:
                return ApiProblems.Unprocessable("The Idempotency-Key belongs to another request.", IdempotencyKeyHeader,
                    "This Idempotency-Key was used with a different request; use a new key for a new submission.");
            case NeedOutcome.Replayed:
                context.Response.Headers[IdempotentReplayHeader] = "true";
                break;
            default:
                logger.LogInformation("Need {Reference} ({NeedId}) submitted by actor {ActorId}: {Theme}, {SimilarCount} similar",
                    result.Need!.Reference, result.Need.Id, result.Need.SubmittedByActorId, result.Need.Theme, result.Need.SimilarNeeds?.Count ?? 0);
                break;
        }

        var need = result.Need!;
        ETags.Set(context.Response, need.Version);
        return TypedResults.Created($"/api/needs/{need.Id}", need);
    }

    public static async Task<Results<Ok<IReadOnlyList<SimilarNeed>>, ProblemHttpResult>> FindSimilarNeeds(
        SimilarNeedsRequest? request, SimilarNeedsFinder similar, ActorDirectory.ActorDirectory actors, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var title = NeedRules.Text(request?.Title, "title", "Title", NeedRules.MinTitleLength, NeedRules.MaxTitleLength, errors, static name => name);
        var description = NeedRules.Text(request?.Description, "description", "Description", NeedRules.MinDescriptionLength, NeedRules.MaxDescriptionLength, errors, static name => name, multiline: true);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        return TypedResults.Ok(await similar.FindAsync(title!, description!, await ViewerAsync(context, actors, cancellationToken), cancellationToken));
    }

    public static async Task<Results<Ok<NeedResponse>, ProblemHttpResult>> TriageNeed(
        Guid id, TriageRequest? request, NeedStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var expectedVersion) is { } ifMatchProblem)
        {
            return ifMatchProblem;
        }

        var errors = new ValidationErrors();
        var decision = request?.Decision?.Trim();
        errors.RequireOneOf("decision", decision, TriageDecisions.All);
        var theme = string.IsNullOrWhiteSpace(request?.Theme) ? null : request.Theme.Trim();
        if (theme is not null && !Themes.IsKnown(theme))
        {
            errors.UnknownReferences["theme"] = [$"Theme '{theme}' is not known; themes are: {string.Join(", ", Themes.Codes)}."];
        }

        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? null : request.Reason.Trim();
        if (reason is { Length: > MaxReasonLength })
        {
            errors.Malformed["reason"] = [$"Reason is at most {MaxReasonLength} characters."];
        }
        else if (decision == TriageDecisions.Reject && reason is null)
        {
            errors.Malformed["reason"] = ["A rejection needs a reason the submitter can read."];
        }

        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await store.TriageAsync(id, expectedVersion, new TriageChange(decision!, theme, reason), context.User.Caller(), context.CorrelationId(), cancellationToken);
        return Answer(result, id, context.Response);
    }

    public static async Task<Results<Ok<NeedResponse>, ProblemHttpResult>> WithdrawNeed(
        Guid id, WithdrawRequest? request, NeedStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (context.User.ActorId() is not { } actorId)
        {
            return ApiProblems.Forbidden("Only the submitting actor withdraws a need.");
        }

        if (ApiProblems.OptionalIfMatch(context.Request, out var expectedVersion) is { } ifMatchProblem)
        {
            return ifMatchProblem;
        }

        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? null : request.Reason.Trim();
        if (reason is { Length: > MaxReasonLength })
        {
            return ApiProblems.Malformed("reason", $"Reason is at most {MaxReasonLength} characters.");
        }

        var result = await store.WithdrawAsync(id, expectedVersion, actorId, reason, context.User.Caller(), context.CorrelationId(), cancellationToken);
        return Answer(result, id, context.Response);
    }

    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportNeeds(
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
            parsed = NeedImport.Validate(Csv.Parse(text), user.ActorId(), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
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
            return BadRows(errors);
        }

        logger.LogInformation("Imported {Count} needs", needs.Count);
        return TypedResults.Ok(new ImportResponse(
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

    private static (IdempotencyKey? Key, ProblemHttpResult? Problem) ReadIdempotencyKey(HttpRequest request, string caller, NeedRequest? body)
    {
        if (!request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return (null, null);
        }

        var key = values.ToString().Trim();
        if (values.Count != 1 || key.Length is 0 or > 200 || key.Any(c => c is < '!' or > '~'))
        {
            return (null, ApiProblems.Malformed(IdempotencyKeyHeader, "Idempotency-Key is 1 to 200 visible ASCII characters, e.g. a UUID."));
        }

        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        return (new IdempotencyKey(caller, key, hash), null);
    }

    /// <summary>400 when any row is malformed; 422 when every error is an unknown reference.</summary>
    private static ProblemHttpResult BadRows(IReadOnlyList<ImportRowError> errors)
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

    private static Results<Ok<NeedResponse>, ProblemHttpResult> Answer(NeedWriteResult result, Guid id, HttpResponse response)
    {
        switch (result.Outcome)
        {
            case NeedOutcome.NotFound:
                return ApiProblems.NotFound($"Need {id}");
            case NeedOutcome.Stale:
                return ApiProblems.Stale(result.Need?.Version);
            case NeedOutcome.NotSubmitter:
                return ApiProblems.Forbidden("Only the submitting actor withdraws a need.");
            case NeedOutcome.WrongStatus:
                return ApiProblems.Conflict("The need's status does not allow this.", $"Need {id} is {result.Need!.Status}.",
                    new Dictionary<string, object?> { ["status"] = result.Need.Status });
            default:
                ETags.Set(response, result.Need!.Version);
                return TypedResults.Ok(result.Need);
        }
    }
}
