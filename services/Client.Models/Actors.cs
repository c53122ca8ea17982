using System.Text.Json;

namespace Platform.Client.Models;

/// <summary>A contact person of an actor, in requests and in answers.</summary>
/// <remarks>
/// E-mail and phone are personal data: answers carry them to coordinators and the actor's own users only, and null
/// to everyone else. An answer carries all four fields, null when not set; a request may leave out all but the name.
/// </remarks>
/// <param name="Name">The person's name (required, at most 200 characters).</param>
/// <param name="Role">The person's role, e.g. <c>näringslivschef</c>.</param>
/// <param name="Email">An e-mail address.</param>
/// <param name="Phone">A phone number: digits, spaces, <c>+</c>, <c>-</c> and parentheses, at most 40 characters.</param>
public sealed record Contact(string Name, string? Role, string? Email, string? Phone);

/// <summary>The body of <c>POST /api/actors</c> and <c>PUT /api/actors/{id}</c>.</summary>
/// <param name="Name">The actor's name, 2 to 200 characters.</param>
/// <param name="Kind">
/// One of <c>agency</c>, <c>region</c>, <c>county-board</c>, <c>municipality</c>, <c>company</c>, <c>academia</c>,
/// <c>other</c>. Only coordinators change an existing actor's kind.
/// </param>
/// <param name="OrganisationNumber">The Swedish organisation number (<c>NNNNNN-NNNN</c>); unique among actors (409 otherwise).</param>
/// <param name="MunicipalityCode">The actor's municipality (required for kind <c>municipality</c>); its county is added to <c>countyCodes</c>.</param>
/// <param name="CountyCodes">Further counties the actor works in: <c>24</c> and/or <c>25</c>.</param>
/// <param name="Website">An absolute http(s) address of at most 500 characters.</param>
/// <param name="Contacts">At most 20 contact persons.</param>
public sealed record ActorRequest(
    string Name,
    string Kind,
    string? OrganisationNumber = null,
    string? MunicipalityCode = null,
    IReadOnlyList<string>? CountyCodes = null,
    string? Website = null,
    IReadOnlyList<Contact>? Contacts = null);

/// <summary>The body of <c>POST /api/actors/{id}/deactivate</c>.</summary>
/// <param name="Reason">Why the actor is deactivated, at most 1000 characters.</param>
public sealed record DeactivateActorRequest(string? Reason = null);

/// <summary>The body of <c>POST /api/actors/{id}/reactivate</c>.</summary>
/// <param name="Reason">Why the actor is active again, at most 1000 characters.</param>
public sealed record ReactivateActorRequest(string? Reason = null);

/// <summary>One change of an actor (<c>GET /api/actors/{id}/history</c>).</summary>
/// <param name="At">When it changed.</param>
/// <param name="By">Who changed it.</param>
/// <param name="Action">What was done: <c>registered</c>, <c>updated</c>, <c>deactivated</c> or <c>reactivated</c>.</param>
/// <param name="Changes">What changed, as the JSON object the server recorded (contacts by name and role only).</param>
public sealed record ActorHistoryEntry(DateTimeOffset At, string By, string Action, JsonElement Changes);

/// <summary>An actor: an agency, region, county board, municipality, company, academic institution or other organisation.</summary>
/// <param name="Id">The actor's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">Its kind, e.g. <c>municipality</c> or <c>company</c>.</param>
/// <param name="OrganisationNumber">Its normalised organisation number, if known.</param>
/// <param name="MunicipalityCode">Its municipality, if any.</param>
/// <param name="CountyCodes">The counties it works in.</param>
/// <param name="Website">Its website.</param>
/// <param name="Contacts">Its contact persons (e-mail and phone only for coordinators and the actor's own users).</param>
/// <param name="Active">False once the actor is deactivated.</param>
/// <param name="DeactivationReason">Why it was deactivated.</param>
/// <param name="Version">The version its <c>ETag</c> names.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record Actor(
    Guid Id,
    string Name,
    string Kind,
    string? OrganisationNumber,
    string? MunicipalityCode,
    IReadOnlyList<string> CountyCodes,
    string? Website,
    IReadOnlyList<Contact> Contacts,
    bool Active,
    string? DeactivationReason,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IVersioned;
