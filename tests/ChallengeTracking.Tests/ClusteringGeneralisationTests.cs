using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.ChallengeTracking.Clustering;
using Platform.Testing;

namespace Platform.ChallengeTracking.Tests;

/// <summary>
/// The clustering on the larger labelled set (<c>tests/data/needs-clusters.csv</c>) and on the development needs over
/// 20 arrival orders, with the thresholds the service runs with, as needs are placed on arrival and after a
/// coordinator accepted every suggestion of the review: the part held back from tuning and the development set keep at
/// least the quality the floors name, and the test prints the figures.
/// </summary>
public sealed class ClusteringGeneralisationTests(ChallengeTrackingApp app)
{
    private const int Orders = 20;

    /// <summary>The least mean and worst-order F1 the held-back part keeps (the measured figures are in docs/performance.md).</summary>
    private const double MeanFloor = 0.60;
    private const double WorstFloor = 0.55;

    /// <summary>The least mean and worst-order F1 the held-back part keeps once every suggestion of the review is accepted.</summary>
    private const double ReviewedMeanFloor = 0.64;
    private const double ReviewedWorstFloor = 0.60;

    /// <summary>The least mean and worst-order F1 the development needs keep over the same orders.</summary>
    private const double DevelopmentMeanFloor = 0.78;
    private const double DevelopmentWorstFloor = 0.75;

    [Fact]
    public async Task The_held_back_needs_keep_the_measured_quality_over_20_orders()
    {
        var needs = DevNeeds.Load(DevNeeds.ClustersFile);
        var featured = await ClusteringEvaluation.FeaturesAsync(app.DatabaseConnectionString, needs, TestContext.Current.CancellationToken);
        var options = app.Services.GetRequiredService<IOptions<ClusteringOptions>>().Value;
        var threshold = options.Threshold;
        var results = new Dictionary<string, (double MeanF1, ClusteringQuality Worst)>();
        foreach (var part in new[] { "tune", "held-back" })
        {
            var partNeeds = featured.Where(item => item.Need.Part == part).ToList();
            results[part] = ClusteringEvaluation.OverOrders(partNeeds, threshold, Orders);
            results[$"{part}, reviewed"] = ClusteringEvaluation.OverOrders(partNeeds, threshold, Orders, options.ReviewThreshold);
            foreach (var key in new[] { part, $"{part}, reviewed" })
            {
                var summary = $"{key}: {partNeeds.Count} needs in {partNeeds.Select(item => item.Need.Cluster).Distinct().Count()} clusters, " +
                    $"thresholds {threshold}/{options.ReviewThreshold}: mean F1 {results[key].MeanF1:F3}, worst order {results[key].Worst}";
                TestContext.Current.TestOutputHelper?.WriteLine(summary);
                Console.WriteLine(summary);
            }
        }

        var development = ClusteringEvaluation.OverOrders(
            await ClusteringEvaluation.FeaturesAsync(app.DatabaseConnectionString, DevNeeds.Load(), TestContext.Current.CancellationToken), threshold, Orders);
        Console.WriteLine($"development: 48 needs in 8 clusters: mean F1 {development.MeanF1:F3}, worst order {development.Worst}");

        var (mean, worst) = results["held-back"];
        Assert.True(mean >= MeanFloor && worst.F1 >= WorstFloor, $"held back: mean F1 {mean:F3}, worst {worst}");
        var (reviewedMean, reviewedWorst) = results["held-back, reviewed"];
        Assert.True(reviewedMean >= ReviewedMeanFloor && reviewedWorst.F1 >= ReviewedWorstFloor, $"held back, reviewed: mean F1 {reviewedMean:F3}, worst {reviewedWorst}");
        Assert.True(development.MeanF1 >= DevelopmentMeanFloor && development.Worst.F1 >= DevelopmentWorstFloor,
            $"development: mean F1 {development.MeanF1:F3}, worst {development.Worst}");
    }
}
