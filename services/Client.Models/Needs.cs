using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Client.Models;

/// <summary>An amount of something needed, in requests and in answers.</summary>
/// <param name="Value">A positive amount, at most 1,000,000,000.</param>
/// <param name="Unit">Its unit, 1 to 50 characters, e.g. <c>lägenheter</c> or <c>MW</c>.</param>
public sealed record Quantity(decimal Value, string Unit);

/// <summary>The body of <c>POST /api/needs</c>.</summary>
/// <param name="Title">The need's title, 5 to 200 characters.</param>
/// <param name="Description">What is needed, 20 to 4000 characters.</param>
/// <param name="Theme">A theme code from <c>GET /api/themes</c>, e.g. <c>housing</c> (422 when unknown).</param>
/// <param name="MunicipalityCodes">The one to 29 municipalities the need concerns (four-digit SCB codes).</param>
/// <param name="Urgency">One of <c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>.</param>
/// <param name="SubmittedByActorId">
/// The submitting actor: required when a coordinator submits; an actor user may leave it out (its own actor is
/// used) and may name no other actor (403).
/// </param>
/// <param name="EstablishmentId">The establishment the need stems from, if any.</param>
/// <param name="Quantity">How much is needed, if it can be counted.</param>
/// <param name="NeededBy">When it is needed by, <c>YYYY-MM-DD</c>, not before today (or the day it was identified).</param>
/// <param name="IdentifiedOn">
/// The day the need was identified, <c>YYYY-MM-DD</c>, not in the future; today when left out. A need typed in later
/// (from last year's spreadsheet, say) keeps its real day, and reports for a period count it by that day.
/// </param>
public sealed record NeedRequest(
    string Title,
    string Description,
    string Theme,
    IReadOnlyList<string> MunicipalityCodes,
    string Urgency,
    Guid? SubmittedByActorId = null,
    Guid? EstablishmentId = null,
    Quantity? Quantity = null,
    string? NeededBy = null,
    string? IdentifiedOn = null);

/// <summary>An open need like another one, best first.</summary>
/// <param name="Id">The similar need's id.</param>
/// <param name="Reference">Its human-readable reference.</param>
/// <param name="Title">Its title.</param>
/// <param name="Score">How similar it is, higher is more similar.</param>
public sealed record SimilarNeed(Guid Id, string Reference, string Title, double Score);

/// <summary>A need (behov) an actor submitted.</summary>
/// <param name="Id">The need's id.</param>
/// <param name="Reference">Its human-readable reference.</param>
/// <param name="Title">Its title.</param>
/// <param name="Description">Its description.</param>
/// <param name="Theme">Its theme code.</param>
/// <param name="SubmittedByActorId">The submitting actor.</param>
/// <param name="SubmitterKind">The kind of the submitting actor.</param>
/// <param name="EstablishmentId">The establishment it stems from, if any.</param>
/// <param name="MunicipalityCodes">The municipalities it concerns.</param>
/// <param name="CountyCodes">Their counties.</param>
/// <param name="Quantity">How much is needed, if counted.</param>
/// <param name="NeededBy">When it is needed by.</param>
/// <param name="IdentifiedOn">The day it was identified (the day it was submitted unless given).</param>
/// <param name="Urgency">Its urgency.</param>
/// <param name="Status">One of <c>submitted</c>, <c>linked</c>, <c>accepted</c>, <c>rejected</c>, <c>resolved</c>, <c>withdrawn</c>.</param>
/// <param name="ChallengeId">The challenge it is linked to, if any.</param>
/// <param name="DecisionReason">
/// The reason given with its last triage (always for a rejection), or with its withdrawal when one was given there.
/// </param>
/// <param name="Version">The version its <c>ETag</c> names.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="SimilarNeeds">
/// Open needs like this one, best first; only in the answer to its submission (and to a replay of it), left out elsewhere.
/// </param>
public sealed record Need(
    Guid Id,
    string Reference,
    string Title,
    string Description,
    string Theme,
    Guid SubmittedByActorId,
    string SubmitterKind,
    Guid? EstablishmentId,
    IReadOnlyList<string> MunicipalityCodes,
    IReadOnlyList<string> CountyCodes,
    Quantity? Quantity,
    DateOnly? NeededBy,
    DateOnly IdentifiedOn,
    string Urgency,
    string Status,
    Guid? ChallengeId,
    string? DecisionReason,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SimilarNeed>? SimilarNeeds) : IVersioned;

/// <summary>One change of a need (<c>GET /api/needs/{id}/history</c>).</summary>
/// <param name="At">When it changed.</param>
/// <param name="By">Who changed it.</param>
/// <param name="Action">What was done, e.g. <c>submitted</c> or <c>triaged</c>.</param>
/// <param name="Changes">What changed, as the JSON object the server recorded.</param>
public sealed record NeedHistoryEntry(DateTimeOffset At, string By, string Action, JsonElement Changes);

/// <summary>The body of <c>POST /api/needs/similar</c>: a draft to compare with the open needs.</summary>
/// <param name="Title">The draft's title, 5 to 200 characters.</param>
/// <param name="Description">The draft's description, 20 to 4000 characters.</param>
public sealed record SimilarNeedsRequest(string Title, string Description);

/// <summary>The body of <c>POST /api/needs/{id}/triage</c>.</summary>
/// <param name="Decision"><c>accept</c> or <c>reject</c>.</param>
/// <param name="Theme">A corrected theme code, if the submitter's was wrong (422 when unknown).</param>
/// <param name="Reason">Why, at most 1000 characters; required for a rejection.</param>
public sealed record TriageRequest(string Decision, string? Theme = null, string? Reason = null);

/// <summary>The body of <c>POST /api/needs/{id}/withdraw</c>.</summary>
/// <param name="Reason">Why the need is withdrawn, at most 1000 characters.</param>
public sealed record WithdrawRequest(string? Reason = null);

/// <summary>A need created by an import.</summary>
/// <param name="Line">The line of the CSV file its row starts on.</param>
/// <param name="Id">The new need's id.</param>
/// <param name="Reference">Its reference.</param>
public sealed record ImportedNeed(int Line, Guid Id, string Reference);

/// <summary>The answer of <c>POST /api/needs/import</c>: every row was imported (otherwise nothing was and the call failed).</summary>
/// <param name="Imported">How many needs were created.</param>
/// <param name="Needs">The created needs, in file order.</param>
/// <param name="IgnoredColumns">Header columns the import does not know and ignored.</param>
public sealed record NeedImportResult(int Imported, IReadOnlyList<ImportedNeed> Needs, IReadOnlyList<string> IgnoredColumns);
