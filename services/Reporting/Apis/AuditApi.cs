using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using nietras.SeparatedValues;
using Platform.Client.Models;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.Reporting.Reports;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Apis;

/// <summary>The query of <c>GET /api/audit</c>.</summary>
public sealed record AuditParameters(
    [FromQuery(Name = "entity")] string? Entity,
    [FromQuery(Name = "id")] string? Id,
    [FromQuery(Name = "actor")] Guid? ActorId,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "format")] string? Format,
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize)
{
    public const string Json = "json";
    public const string Csv = "csv";
    public const int MaxIdLength = 100;

    /// <summary>What to read; the validator has checked each field. <paramref name="owner"/> is the actor whose records alone may be read.</summary>
    public AuditQuery ToQuery(Guid? owner) => new(
        Entity?.Trim(),
        string.IsNullOrWhiteSpace(Id) ? null : Id.Trim(),
        ActorId,
        ParseDate(From) is { } from ? SwedishTime.StartOf(from) : null,
        ParseDate(To) is { } to ? SwedishTime.StartOf(to.AddDays(1)) : null,
        owner);

    public PageRequest ToPage() => PageRequest.Parse(Page, PageSize, new Dictionary<string, string[]>());

    public bool IsCsv => string.Equals(Format?.Trim(), Csv, StringComparison.OrdinalIgnoreCase);

    private static DateOnly? ParseDate(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : DateOnly.ParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed class AuditParametersValidator : IRequestValidator<AuditParameters>
{
    public ValueTask ValidateAsync(AuditParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (request.Entity is not null)
        {
            errors.RequireOneOf("entity", request.Entity.Trim(), AuditEntities.All);
        }

        if (request.Id?.Trim() is { Length: > AuditParameters.MaxIdLength })
        {
            errors.Malformed["id"] = [$"Id is at most {AuditParameters.MaxIdLength} characters."];
        }

        var from = string.IsNullOrWhiteSpace(request.From) ? null : FieldRules.Date(request.From, "from", errors);
        var to = string.IsNullOrWhiteSpace(request.To) ? null : FieldRules.Date(request.To, "to", errors);
        if (from is { } first && to is { } last && last < first)
        {
            errors.Malformed["to"] = ["To must not be before from."];
        }

        if (request.Format is not null)
        {
            errors.RequireOneOf("format", request.Format.Trim().ToLowerInvariant(), [AuditParameters.Json, AuditParameters.Csv]);
        }

        PageRequest.Parse(request.Page, request.PageSize, errors.Malformed);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Who changed what and when, in every service, from the event log reporting keeps: coordinators read all of it; an
/// actor's user reads the trail of its actor's own records (its entry, establishments and needs).
/// </summary>
public static class AuditApi
{
    /// <summary>The most changes one CSV file holds; a longer trail is narrowed by kind, record, actor or dates.</summary>
    public const int MaxCsvEntries = 10_000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", GetAudit).WithTags("Audit").WithName("GetAuditTrail")
            .WithSummary("Changes by kind of record, record, actor and Swedish dates (from/to inclusive), newest first; paged, or all as CSV (format=csv).")
            .RequireAuthorization(PlatformPolicies.ActorOrCoordinator).Validates<AuditParameters>()
            .Produces<PagedResult<AuditEntry>>(contentType: "application/json");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<AuditEntry>>, FileContentHttpResult, ProblemHttpResult>> GetAudit(
        [AsParameters] AuditParameters parameters, AuditStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Guid? owner = null;
        if (!user.IsCoordinator())
        {
            owner = user.ActorId();
            if (owner is null || (parameters.ActorId is { } asked && asked != owner))
            {
                return ApiProblems.Forbidden("An actor's user reads the audit trail of its own actor's records only.");
            }
        }

        var query = parameters.ToQuery(owner);
        if (!parameters.IsCsv)
        {
            return TypedResults.Ok(await store.ListAsync(query, parameters.ToPage(), cancellationToken));
        }

        var trail = await store.ListAsync(query, new PageRequest(1, MaxCsvEntries), cancellationToken);
        if (trail.Total > MaxCsvEntries)
        {
            return ApiProblems.Unprocessable("The trail is too long for one file.", "format",
                $"The trail holds {trail.Total} changes; a CSV file holds at most {MaxCsvEntries}. Narrow it by entity, id, actor, from or to.");
        }

        return TypedResults.File(AuditCsv.Render(trail.Items), "text/csv; charset=utf-8; header=present", "granskningslogg.csv");
    }
}

/// <summary>
/// The audit trail as RFC 4180 CSV for an auditor: one record per changed field (a change without fields has one
/// record of its own), times in Swedish time; text that a spreadsheet would run as a formula is neutralised.
/// </summary>
internal static class AuditCsv
{
    private static readonly SepWriterOptions Options = Sep.New(',').Writer() with { Escape = true };

    public static byte[] Render(IEnumerable<AuditEntry> entries)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using (var csv = Options.To(text, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                foreach (var change in entry.Changes.Count > 0 ? entry.Changes.Cast<AuditChange?>() : [null])
                {
                    using var record = csv.NewRow();
                    record["tidpunkt"].Set(TimeZoneInfo.ConvertTime(entry.At, SwedishTime.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                    record["av"].Set(FormulaInjection.Neutralise(entry.By ?? string.Empty));
                    record["för aktör"].Set(entry.ByActorId?.ToString() ?? string.Empty);
                    record["post"].Set(entry.Entity);
                    record["id"].Set(FormulaInjection.Neutralise(entry.EntityId));
                    record["händelse"].Set(entry.Action);
                    record["fält"].Set(change?.Field ?? string.Empty);
                    record["före"].Set(Value(change?.Before));
                    record["efter"].Set(Value(change?.After));
                }
            }
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
    }

    /// <summary>A text as itself, a number as a number (a negative amount stays one), anything else (a list) as its JSON.</summary>
    private static string Value(JsonElement? value) => value switch
    {
        null => string.Empty,
        { ValueKind: JsonValueKind.String } text => FormulaInjection.Neutralise(text.GetString()!),
        { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
        { } other => FormulaInjection.Neutralise(other.GetRawText()),
    };
}
