using System.Text.Json;

namespace Platform.Client.Models;

/// <summary>The kinds of record the audit trail (<c>GET /api/audit</c>) tells the changes of.</summary>
public static class AuditEntities
{
    /// <summary>An actor's entry in the registry.</summary>
    public const string Actor = "actor";

    /// <summary>A company's establishment.</summary>
    public const string Establishment = "establishment";

    /// <summary>A forum and its members.</summary>
    public const string Forum = "forum";

    /// <summary>A meeting.</summary>
    public const string Meeting = "meeting";

    /// <summary>A need.</summary>
    public const string Need = "need";

    /// <summary>A challenge.</summary>
    public const string Challenge = "challenge";

    /// <summary>An effort, its budget, expenditures and progress.</summary>
    public const string Effort = "effort";

    /// <summary>A government assignment.</summary>
    public const string Assignment = "assignment";

    /// <summary>A lesson learnt.</summary>
    public const string Lesson = "lesson";

    /// <summary>Every kind, in the order filters offer them.</summary>
    public static readonly IReadOnlyList<string> All = [Actor, Establishment, Forum, Meeting, Need, Challenge, Effort, Assignment, Lesson];
}

/// <summary>One change of one record in the audit trail: who, when, what, and the fields before and after.</summary>
/// <param name="At">When the change was made.</param>
/// <param name="By">Who made it: the user's subject; null when the platform itself acted (clustering, a job) or it is not known.</param>
/// <param name="ByActorId">The actor the user acted for, when an actor's user made it.</param>
/// <param name="Entity">The kind of record, one of <see cref="AuditEntities.All"/>.</param>
/// <param name="EntityId">The record's id (an assignment's registration number).</param>
/// <param name="Action">What was done: the event's name, e.g. <c>EffortRevised</c> or <c>ExpenditureRecorded</c>.</param>
/// <param name="Changes">The fields the change set, each with its value before (null when it had none) and after.</param>
public sealed record AuditEntry(
    DateTimeOffset At, string? By, Guid? ByActorId, string Entity, string EntityId, string Action, IReadOnlyList<AuditChange> Changes);

/// <summary>One field of a change.</summary>
/// <param name="Field">The field, as the event names it, e.g. <c>budgetSek</c>.</param>
/// <param name="Before">Its value before; null when the record had none (or the change adds an entry, such as an expenditure).</param>
/// <param name="After">Its value after.</param>
public sealed record AuditChange(string Field, JsonElement? Before, JsonElement? After);
