using Platform.Client.Models;

namespace Platform.NeedsIntake.Domain;

/// <summary>The amount of a submission as received: the value stays null when it is left out, so the rules can name it.</summary>
public sealed record QuantityRequest(decimal? Value, string? Unit);

/// <summary>
/// A submission as received, the body of <c>POST /api/needs</c> or one row of an import: the JSON of
/// <see cref="Platform.Client.Models.NeedRequest"/>, with every field nullable so that <see cref="NeedRules"/> can name
/// each one that is missing (an absent quantity value is not a zero).
/// </summary>
public sealed record NeedRequest(
    string? Title,
    string? Description,
    string? Theme,
    Guid? SubmittedByActorId,
    Guid? EstablishmentId,
    IReadOnlyList<string?>? MunicipalityCodes,
    QuantityRequest? Quantity,
    string? NeededBy,
    string? Urgency,
    string? IdentifiedOn = null);

/// <summary>A need as validated: trimmed text, distinct sorted municipalities and their counties.</summary>
public sealed record NeedData(
    string Title,
    string Description,
    string Theme,
    Guid SubmittedByActorId,
    Guid? EstablishmentId,
    IReadOnlyList<string> MunicipalityCodes,
    IReadOnlyList<string> CountyCodes,
    Quantity? Quantity,
    DateOnly? NeededBy,
    string Urgency,
    DateOnly? IdentifiedOn);

/// <summary>A coordinator's triage of a need, trimmed: blank theme and reason are none.</summary>
public sealed record TriageChange(string Decision, string? Theme, string? Reason)
{
    /// <summary>The change <paramref name="request"/> asks for; a decision the JSON left out is empty.</summary>
    public static TriageChange Of(TriageRequest request) =>
        new(request.Decision?.Trim() ?? string.Empty, NeedRules.TrimmedOrNull(request.Theme), NeedRules.TrimmedOrNull(request.Reason));
}

public static class NeedStatuses
{
    public const string Submitted = "submitted";
    public const string Linked = "linked";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Resolved = "resolved";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Submitted, Linked, Accepted, Rejected, Resolved, Withdrawn];

    /// <summary>Needs still being worked on: the ones similar-need detection compares with, and the ones withdrawal and resolution apply to.</summary>
    public static readonly IReadOnlyList<string> Open = [Submitted, Linked, Accepted];
}

public static class Urgencies
{
    public static readonly IReadOnlyList<string> All = ["low", "medium", "high", "critical"];
}

public static class TriageDecisions
{
    public const string Accept = "accept";
    public const string Reject = "reject";

    public static readonly IReadOnlyList<string> All = [Accept, Reject];
}
