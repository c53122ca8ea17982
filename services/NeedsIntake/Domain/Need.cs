using System.Globalization;
using Platform.ServiceDefaults.Http;

namespace Platform.NeedsIntake.Domain;

public sealed record QuantityRequest(decimal? Value, string? Unit);

/// <summary>The body of <c>POST /api/needs</c> (and one row of an import).</summary>
public sealed record NeedRequest(
    string? Title,
    string? Description,
    string? Theme,
    Guid? SubmittedByActorId,
    Guid? EstablishmentId,
    IReadOnlyList<string?>? MunicipalityCodes,
    QuantityRequest? Quantity,
    string? NeededBy,
    string? Urgency);

public sealed record NeedQuantity(decimal Value, string Unit);

/// <summary>A need as validated: trimmed text, distinct sorted municipalities and their counties.</summary>
public sealed record NeedData(
    string Title,
    string Description,
    string Theme,
    Guid SubmittedByActorId,
    Guid? EstablishmentId,
    IReadOnlyList<string> MunicipalityCodes,
    IReadOnlyList<string> CountyCodes,
    NeedQuantity? Quantity,
    DateOnly? NeededBy,
    string Urgency);

public static class NeedStatuses
{
    public const string Submitted = "submitted";
    public const string Linked = "linked";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Resolved = "resolved";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Submitted, Linked, Accepted, Rejected, Resolved, Withdrawn];

    /// <summary>Needs still being worked on: the ones similar-need detection compares with, and the ones triage and withdrawal apply to.</summary>
    public static readonly IReadOnlyList<string> Open = [Submitted, Linked, Accepted];
}

public static class Urgencies
{
    public static readonly IReadOnlyList<string> All = ["low", "medium", "high", "critical"];
}

/// <summary>The field rules of a submission. Format errors are 400; whether the actor, establishment exist is the store's (422).</summary>
public static class NeedRules
{
    public const int MinTitleLength = 5;
    public const int MaxTitleLength = 200;
    public const int MinDescriptionLength = 20;
    public const int MaxDescriptionLength = 4000;
    public const int MaxMunicipalities = 29;

    /// <summary>
    /// A company's need is confidential: coordinators, agencies and the company itself read it, no one else
    /// (<see cref="Data.NeedStore"/> filters reads by the same rule).
    /// </summary>
    public static bool IsConfidential(string submitterKind) => submitterKind == Reference.ActorKinds.Company;
    public const int MaxUnitLength = 50;
    public const decimal MaxQuantity = 1_000_000_000m;

    /// <summary>
    /// Validates <paramref name="request"/> against <paramref name="today"/>; returns null when any field is wrong.
    /// Field names are the JSON names unless <paramref name="fieldName"/> maps them (the import names its columns).
    /// </summary>
    public static NeedData? Validate(NeedRequest? request, DateOnly today, ValidationErrors errors, Func<string, string>? fieldName = null)
    {
        fieldName ??= static name => name;
        if (request is null)
        {
            errors.Malformed["body"] = ["A JSON body is required."];
            return null;
        }

        var title = Text(request.Title, "title", "Title", MinTitleLength, MaxTitleLength, errors, fieldName);
        var description = Text(request.Description, "description", "Description", MinDescriptionLength, MaxDescriptionLength, errors, fieldName, multiline: true);

        var theme = request.Theme?.Trim();
        if (string.IsNullOrEmpty(theme))
        {
            errors.Malformed[fieldName("theme")] = ["Theme is required."];
        }
        else if (!Themes.IsKnown(theme))
        {
            errors.UnknownReferences[fieldName("theme")] = [$"Theme '{Shorten(theme)}' is not known; themes are: {string.Join(", ", Themes.Codes)}."];
        }

        if (request.SubmittedByActorId is null || request.SubmittedByActorId == Guid.Empty)
        {
            errors.Malformed[fieldName("submittedByActorId")] = ["SubmittedByActorId is required."];
        }

        if (request.EstablishmentId == Guid.Empty)
        {
            errors.Malformed[fieldName("establishmentId")] = ["EstablishmentId must not be the empty id."];
        }

        var municipalities = Municipalities(request.MunicipalityCodes, errors, fieldName);
        var quantity = Quantity(request.Quantity, errors, fieldName);

        DateOnly? neededBy = null;
        if (!string.IsNullOrWhiteSpace(request.NeededBy))
        {
            if (!DateOnly.TryParseExact(request.NeededBy.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Malformed[fieldName("neededBy")] = ["NeededBy must be a date, YYYY-MM-DD."];
            }
            else if (date < today)
            {
                errors.Malformed[fieldName("neededBy")] = [$"NeededBy must not be in the past (today is {today:yyyy-MM-dd})."];
            }
            else if (!FieldRules.IsSaneDate(date))
            {
                errors.Malformed[fieldName("neededBy")] = [$"NeededBy must be {FieldRules.DateRange}."];
            }
            else
            {
                neededBy = date;
            }
        }

        var urgency = request.Urgency?.Trim();
        if (!Urgencies.All.Contains(urgency))
        {
            errors.Malformed[fieldName("urgency")] = [$"Urgency must be one of: {string.Join(", ", Urgencies.All)}."];
        }

        return errors.Any
            ? null
            : new NeedData(title!, description!, theme!, request.SubmittedByActorId!.Value, request.EstablishmentId, municipalities,
                Geography.CountiesOf(municipalities), quantity, neededBy, urgency!);
    }

    /// <summary>
    /// A required text of min to max characters, trimmed: one line (a title) or, when <paramref name="multiline"/>,
    /// long text with tabs and line breaks, under the platform's <see cref="TextRules"/>.
    /// </summary>
    public static string? Text(string? value, string field, string label, int min, int max, ValidationErrors errors, Func<string, string> fieldName, bool multiline = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length < min || text.Length > max)
        {
            errors.Malformed[fieldName(field)] = [$"{label} is required, {min} to {max} characters."];
            return null;
        }

        if ((multiline ? TextRules.ForbiddenInLongText(text) : TextRules.ForbiddenInLine(text)) is { } forbidden)
        {
            errors.Malformed[fieldName(field)] = [$"{label} {TextRules.Describe(forbidden)}."];
            return null;
        }

        return text;
    }

