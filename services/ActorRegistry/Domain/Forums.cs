namespace Platform.ActorRegistry.Domain;

public static class ForumScopes
{
    public static readonly IReadOnlyList<string> All = ["national", "regional", "cross-county"];
}

public static class ForumRoles
{
    public const string Convenor = "convenor";

    public static readonly IReadOnlyList<string> All = [Convenor, "member", "observer", "secretariat"];
}

/// <summary>A forum as validated: trimmed name and purpose.</summary>
public sealed record ForumData(string Name, string? Purpose, string Scope, Guid? ConvenorActorId, IReadOnlyList<string> Assignments);

/// <summary>A dialogue meeting as validated; its ids as given, so that an unknown one can be named by its place.</summary>
public sealed record MeetingData(
    DateOnly Date, Guid? ForumId, string Title, string? Agenda, string? Minutes,
    IReadOnlyList<Guid> AttendingActorIds, IReadOnlyList<Guid> NeedIds, IReadOnlyList<Guid> ChallengeIds, IReadOnlyList<string> Assignments,
    string? Status = null);

/// <summary>Shape rules of forums and their members, and who is a member; the store checks references against the database.</summary>
public static class ForumRules
{
    /// <summary>The data of <paramref name="request"/>, or null with each wrong field recorded in <paramref name="errors"/>.</summary>
    public static ForumData? Validate(ForumRequest request, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = FieldRules.Text(request.Name, "name", 2, ActorRules.MaxNameLength, errors);
        var purpose = FieldRules.OptionalText(request.Purpose, "purpose", 2000, errors, multiline: true);
        errors.RequireOneOf("scope", request.Scope, ForumScopes.All);
        var assignments = FieldRules.AssignmentReferences(request.Assignments, "assignments", errors);

        return errors.Any ? null : new ForumData(name!, purpose, request.Scope!, request.ConvenorActorId, assignments!);
    }

    /// <summary>The data of a request its endpoint filter accepted.</summary>
    public static ForumData ToData(ForumRequest? request) =>
        (request is null ? null : Validate(request, new ValidationErrors()))
        ?? throw new ArgumentException("Only a request the validator accepted has data.", nameof(request));

    /// <summary>Records in <paramref name="errors"/> what is wrong with a new member: an actor and one of <see cref="ForumRoles.All"/>.</summary>
    public static void Validate(ForumMemberRequest request, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.ActorId is null || request.ActorId == Guid.Empty)
        {
            errors.Malformed["actorId"] = ["The actor is required."];
        }

        errors.RequireOneOf("role", request.Role, ForumRoles.All);
    }

    /// <summary>The actor and role of a new member its endpoint filter accepted.</summary>
    public static (Guid ActorId, string Role) ToMember(ForumMemberRequest? request) =>
        request is { ActorId: { } actorId, Role: { } role }
            ? (actorId, role)
            : throw new ArgumentException("Only a request the validator accepted has a member.", nameof(request));

    /// <summary>The member <paramref name="actorId"/> of the forum, or the refusal (409) when it is none (removed already, or never a member).</summary>
    public static (ForumMember? Member, string? Refusal) Membership(Forum forum, Guid actorId)
    {
        ArgumentNullException.ThrowIfNull(forum);
        return forum.Members.FirstOrDefault(member => member.ActorId == actorId) is { } member
            ? (member, null)
            : (null, $"Actor {actorId} is not a member of forum {forum.Id}.");
    }

    /// <summary>An actor is a member of a forum once: the refusal when <paramref name="actorId"/> already is, or null.</summary>
    public static string? RefusalToJoin(Forum forum, Guid actorId)
    {
        ArgumentNullException.ThrowIfNull(forum);
        return forum.Members.Any(member => member.ActorId == actorId) ? $"Actor {actorId} is already a member of forum {forum.Id}." : null;
    }
}

/// <summary>Shape rules of dialogue meetings; the store checks the forum, actors, needs and challenges they name.</summary>
public static class MeetingRules
{
    public const int MaxTextLength = 20_000;
    public const int MaxLinks = 200;

    /// <summary>The data of <paramref name="request"/>, or null with each wrong field recorded in <paramref name="errors"/>.</summary>
    public static MeetingData? Validate(MeetingRequest request, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.Date is null)
        {
            errors.Malformed["date"] = ["The meeting date (YYYY-MM-DD) is required."];
        }
        else
        {
            FieldRules.CheckDate(request.Date, "date", errors);
        }

        var title = FieldRules.Text(request.Title, "title", 2, ActorRules.MaxNameLength, errors);
        var agenda = FieldRules.OptionalText(request.Agenda, "agenda", MaxTextLength, errors, multiline: true);
        var minutes = FieldRules.OptionalText(request.Minutes, "minutes", MaxTextLength, errors, multiline: true);
        foreach (var (field, ids) in new[] { ("attendingActorIds", request.AttendingActorIds), ("needIds", request.NeedIds), ("challengeIds", request.ChallengeIds) })
        {
            if (ids is { Count: > MaxLinks } || ids?.Contains(Guid.Empty) == true)
            {
                errors.Malformed[field] = [$"At most {MaxLinks} ids, none empty."];
            }
        }

        var assignments = FieldRules.AssignmentReferences(request.Assignments, "assignments", errors);
        var status = string.IsNullOrWhiteSpace(request.Status) ? null : request.Status.Trim();
        if (status is not null)
        {
            errors.RequireOneOf("status", status, MeetingStatuses.All);
        }

        // The ids stay as given, so an unknown one can be named by its place in the request; the store keeps each once.
        return errors.Any
            ? null
            : new MeetingData(request.Date!.Value, request.ForumId, title!, agenda, minutes,
                request.AttendingActorIds ?? [], request.NeedIds ?? [], request.ChallengeIds ?? [], assignments!, status);
    }

    /// <summary>Whether an edit leaves a meeting as it was (its lists compared as sets).</summary>
    public static bool Same(Meeting current, Meeting edited) =>
        current.ForumId == edited.ForumId && current.Date == edited.Date && current.Title == edited.Title && current.Agenda == edited.Agenda
        && current.Minutes == edited.Minutes && current.Status == edited.Status && current.AttendingActorIds.ToHashSet().SetEquals(edited.AttendingActorIds)
        && current.NeedIds.ToHashSet().SetEquals(edited.NeedIds) && current.ChallengeIds.ToHashSet().SetEquals(edited.ChallengeIds)
        && current.Assignments.ToHashSet().SetEquals(edited.Assignments);

    /// <summary>
    /// The state a meeting takes, as asked or, when not asked, by its date (held once the day has come); a held meeting
    /// cannot lie in the future. The refusal is null when <paramref name="asked"/> may be the meeting's state.
    /// </summary>
    public static (string Status, string? Refusal) Status(string? asked, DateOnly date, DateOnly today) => asked switch
    {
        null => (date > today ? MeetingStatuses.Planned : MeetingStatuses.Held, null),
        MeetingStatuses.Held when date > today => (asked, "A meeting cannot have been held on a day still to come: mark it planned, or give the day it was held."),
        _ => (asked, null),
    };

    /// <summary>The data of a request its endpoint filter accepted.</summary>
    public static MeetingData ToData(MeetingRequest? request) =>
        (request is null ? null : Validate(request, new ValidationErrors()))
        ?? throw new ArgumentException("Only a request the validator accepted has data.", nameof(request));
}
