namespace Platform.Client.Models;

/// <summary>The body of <c>POST /api/establishments</c> and <c>PUT /api/establishments/{id}</c>.</summary>
/// <param name="CompanyActorId">The company actor that establishes itself (422 when unknown).</param>
/// <param name="Name">The establishment's name, 2 to 200 characters.</param>
/// <param name="Sector">Its sector, 2 to 100 characters, e.g. <c>battery</c> or <c>green steel</c>.</param>
/// <param name="MunicipalityCode">The municipality it is established in.</param>
/// <param name="Phase">One of <c>announced</c>, <c>permitting</c>, <c>construction</c>, <c>operating</c>, <c>paused</c>, <c>cancelled</c>; a change is kept in the phase history.</param>
/// <param name="InvestmentSek">The investment in SEK, zero or more.</param>
/// <param name="ExpectedJobs">The jobs it is expected to create, zero or more.</param>
/// <param name="AnnouncedOn">When it was announced.</param>
/// <param name="ExpectedOperationOn">When it is expected to operate; not before <c>announcedOn</c>.</param>
public sealed record EstablishmentRequest(
    Guid CompanyActorId,
    string Name,
    string Sector,
    string MunicipalityCode,
    string Phase,
    decimal? InvestmentSek = null,
    int? ExpectedJobs = null,
    DateOnly? AnnouncedOn = null,
    DateOnly? ExpectedOperationOn = null);

