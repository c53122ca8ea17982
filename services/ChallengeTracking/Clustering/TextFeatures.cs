using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Platform.ChallengeTracking.Clustering;

/// <summary>
/// The features a need is clustered by: the character 4-grams of its words (so the parts of Swedish compounds such
/// as <c>lånegarantier</c> and <c>kreditgaranti</c> meet) and its Swedish stems (PostgreSQL's snowball stemmer),
/// without stop words and place names (needs about one problem come from many places; a place says little about the
/// problem). Weights are 1 + ln(count), times the kind's weight. The domain lexicon (<c>lexicon.txt</c>) adds a concept wherever one of its
/// roots stands in the text, inside a compound or across words, so paraphrases that share few words meet.
/// </summary>
public static class TextFeatures
{
    /// <summary>The version of the features <see cref="Extract"/> gives; raised when it changes, so stored needs are featured again.</summary>
    public const int Version = 2;

    public const int GramLength = 4;
    public const float GramWeight = 0.5f;
    public const float StemWeight = 2f;
    public const float ConceptWeight = 3f;
    public const string StemPrefix = "s:";
    public const string ConceptPrefix = "c:";

    /// <summary>Each concept of the lexicon with its roots.</summary>
    public static readonly IReadOnlyList<(string Concept, string[] Roots)> Lexicon = ReadLexicon();

    private static readonly FrozenSet<string> StopWords = new[]
    {
        "och", "att", "det", "som", "en", "ett", "i", "på", "för", "av", "med", "till", "är", "om", "de", "den", "har", "inte",
        "kan", "ska", "vi", "men", "så", "eller", "när", "också", "andra", "detta", "dessa", "behöver", "behövs", "kommun",
        "kommunen", "kommunens", "kommuner", "kommunerna", "cirka", "år", "nya", "ny", "fler", "flera", "från", "under",
        "eftersom", "måste", "sin", "sina", "sitt", "samt", "efter", "vid", "mot", "utan", "hur", "vill",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The first five letters of each place name (the whole name when shorter), so inflected forms match too.</summary>
    private static readonly string[] PlacePrefixes =
    [
        .. Geography.Municipalities.Select(municipality => municipality.Name.ToLower(CultureInfo.GetCultureInfo("sv-SE")))
            .Append("norrbotten").Append("västerbotten")
            .Select(place => place.Length > 5 ? place[..5] : place)
            .Distinct(StringComparer.Ordinal),
    ];

    public static Dictionary<string, float> Extract(string title, string description, IEnumerable<string> stems)
    {
        var counts = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var word in Words($"{title} {description}"))
        {
            var padded = $"_{word}_";
            for (var i = 0; i + GramLength <= padded.Length; i++)
            {
                var gram = padded.Substring(i, GramLength);
                counts[gram] = counts.GetValueOrDefault(gram) + 1;
            }
        }

        var features = counts.ToDictionary(pair => pair.Key, pair => GramWeight * (1 + MathF.Log(pair.Value)), StringComparer.Ordinal);
        var text = $"{title} {description}".ToLower(CultureInfo.GetCultureInfo("sv-SE"));
        foreach (var (concept, roots) in Lexicon)
        {
            var hits = roots.Sum(root => Occurrences(text, root));
            if (hits > 0)
            {
                features[ConceptPrefix + concept] = ConceptWeight * (1 + MathF.Log(hits));
            }
        }

        foreach (var stem in stems)
        {
            if (stem.Length >= 3 && !stem.Any(char.IsDigit) && !IsPlace(stem))
            {
                features[StemPrefix + stem] = StemWeight;
            }
        }

        return features;
    }

    /// <summary>Lower-case words of letters only, at least three long, neither stop words nor place names.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetter(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length >= 3 && word.ToString() is var candidate && !StopWords.Contains(candidate) && !IsPlace(candidate))
            {
                yield return candidate;
            }

            word.Clear();
        }
    }

    private static int Occurrences(string text, string root)
    {
        var count = 0;
        for (var at = text.IndexOf(root, StringComparison.Ordinal); at >= 0; at = text.IndexOf(root, at + root.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The lexicon's lines: <c>concept: root, root</c>; blank lines and <c>#</c> comments skipped.</summary>
    private static List<(string, string[])> ReadLexicon()
    {
        using var stream = typeof(TextFeatures).Assembly.GetManifestResourceStream("Platform.ChallengeTracking.Clustering.lexicon.txt")
            ?? throw new InvalidOperationException("The clustering lexicon is not embedded.");
        using var reader = new StreamReader(stream);
        var concepts = new List<(string, string[])>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var (concept, roots) = (line[..line.IndexOf(':', StringComparison.Ordinal)].Trim(), line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            concepts.Add((concept, [.. roots.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]));
        }

        return concepts;
    }

    private static bool IsPlace(string word) => PlacePrefixes.Any(prefix => word.StartsWith(prefix, StringComparison.Ordinal));
}
