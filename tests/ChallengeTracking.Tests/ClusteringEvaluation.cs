using Npgsql;
using Platform.ChallengeTracking.Clustering;
using Platform.Testing;

namespace Platform.ChallengeTracking.Tests;

/// <summary>Pairwise quality of a clustering against labels: of the pairs put together, how many belong together, and of those that belong together, how many were.</summary>
public sealed record ClusteringQuality(double Precision, double Recall, double F1)
{
    public static ClusteringQuality Of(IReadOnlyList<(string Cluster, Guid Challenge)> assigned)
    {
        long truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (var i = 0; i < assigned.Count; i++)
        {
            for (var j = i + 1; j < assigned.Count; j++)
            {
                var together = assigned[i].Challenge == assigned[j].Challenge;
                var same = assigned[i].Cluster == assigned[j].Cluster;
                truePositives += together && same ? 1 : 0;
                falsePositives += together && !same ? 1 : 0;
                falseNegatives += !together && same ? 1 : 0;
            }
        }

        var precision = truePositives == 0 ? 0 : truePositives / (double)(truePositives + falsePositives);
        var recall = truePositives == 0 ? 0 : truePositives / (double)(truePositives + falseNegatives);
        return new(precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }

    public override string ToString() => $"precision {Precision:F3}, recall {Recall:F3}, F1 {F1:F3}";
}

/// <summary>
/// The clustering decision replayed in memory over labelled needs, in any order: the service's own features (with
/// PostgreSQL's Swedish stems) and its own <see cref="ClusterIndex"/>, a need joining the best open challenge of its
/// theme at or above the threshold and opening one otherwise, as the store decides. Fast enough for many orders.
/// </summary>
public static class ClusteringEvaluation
{
    /// <summary>Each need with the features the service would give it.</summary>
    public static async Task<List<(DevNeed Need, Dictionary<string, float> Features)>> FeaturesAsync(
        string connectionString, IEnumerable<DevNeed> needs, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var featured = new List<(DevNeed, Dictionary<string, float>)>();
        foreach (var need in needs)
        {
            featured.Add((need, await Clusterer.FeaturesAsync(transaction, need.Title, need.Description, cancellationToken)));
        }

        return featured;
    }

    /// <summary>The quality of one arrival order: a shuffle by <paramref name="seed"/>, or the order given.</summary>
    public static ClusteringQuality Replay(
        IReadOnlyList<(DevNeed Need, Dictionary<string, float> Features)> needs, double threshold, int seed, bool shuffle = true, double? reviewThreshold = null)
    {
        var order = needs.ToArray();
        if (shuffle)
        {
            new Random(seed).Shuffle(order);
        }

        var index = new ClusterIndex();
        var placed = new Dictionary<Guid, (string Cluster, Guid Challenge, Dictionary<string, float> Features)>(order.Length);
        foreach (var (need, features) in order)
        {
            Guid challenge;
            if (index.BestMatch(need.Theme, features) is { } match && match.Score >= threshold)
            {
                challenge = match.ChallengeId;
            }
            else
            {
                challenge = Guid.NewGuid();
                index.SetChallenge(challenge, need.Theme, open: true);
            }

            var id = Guid.NewGuid();
            index.SetNeed(id, [.. features.Keys], [.. features.Values], challenge);
            placed[id] = (need.Cluster, challenge, features);
        }

        if (reviewThreshold is { } review)
        {
            Review(index, placed, review);
        }

        return ClusteringQuality.Of([.. placed.Values.Select(value => (value.Cluster, value.Challenge))]);
    }

    /// <summary>Accepts every suggestion of the review pass, round after round, until it proposes nothing more.</summary>
    public static void Review(ClusterIndex index, Dictionary<Guid, (string Cluster, Guid Challenge, Dictionary<string, float> Features)> placed, double threshold, int rounds = 10)
    {
        for (var round = 0; round < rounds; round++)
        {
            var suggestions = index.Suggest(_ => threshold);
            if (suggestions.Count == 0)
            {
                return;
            }

            foreach (var suggestion in suggestions)
            {
                var moves = suggestion.Kind == ClusterSuggestion.Merge
                    ? [(suggestion.ChallengeId, placed.Where(pair => pair.Value.Challenge == suggestion.MergedChallengeId).Select(pair => pair.Key).ToList())]
                    : suggestion.Groups.Select(group => (Guid.NewGuid(), group.ToList())).ToList();
                foreach (var (target, needIds) in moves)
                {
                    index.SetChallenge(target, suggestion.Theme, open: true);
                    foreach (var needId in needIds)
                    {
                        var features = placed[needId].Features;
                        index.SetNeed(needId, [.. features.Keys], [.. features.Values], target);
                        placed[needId] = placed[needId] with { Challenge = target };
                    }
                }

                if (suggestion.MergedChallengeId is { } merged)
                {
                    index.SetChallenge(merged, suggestion.Theme, open: false);
                }
            }
        }
    }

    /// <summary>The mean and the worst F1 (with the worst order's quality) over <paramref name="orders"/> orders.</summary>
    public static (double MeanF1, ClusteringQuality Worst) OverOrders(
        IReadOnlyList<(DevNeed Need, Dictionary<string, float> Features)> needs, double threshold, int orders, double? reviewThreshold = null)
    {
        var qualities = Enumerable.Range(1, orders).Select(seed => Replay(needs, threshold, seed, reviewThreshold: reviewThreshold)).ToList();
        return (qualities.Average(quality => quality.F1), qualities.MinBy(quality => quality.F1)!);
    }
}
