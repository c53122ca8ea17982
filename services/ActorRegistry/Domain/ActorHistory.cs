namespace Platform.ActorRegistry.Domain;

/// <summary>
/// What an actor's history records of each change. Every role reads the history, so a contact appears in it by name
/// and role only (<see cref="ContactPrivacy"/>).
/// </summary>
public static class ActorHistory
{
    public const string Registered = "registered";
    public const string Updated = "updated";
    public const string Deactivated = "deactivated";
    public const string Reactivated = "reactivated";

    /// <summary>A registration: every field it set.</summary>
    public static Dictionary<string, object?> Of(ActorData actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = actor.Name, ["kind"] = actor.Kind };
        AddIfSet(fields, "organisationNumber", actor.OrganisationNumber);
        AddIfSet(fields, "municipalityCode", actor.MunicipalityCode);
        if (actor.CountyCodes.Count > 0)
        {
            fields["countyCodes"] = actor.CountyCodes;
        }

        AddIfSet(fields, "website", actor.Website);
        if (actor.Contacts.Count > 0)
        {
            fields["contacts"] = NamesAndRoles(actor.Contacts);
        }

        return fields;
    }

    /// <summary>An update: the fields whose value changed, with the new value (null when cleared).</summary>
    public static Dictionary<string, object?> Between(ActorData before, ActorData after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        AddIfChanged(fields, "name", before.Name, after.Name);
        AddIfChanged(fields, "kind", before.Kind, after.Kind);
        AddIfChanged(fields, "organisationNumber", before.OrganisationNumber, after.OrganisationNumber);
        AddIfChanged(fields, "municipalityCode", before.MunicipalityCode, after.MunicipalityCode);
        if (!before.CountyCodes.SequenceEqual(after.CountyCodes, StringComparer.Ordinal))
        {
            fields["countyCodes"] = after.CountyCodes;
        }

        AddIfChanged(fields, "website", before.Website, after.Website);
        if (!before.Contacts.SequenceEqual(after.Contacts))
        {
            // Also when only an e-mail or phone changed: the history says that the contacts changed, not to what.
            fields["contacts"] = NamesAndRoles(after.Contacts);
        }

        return fields;
    }

    /// <summary>A deactivation or reactivation: its reason, when one was given.</summary>
    public static Dictionary<string, object?> Reason(string? reason)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        AddIfSet(fields, "reason", reason);
        return fields;
    }

    private static List<Dictionary<string, string?>> NamesAndRoles(IReadOnlyList<Contact> contacts) =>
        [.. contacts.Select(contact => new Dictionary<string, string?>(StringComparer.Ordinal) { ["name"] = contact.Name, ["role"] = contact.Role })];

    private static void AddIfSet(Dictionary<string, object?> fields, string field, string? value)
    {
        if (value is not null)
        {
            fields[field] = value;
        }
    }

    private static void AddIfChanged(Dictionary<string, object?> fields, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            fields[field] = after;
        }
    }
}
