using Microsoft.VisualBasic.FileIO;

namespace Platform.Benchmarks;

public sealed record NeedTemplate(string Theme, string Urgency, string Title, string Description, string[] MunicipalityCodes);

/// <summary>
/// Varied, realistic Swedish needs for load: each is one of the 48 development needs (tests/data/needs-dev.csv)
/// reworded by dropping about a quarter of its words and placing it in another municipality, as real submissions
/// about the same problem differ.
/// </summary>
public static class NeedTexts
{
    private static readonly string[] Places = ["Boden", "Luleå", "Piteå", "Kiruna", "Gällivare", "Skellefteå", "Umeå", "Lycksele", "Kalix", "Haparanda"];
    private static readonly string[] Codes = ["2582", "2580", "2581", "2584", "2523", "2482", "2480", "2481", "2514", "2583"];

    public static IReadOnlyList<NeedTemplate> Templates { get; } = Load();

    public static (NeedTemplate Template, string Title, string Description, string MunicipalityCode) Generate(int index)
    {
        var random = new Random(index);
        var template = Templates[index % Templates.Count];
        var place = random.Next(Places.Length);
        var words = template.Description.Split(' ').Where(_ => random.NextDouble() > 0.25);
        return (template, $"{template.Title} – {Places[place]} {index}", $"{string.Join(' ', words)} Gäller {Places[place]}.", Codes[place]);
    }

    private static List<NeedTemplate> Load()
    {
        using var parser = new TextFieldParser(Path.Combine(AppContext.BaseDirectory, "data", "needs-dev.csv")) { Delimiters = [","], HasFieldsEnclosedInQuotes = true };
        var header = parser.ReadFields()!;
        int Column(string name) => Array.IndexOf(header, name);
        var templates = new List<NeedTemplate>();
        while (parser.ReadFields() is { } fields)
        {
            templates.Add(new NeedTemplate(fields[Column("theme")], fields[Column("urgency")], fields[Column("title")], fields[Column("description")],
                fields[Column("municipality_codes")].Split(';')));
        }

        return templates;
    }
}
