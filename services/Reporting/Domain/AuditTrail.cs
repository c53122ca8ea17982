using System.Text.Json;
using Platform.Client.Models;

namespace Platform.Reporting.Domain;

/// <summary>
/// The fields a change set, each before and after. An event stating a record's fields is compared with the record as
/// the earlier such events left it; an event adding an entry (an expenditure, a member) has no before. The envelope
/// (event id, times, correlation, author) and the record's own id are not fields of the record.
/// </summary>
public static class AuditTrail
{
    private static readonly HashSet<string> Envelope = new(StringComparer.Ordinal) { "eventId", "occurredAt", "correlationId", "changedBy", "changedByActorId" };

    /// <summary>The record's fields after <paramref name="payload"/>, starting from <paramref name="record"/>.</summary>
    public static Dictionary<string, JsonElement> Apply(IReadOnlyDictionary<string, JsonElement> record, JsonElement payload, string idField)
    {
        var after = new Dictionary<string, JsonElement>(record, StringComparer.Ordinal);
        foreach (var (field, value) in Fields(payload, idField))
        {
            after[field] = value;
        }

        return after;
    }

    /// <summary>
    /// What <paramref name="payload"/> changed: for a state, each field whose value differs from
    /// <paramref name="record"/> (or that it had not); for an entry, every field it carries that has a value.
    /// </summary>
    public static IReadOnlyList<AuditChange> Changes(IReadOnlyDictionary<string, JsonElement> record, JsonElement payload, string idField, bool state)
    {
        var changes = new List<AuditChange>();
        foreach (var (field, value) in Fields(payload, idField))
        {
            if (!state)
            {
                if (HasValue(value))
                {
                    changes.Add(new AuditChange(field, null, value));
                }

                continue;
            }

            var had = record.TryGetValue(field, out var before) && before.ValueKind != JsonValueKind.Null;
            if (had ? !JsonElement.DeepEquals(before, value) : HasValue(value))
            {
                changes.Add(new AuditChange(field, had ? before : null, value));
            }
        }

        return changes;
    }

    /// <summary>Null and an empty list are no value: a record that had none and still has none did not change.</summary>
    private static bool HasValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => false,
        JsonValueKind.Array => value.GetArrayLength() > 0,
        _ => true,
    };

    private static IEnumerable<(string Field, JsonElement Value)> Fields(JsonElement payload, string idField) =>
        payload.EnumerateObject()
            .Where(property => !Envelope.Contains(property.Name) && property.Name != idField)
            .Select(property => (property.Name, property.Value.Clone()));
}
