using Microsoft.VisualBasic.FileIO;

namespace Platform.Testing;

/// <summary>One row of <c>tests/data/needs-dev.csv</c>: 48 development needs in 8 labelled clusters.</summary>
public sealed record DevNeed(
    string Key, string Cluster, string Theme, string ActorKind, string[] MunicipalityCodes, string Urgency, decimal? QuantityValue, string? QuantityUnit,
    string? NeededBy, string Title, string Description);

public static class DevNeeds
{
    /// <summary>The rows, in file order; the file is copied next to the test assembly as <c>data/needs-dev.csv</c>.</summary>
    public static IReadOnlyList<DevNeed> Load()
    {
        using var parser = new TextFieldParser(Path.Combine(AppContext.BaseDirectory, "data", "needs-dev.csv")) { Delimiters = [","], HasFieldsEnclosedInQuotes = true };
        var header = parser.ReadFields()!;
        int Column(string name) => Array.IndexOf(header, name);
        var needs = new List<DevNeed>();
        while (parser.ReadFields() is { } fields)
        {
            string? Optional(string name) => fields[Column(name)] is { Length: > 0 } value ? value : null;
            needs.Add(new DevNeed(
                fields[Column("key")], fields[Column("cluster")], fields[Column("theme")], fields[Column("actor_kind")], fields[Column("municipality_codes")].Split(';'),
                fields[Column("urgency")], Optional("quantity_value") is { } quantity ? decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture) : null,
                Optional("quantity_unit"), Optional("needed_by"), fields[Column("title")], fields[Column("description")]));
        }

        return needs;
    }
}
