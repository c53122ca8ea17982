using System.Globalization;
using Platform.Client.Models;
using Platform.ServiceDefaults.Http;

namespace Platform.NeedsIntake.Domain;

/// <summary>
/// The field rules of needs and of the requests that change them. Format errors are 400; a theme or municipality that
/// does not exist is 422, and so is an actor or establishment the store does not know.
/// </summary>
public static class NeedRules
{
    /// <summary>
    /// A company's need is confidential: coordinators, agencies and the company itself read it, no one else
    /// (<see cref="Data.NeedStore"/> filters reads by the same rule).
    /// </summary>
    public static bool IsConfidential(string submitterKind) => submitterKind == Reference.ActorKinds.Company;

    public const int MinTitleLength = 5;
    public const int MaxTitleLength = 200;
    public const int MinDescriptionLength = 20;
    public const int MaxDescriptionLength = 4000;

    /// <summary>Every municipality of Norrbotten and Västerbotten, the two counties the platform serves.</summary>
    public const int MaxMunicipalities = 29;

    public const decimal MaxQuantity = 1_000_000_000m;
    public const int MaxUnitLength = 50;

    /// <summary>Of the reason given with a triage or a withdrawal.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// Validates <paramref name="request"/> against <paramref name="today"/> and returns it as it is stored, or null
    /// when any field is wrong (or <paramref name="errors"/> held an error already).
    /// </summary>
    public static NeedData? Validate(NeedRequest? request, DateOnly today, ValidationErrors errors, Func<string, string>? fieldName = null)
    {
        if (request is null)
        {
            errors.Malformed["body"] = ["A JSON body is required."];
            return null;
        }

        Check(request, today, errors, fieldName);
        return errors.Any ? null : Accepted(request);
    }

    /// <summary>
    /// Records every field of <paramref name="request"/> the rules refuse. Field names are the JSON names unless
    /// <paramref name="fieldName"/> maps them (the import names its columns).
    /// </summary>
    public static void Check(NeedRequest request, DateOnly today, ValidationErrors errors, Func<string, string>? fieldName = null)
    {
        fieldName ??= static name => name;
        FieldRules.Text(request.Title, fieldName("title"), MinTitleLength, MaxTitleLength, errors);
        FieldRules.Text(request.Description, fieldName("description"), MinDescriptionLength, MaxDescriptionLength, errors, multiline: true);

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

        CheckMunicipalities(request.MunicipalityCodes, errors, fieldName("municipalityCodes"));
        CheckQuantity(request.Quantity, errors, fieldName);
        // A need identified earlier may have been needed by a day that has passed since, but not by one before it was identified.
        var identified = FieldRules.PastDate(request.IdentifiedOn, fieldName("identifiedOn"), today, errors);
        CheckNeededBy(request.NeededBy, identified ?? today, errors, fieldName("neededBy"));

        if (!Urgencies.All.Contains(request.Urgency?.Trim()))
        {
            errors.Malformed[fieldName("urgency")] = [$"Urgency must be one of: {string.Join(", ", Urgencies.All)}."];
        }
    }