/// <summary>A phase an establishment entered.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="ChangedAt">When it entered the phase.</param>
/// <param name="ChangedBy">Who recorded the change.</param>
public sealed record PhaseChange(string Phase, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>A company's establishment (företagsetablering).</summary>
/// <param name="Id">The establishment's id.</param>
/// <param name="CompanyActorId">The company actor.</param>
/// <param name="Name">Its name.</param>
/// <param name="Sector">Its sector.</param>
/// <param name="MunicipalityCode">Its municipality.</param>
/// <param name="CountyCode">The county of that municipality.</param>
/// <param name="InvestmentSek">The investment in SEK, if known.</param>
/// <param name="ExpectedJobs">The expected jobs, if known.</param>
/// <param name="Phase">Its current phase.</param>
/// <param name="AnnouncedOn">When it was announced.</param>
/// <param name="ExpectedOperationOn">When it is expected to operate.</param>
/// <param name="Version">The version its <c>ETag</c> names.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="PhaseHistory">The phases it went through, when the answer includes them (single establishments do).</param>
public sealed record Establishment(
    Guid Id,
    Guid CompanyActorId,
    string Name,
    string Sector,
    string MunicipalityCode,
    string CountyCode,
    decimal? InvestmentSek,
    int? ExpectedJobs,
    string Phase,
    DateOnly? AnnouncedOn,
    DateOnly? ExpectedOperationOn,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<PhaseChange>? PhaseHistory) : IVersioned;

/// <summary>The body of <c>POST /api/forums</c> and of <c>PUT /api/forums/{id}</c> (with <c>If-Match</c>; members are changed on their own).</summary>
/// <param name="Name">The forum's name, 2 to 200 characters.</param>
/// <param name="Scope">One of <c>national</c>, <c>regional</c>, <c>cross-county</c>.</param>
/// <param name="Purpose">What the forum is for, at most 2000 characters.</param>
/// <param name="ConvenorActorId">The convening actor; it becomes a member.</param>
/// <param name="Assignments">The government assignments (registration numbers, at most 20, each registered) the forum works for; their reports include it.</param>
public sealed record ForumRequest(string Name, string Scope, string? Purpose = null, Guid? ConvenorActorId = null, IReadOnlyList<string>? Assignments = null);

/// <summary>The body of <c>POST /api/forums/{id}/members</c>.</summary>
/// <param name="ActorId">The actor to add (409 when already a member).</param>
/// <param name="Role">One of <c>convenor</c>, <c>member</c>, <c>observer</c>, <c>secretariat</c>.</param>
public sealed record ForumMemberRequest(Guid ActorId, string Role);

/// <summary>The body of <c>PUT /api/forums/{id}/members/{actorId}</c> (with the forum's <c>If-Match</c>).</summary>
/// <param name="Role">The member's new role, one of <c>convenor</c>, <c>member</c>, <c>observer</c>, <c>secretariat</c>.</param>
public sealed record ForumRoleRequest(string Role);

/// <summary>A member of a forum.</summary>
/// <param name="ActorId">The member actor.</param>
/// <param name="Role">Its role in the forum.</param>
/// <param name="JoinedAt">When it joined.</param>
public sealed record ForumMember(Guid ActorId, string Role, DateTimeOffset JoinedAt);

/// <summary>A collaboration forum (samverkansforum).</summary>
/// <param name="Id">The forum's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Purpose">What it is for.</param>
/// <param name="Scope">Its scope.</param>
/// <param name="ConvenorActorId">The convening actor, if any.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Members">Its members.</param>
/// <param name="Assignments">The government assignments it works for.</param>
/// <param name="Version">The version its <c>ETag</c> names; an edit and every change of members raise it.</param>
public sealed record Forum(
    Guid Id,
    string Name,
    string? Purpose,
    string Scope,
    Guid? ConvenorActorId,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ForumMember> Members,
    IReadOnlyList<string> Assignments,
    int Version = 1) : IVersioned;

/// <summary>A meeting is planned until it is held.</summary>
public static class MeetingStatuses
{
    /// <summary>To be held on its date.</summary>
    public const string Planned = "planned";

    /// <summary>Held on its date, which is not in the future; reports count only held meetings.</summary>
    public const string Held = "held";

    /// <summary>Both, in the order a meeting goes through them.</summary>
    public static readonly IReadOnlyList<string> All = [Planned, Held];
}

/// <summary>The body of <c>POST /api/meetings</c> and of <c>PUT /api/meetings/{id}</c> (with <c>If-Match</c>).</summary>
/// <param name="Date">The meeting's date.</param>
/// <param name="Title">Its title, 2 to 200 characters.</param>
/// <param name="ForumId">The forum it belongs to, if any.</param>
/// <param name="Agenda">Its agenda, at most 20,000 characters.</param>
/// <param name="Minutes">Its minutes, at most 20,000 characters.</param>
/// <param name="AttendingActorIds">The attending actors, at most 200.</param>
/// <param name="NeedIds">The needs discussed, at most 200.</param>
/// <param name="ChallengeIds">The challenges discussed, at most 200.</param>
/// <param name="Assignments">The government assignments (registration numbers, at most 20, each registered) it was held for; their reports include it.</param>
/// <param name="Status"><c>planned</c> or <c>held</c> (not with a date in the future); by default held when its date has come, else planned.</param>
public sealed record MeetingRequest(
    DateOnly Date,
    string Title,
    Guid? ForumId = null,
    string? Agenda = null,
    string? Minutes = null,
    IReadOnlyList<Guid>? AttendingActorIds = null,
    IReadOnlyList<Guid>? NeedIds = null,
    IReadOnlyList<Guid>? ChallengeIds = null,
    IReadOnlyList<string>? Assignments = null,
    string? Status = null);

/// <summary>A dialogue meeting (dialogmöte).</summary>
/// <param name="Id">The meeting's id.</param>
/// <param name="ForumId">The forum it belongs to, if any.</param>
/// <param name="Date">Its date.</param>
/// <param name="Title">Its title.</param>
/// <param name="Agenda">Its agenda.</param>
/// <param name="Minutes">Its minutes.</param>
/// <param name="AttendingActorIds">The attending actors.</param>
/// <param name="NeedIds">The needs discussed.</param>
/// <param name="ChallengeIds">The challenges discussed.</param>
/// <param name="Assignments">The government assignments it was held for.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="Status"><c>planned</c> or <c>held</c>.</param>
/// <param name="Version">The version its <c>ETag</c> names.</param>
public sealed record Meeting(
    Guid Id,
    Guid? ForumId,
    DateOnly Date,
    string Title,
    string? Agenda,
    string? Minutes,
    IReadOnlyList<Guid> AttendingActorIds,
    IReadOnlyList<Guid> NeedIds,
    IReadOnlyList<Guid> ChallengeIds,
    IReadOnlyList<string> Assignments,
    DateTimeOffset CreatedAt,
    string Status = MeetingStatuses.Held,
    int Version = 1) : IVersioned;