    private static List<string> Municipalities(IReadOnlyList<string?>? codes, ValidationErrors errors, Func<string, string> fieldName)
    {
        var field = fieldName("municipalityCodes");
        if (codes is null || codes.Count == 0)
        {
            errors.Malformed[field] = ["At least one municipality code is required."];
            return [];
        }

        if (codes.Count > MaxMunicipalities)
        {
            errors.Malformed[field] = [$"At most {MaxMunicipalities} municipality codes."];
            return [];
        }

        var result = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var raw in codes)
        {
            var code = raw?.Trim();
            if (code is not { Length: 4 } || !code.All(char.IsAsciiDigit))
            {
                errors.Malformed[field] = ["Municipality codes are four-digit SCB codes, e.g. 2580."];
                return [];
            }

            if (Geography.TryGetMunicipality(code, out _))
            {
                result.Add(code);
            }
            else
            {
                unknown.Add(code);
            }
        }

        if (unknown.Count > 0)
        {
            errors.UnknownReferences[field] = [$"Not a municipality of Norrbotten or Västerbotten: {string.Join(", ", unknown)}."];
        }

        return [.. result];
    }

    private static NeedQuantity? Quantity(QuantityRequest? quantity, ValidationErrors errors, Func<string, string> fieldName)
    {
        if (quantity is null || (quantity.Value is null && string.IsNullOrWhiteSpace(quantity.Unit)))
        {
            return null;
        }

        var ok = true;
        if (quantity.Value is not { } value || value <= 0 || value > MaxQuantity)
        {
            errors.Malformed[fieldName("quantity.value")] = [$"Quantity value must be positive and at most {MaxQuantity:0}."];
            ok = false;
        }

        var unit = quantity.Unit?.Trim();
        if (string.IsNullOrEmpty(unit) || unit.Length > MaxUnitLength)
        {
            errors.Malformed[fieldName("quantity.unit")] = [$"Quantity unit is required with a value, 1 to {MaxUnitLength} characters (e.g. lägenheter, MW)."];
            ok = false;
        }
        else if (TextRules.ForbiddenInLine(unit) is { } forbidden)
        {
            // A unit is one line, like a title; an imported file reaches here without the JSON body's check.
            errors.Malformed[fieldName("quantity.unit")] = [$"Quantity unit {TextRules.Describe(forbidden)}."];
            ok = false;
        }

        return ok ? new NeedQuantity(quantity.Value!.Value, unit!) : null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

public static class TriageDecisions
{
    public const string Accept = "accept";
    public const string Reject = "reject";

    public static readonly IReadOnlyList<string> All = [Accept, Reject];
}