    /// <summary>A submission <see cref="Check"/> accepted, as it is stored: trimmed text, distinct sorted municipalities and their counties.</summary>
    public static NeedData Accepted(NeedRequest request)
    {
        List<string> municipalities = [.. request.MunicipalityCodes!.Select(code => code!.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var quantity = request.Quantity is { Value: { } value, Unit: { } unit } ? new Quantity(value, unit.Trim()) : null;
        DateOnly? neededBy = string.IsNullOrWhiteSpace(request.NeededBy)
            ? null
            : DateOnly.ParseExact(request.NeededBy.Trim(), DateFormat, CultureInfo.InvariantCulture);
        DateOnly? identifiedOn = string.IsNullOrWhiteSpace(request.IdentifiedOn)
            ? null
            : DateOnly.ParseExact(request.IdentifiedOn.Trim(), DateFormat, CultureInfo.InvariantCulture);
        return new NeedData(request.Title!.Trim(), request.Description!.Trim(), request.Theme!.Trim(), request.SubmittedByActorId!.Value, request.EstablishmentId,
            municipalities, Geography.CountiesOf(municipalities), quantity, neededBy, request.Urgency!.Trim(), identifiedOn);
    }

    /// <summary>The draft of <c>POST /api/needs/similar</c>: a title and a description under the submission's rules.</summary>
    public static void Check(SimilarNeedsRequest draft, ValidationErrors errors)
    {
        FieldRules.Text(draft.Title, "title", MinTitleLength, MaxTitleLength, errors);
        FieldRules.Text(draft.Description, "description", MinDescriptionLength, MaxDescriptionLength, errors, multiline: true);
    }

    /// <summary>A triage: accept or reject, a known theme if one corrects the submitter's, a reason for a rejection.</summary>
    public static void Check(TriageChange change, ValidationErrors errors)
    {
        errors.RequireOneOf("decision", change.Decision, TriageDecisions.All);
        if (change.Theme is { } theme && !Themes.IsKnown(theme))
        {
            errors.UnknownReferences["theme"] = [$"Theme '{theme}' is not known; themes are: {string.Join(", ", Themes.Codes)}."];
        }

        if (change.Reason is not null)
        {
            CheckReason(change.Reason, errors);
        }
        else if (change.Decision == TriageDecisions.Reject)
        {
            errors.Malformed["reason"] = ["A rejection needs a reason the submitter can read."];
        }
    }

    /// <summary>An optional reason, of a triage or a withdrawal, trimmed: at most <see cref="MaxReasonLength"/> characters.</summary>
    public static void CheckReason(string? reason, ValidationErrors errors)
    {
        if (reason is { Length: > MaxReasonLength })
        {
            errors.Malformed["reason"] = [$"Reason is at most {MaxReasonLength} characters."];
        }
    }

    /// <summary>The trimmed text, or null when it is blank.</summary>
    public static string? TrimmedOrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private const string DateFormat = "yyyy-MM-dd";

    private static void CheckMunicipalities(IReadOnlyList<string?>? codes, ValidationErrors errors, string field)
    {
        if (codes is null || codes.Count == 0)
        {
            errors.Malformed[field] = ["At least one municipality code is required."];
            return;
        }

        if (codes.Count > MaxMunicipalities)
        {
            errors.Malformed[field] = [$"At most {MaxMunicipalities} municipality codes."];
            return;
        }

        var unknown = new List<string>();
        foreach (var raw in codes)
        {
            var code = raw?.Trim();
            if (code is not { Length: 4 } || !code.All(char.IsAsciiDigit))
            {
                errors.Malformed[field] = ["Municipality codes are four-digit SCB codes, e.g. 2580."];
                return;
            }

            if (!Geography.TryGetMunicipality(code, out _))
            {
                unknown.Add(code);
            }
        }

        if (unknown.Count > 0)
        {
            errors.UnknownReferences[field] = [$"Not a municipality of Norrbotten or Västerbotten: {string.Join(", ", unknown)}."];
        }
    }

    /// <summary>No quantity, or a positive value with a one-line unit; a quantity with neither value nor unit is none.</summary>
    private static void CheckQuantity(QuantityRequest? quantity, ValidationErrors errors, Func<string, string> fieldName)
    {
        if (quantity is null || (quantity.Value is null && string.IsNullOrWhiteSpace(quantity.Unit)))
        {
            return;
        }

        if (quantity.Value is not { } value || value <= 0 || value > MaxQuantity)
        {
            errors.Malformed[fieldName("quantity.value")] = [$"Quantity value must be positive and at most {MaxQuantity:0}."];
        }

        var unit = quantity.Unit?.Trim();
        if (string.IsNullOrEmpty(unit) || unit.Length > MaxUnitLength)
        {
            errors.Malformed[fieldName("quantity.unit")] = [$"Quantity unit is required with a value, 1 to {MaxUnitLength} characters (e.g. lägenheter, MW)."];
        }
        else if (TextRules.ForbiddenInLine(unit) is { } forbidden)
        {
            // A unit is one line, like a title; an imported file reaches here without the JSON body's check.
            errors.Malformed[fieldName("quantity.unit")] = [$"Quantity unit {TextRules.Describe(forbidden)}."];
        }
    }

    /// <summary>The optional day the need is needed by: not before <paramref name="earliest"/> (today, or the day it was identified).</summary>
    private static void CheckNeededBy(string? text, DateOnly earliest, ValidationErrors errors, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (!DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Malformed[field] = ["NeededBy must be a date, YYYY-MM-DD."];
        }
        else if (date < earliest)
        {
            errors.Malformed[field] = [$"NeededBy must not be before {earliest:yyyy-MM-dd} (today, or the day the need was identified)."];
        }
        else if (!FieldRules.IsSaneDate(date))
        {
            errors.Malformed[field] = [$"NeededBy must be {FieldRules.DateRange}."];
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
