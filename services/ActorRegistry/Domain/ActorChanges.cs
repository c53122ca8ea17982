namespace Platform.ActorRegistry.Domain;

/// <summary>Who makes a change: the name the history records, and what the rules ask of them.</summary>
/// <param name="Name">The caller's name (the token's subject), or a seeder's.</param>
/// <param name="IsCoordinator">Whether the caller is a coordinator.</param>
/// <param name="ActorId">The actor an <c>actor</c>-role user acts for.</param>
public sealed record Editor(string Name, bool IsCoordinator, Guid? ActorId);

/// <summary>What (de)activating an actor does to it: its new status and reason, and the entry its history gains.</summary>
public sealed record ActorStatusChange(bool Active, string? DeactivationReason, string HistoryAction);

/// <summary>Who may change an actor, and how an actor becomes inactive and active again: rules without I/O.</summary>
public static class ActorChanges
{
    /// <summary>Coordinators update any actor, an actor user only its own: the refusal, or null when allowed.</summary>
    public static string? RefusalToUpdate(Editor editor, Guid actorId)
    {
        ArgumentNullException.ThrowIfNull(editor);
        return editor.IsCoordinator || editor.ActorId == actorId ? null : "An actor user may update only its own actor.";
    }

    /// <summary>
    /// What identifies an actor, its kind and organisation number, only coordinators change: the refusal, or null
    /// when allowed.
    /// </summary>
    public static string? RefusalToChange(Editor editor, ActorData current, ActorData requested)
    {
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(requested);
        return editor.IsCoordinator || (current.Kind == requested.Kind && current.OrganisationNumber == requested.OrganisationNumber)
            ? null
            : "Only coordinators change an actor's kind or organisation number.";
    }

    /// <summary>
    /// The change that makes an actor active (<paramref name="activate"/>) or inactive; null when it already is, so
    /// that it keeps its version and gains no history entry and no event. An actor is never deleted: deactivation keeps
    /// its reason, reactivation clears it.
    /// </summary>
    public static ActorStatusChange? SetActive(bool isActive, bool activate, string? reason) =>
        isActive == activate
            ? null
            : new ActorStatusChange(activate, activate ? null : reason, activate ? ActorHistory.Reactivated : ActorHistory.Deactivated);
}
