using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Platform.ChallengeTracking.Clustering;

/// <summary>
/// The features a need is clustered by: the character 4-grams of its words (so the parts of Swedish compounds such
/// as <c>lånegarantier</c> and <c>kreditgaranti</c> meet) and its Swedish stems (PostgreSQL's snowball stemmer),
/// without stop words and place names (needs about one problem come from many places; a place says little about the
/// problem). Weights are 1 + ln(count).
/// </summary>
public static class TextFeatures
{
    public const int GramLength = 4;
    public const float StemWeight = 2f;
    public const string StemPrefix = "s:";

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

        var features = counts.ToDictionary(pair => pair.Key, pair => 1 + MathF.Log(pair.Value), StringComparer.Ordinal);
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

    private static bool IsPlace(string word) => PlacePrefixes.Any(prefix => word.StartsWith(prefix, StringComparison.Ordinal));
}
