using Microsoft.VisualBasic.FileIO;

namespace Platform.Testing;

/// <summary>
/// One row of a labelled set of needs: <c>tests/data/needs-dev.csv</c> (48 development needs in 8 clusters) or
/// <c>tests/data/needs-clusters.csv</c> (the larger set, whose <paramref name="Part"/> says whether a need may be tuned
/// on or is held back for measuring).
/// </summary>
public sealed record DevNeed(
    string Key, string Cluster, string Theme, string ActorKind, string[] MunicipalityCodes, string Urgency, decimal? QuantityValue, string? QuantityUnit,
    string? NeededBy, string Title, string Description, string? Part = null);

public static class DevNeeds
{
    /// <summary>The larger labelled set, tuned on one part and measured on the other.</summary>
    public const string ClustersFile = "needs-clusters.csv";

    /// <summary>The rows, in file order; the file is copied next to the test assembly under <c>data/</c>.</summary>
    public static IReadOnlyList<DevNeed> Load(string file = "needs-dev.csv")
    {
        using var parser = new TextFieldParser(Path.Combine(AppContext.BaseDirectory, "data", file)) { Delimiters = [","], HasFieldsEnclosedInQuotes = true };
        var header = parser.ReadFields()!;
        int Column(string name) => Array.IndexOf(header, name);
        var needs = new List<DevNeed>();
        while (parser.ReadFields() is { } fields)
        {
            string? Optional(string name) => fields[Column(name)] is { Length: > 0 } value ? value : null;
            needs.Add(new DevNeed(
                fields[Column("key")], fields[Column("cluster")], fields[Column("theme")], fields[Column("actor_kind")], fields[Column("municipality_codes")].Split(';'),
                fields[Column("urgency")], Optional("quantity_value") is { } quantity ? decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture) : null,
                Optional("quantity_unit"), Optional("needed_by"), fields[Column("title")], fields[Column("description")],
                Column("part") >= 0 ? fields[Column("part")] : null));
        }

        return needs;
    }
}
