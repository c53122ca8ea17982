using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.ChallengeTracking.Clustering;
using Platform.Testing;

namespace Platform.ChallengeTracking.Tests;

/// <summary>
/// The clustering measured on the larger labelled set (<c>tests/data/needs-clusters.csv</c>, 230 needs in 33 clusters)
/// over 20 arrival orders: tuned on one part, measured on the part held back, with the threshold the service runs with.
/// Issue 25 aims at a mean F1 of 0.85 and 0.8 in the worst order; until the clustering gets there, the test prints the
/// figures (docs/performance.md keeps them) and holds the quality measured when the set was made, so no change lowers it.
/// </summary>
public sealed class ClusteringGeneralisationTests(ChallengeTrackingApp app)
{
    private const int Orders = 20;

    /// <summary>The held-back part's mean and worst F1 as measured on 2026-12-02 with the domain lexicon (0.620 and 0.578), rounded down.</summary>
    private const double MeanFloor = 0.60;
    private const double WorstFloor = 0.55;

    /// <summary>The 48 development needs' mean and worst F1 over the same orders (0.792 and 0.769), rounded down.</summary>
    private const double DevelopmentMeanFloor = 0.78;
    private const double DevelopmentWorstFloor = 0.75;

    [Fact]
    public async Task The_held_back_needs_keep_the_measured_quality_over_20_orders()
    {
        var needs = DevNeeds.Load(DevNeeds.ClustersFile);
        var featured = await ClusteringEvaluation.FeaturesAsync(app.DatabaseConnectionString, needs, TestContext.Current.CancellationToken);
        var threshold = app.Services.GetRequiredService<IOptions<ClusteringOptions>>().Value.Threshold;
        var results = new Dictionary<string, (double MeanF1, ClusteringQuality Worst)>();
        foreach (var part in new[] { "tune", "held-back" })
        {
            var partNeeds = featured.Where(item => item.Need.Part == part).ToList();
            results[part] = ClusteringEvaluation.OverOrders(partNeeds, threshold, Orders);
            var summary = $"{part}: {partNeeds.Count} needs in {partNeeds.Select(item => item.Need.Cluster).Distinct().Count()} clusters, threshold {threshold}: " +
                $"mean F1 {results[part].MeanF1:F3}, worst order {results[part].Worst}";
            TestContext.Current.TestOutputHelper?.WriteLine(summary);
            Console.WriteLine(summary);
        }

        var development = ClusteringEvaluation.OverOrders(
            await ClusteringEvaluation.FeaturesAsync(app.DatabaseConnectionString, DevNeeds.Load(), TestContext.Current.CancellationToken), threshold, Orders);
        Console.WriteLine($"development: 48 needs in 8 clusters: mean F1 {development.MeanF1:F3}, worst order {development.Worst}");

        var (mean, worst) = results["held-back"];
        Assert.True(mean >= MeanFloor && worst.F1 >= WorstFloor, $"held back: mean F1 {mean:F3}, worst {worst}");
        Assert.True(development.MeanF1 >= DevelopmentMeanFloor && development.Worst.F1 >= DevelopmentWorstFloor,
            $"development: mean F1 {development.MeanF1:F3}, worst {development.Worst}");
    }
}
