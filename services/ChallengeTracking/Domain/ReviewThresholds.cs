namespace Platform.ChallengeTracking.Domain;

/// <summary>A coordinator's judgement of how alike needs must be to belong together: needs this alike were put together, or kept apart.</summary>
public sealed record ClusteringLabel(double Similarity, bool Together);

/// <summary>
/// The review pass's threshold for one theme, learnt from the coordinators' labels: accepted and dismissed suggestions,
/// relinks and merges by hand. The threshold is the one that contradicts the fewest labels (needs kept together that it
/// would part, needs kept apart that it would join); of several, the one closest to the configured threshold, which
/// also stands while a theme has fewer than <see cref="LeastLabels"/> labels.
/// </summary>
public static class ReviewThresholds
{
    public const int LeastLabels = 3;
    public const double Lowest = 0.02;
    public const double Highest = 0.9;

    public static double For(IReadOnlyCollection<ClusteringLabel> labels, double configured)
    {
        if (labels.Count < LeastLabels)
        {
            return configured;
        }

        // Every threshold between two neighbouring similarities contradicts the same labels: the candidates are the
        // configured one, the midpoints and one just beyond either end.
        var similarities = labels.Select(label => label.Similarity).Distinct().Order().ToList();
        var candidates = new List<double> { configured, similarities[0] - 0.001, similarities[^1] + 0.001 };
        candidates.AddRange(similarities.Zip(similarities.Skip(1), (low, high) => (low + high) / 2));
        return candidates.Select(candidate => Math.Clamp(candidate, Lowest, Highest))
            .OrderBy(candidate => Contradictions(labels, candidate))
            .ThenBy(candidate => Math.Abs(candidate - configured))
            .First();
    }

    /// <summary>How many labels <paramref name="threshold"/> contradicts.</summary>
    public static int Contradictions(IEnumerable<ClusteringLabel> labels, double threshold) =>
        labels.Count(label => label.Together ? label.Similarity < threshold : label.Similarity >= threshold);
}
