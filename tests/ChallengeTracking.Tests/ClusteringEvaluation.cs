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
    public static ClusteringQuality Replay(IReadOnlyList<(DevNeed Need, Dictionary<string, float> Features)> needs, double threshold, int seed, bool shuffle = true)
    {
        var order = needs.ToArray();
        if (shuffle)
        {
            new Random(seed).Shuffle(order);
        }

        var index = new ClusterIndex();
        var assigned = new List<(string Cluster, Guid Challenge)>(order.Length);
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

            index.SetNeed(Guid.NewGuid(), [.. features.Keys], [.. features.Values], challenge);
            assigned.Add((need.Cluster, challenge));
        }

        return ClusteringQuality.Of(assigned);
    }

    /// <summary>The mean and the worst F1 (with the worst order's quality) over <paramref name="orders"/> orders.</summary>
    public static (double MeanF1, ClusteringQuality Worst) OverOrders(
        IReadOnlyList<(DevNeed Need, Dictionary<string, float> Features)> needs, double threshold, int orders)
    {
        var qualities = Enumerable.Range(1, orders).Select(seed => Replay(needs, threshold, seed)).ToList();
        return (qualities.Average(quality => quality.F1), qualities.MinBy(quality => quality.F1)!);
    }
}
