using Platform.Contracts.Needs;
using Platform.Testing;

namespace Platform.ChallengeTracking.Tests;

[CollectionDefinition(nameof(ExclusiveWrites), DisableParallelization = true)]
public sealed class ExclusiveWrites;

/// <summary>
/// Replays the 48 development needs in file order, as needs-intake publishes them, and compares the challenges they
/// land in with the labelled clusters: the whole path through the service, whose index also holds the other tests'
/// needs (they shift the weights a little). Quality over many orders is <see cref="ClusteringGeneralisationTests"/>'.
/// </summary>
[Collection(nameof(ExclusiveWrites))]
public sealed class ClusteringQualityTests(ChallengeTrackingApp app)
{
    [Fact]
    public async Task The_development_needs_cluster_through_the_service_with_pairwise_F1_of_at_least_0_78()
    {
        var token = TestContext.Current.CancellationToken;
        var needs = DevNeeds.Load();
        var assigned = new List<(string Cluster, Guid Challenge)>();
        foreach (var need in needs)
        {
            var submitted = ChallengeTrackingApp.Need(need.Title, need.Description, need.Theme, need.MunicipalityCodes) with
            {
                Reference = $"BEH-2026-{need.Key}",
                Quantity = need.QuantityValue is { } value ? new Quantity(value, need.QuantityUnit!) : null,
            };
            assigned.Add((need.Cluster, await app.SubmitNeedAsync(submitted, token)));
        }

        var quality = ClusteringQuality.Of(assigned);
        var summary = $"{needs.Count} needs, {assigned.Select(a => a.Challenge).Distinct().Count()} challenges for {needs.Select(n => n.Cluster).Distinct().Count()} clusters: {quality}";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(quality.F1 >= 0.78, summary);
    }
}
