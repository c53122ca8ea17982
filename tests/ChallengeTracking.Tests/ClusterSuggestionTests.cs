using Platform.ChallengeTracking.Clustering;
using Platform.ChallengeTracking.Domain;

namespace Platform.ChallengeTracking.Tests;

/// <summary>The review pass over the in-memory index: merges of alike challenges, splits of unlike needs, and what it never touches.</summary>
public sealed class ClusterSuggestionTests
{
    private const double Threshold = 0.12;
    private static readonly Random Random = new(11);

    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => new string([.. Enumerable.Range(0, 7).Select(_ => (char)('a' + Random.Next(26)))])));

    private static Guid Add(ClusterIndex index, Guid challenge, string text, bool pinned = false)
    {
        var features = TextFeatures.Extract(text, text, TextFeatures.Words(text));
        var id = Guid.NewGuid();
        index.SetNeed(id, [.. features.Keys], [.. features.Values], challenge, pinned);
        return id;
    }

    private static Guid Challenge(ClusterIndex index, string theme = "housing", bool open = true)
    {
        var id = Guid.NewGuid();
        index.SetChallenge(id, theme, open);
        return id;
    }

    [Fact]
    public void Two_open_challenges_of_a_theme_whose_needs_are_alike_are_proposed_for_a_merge_into_the_larger()
    {
        var index = new ClusterIndex();
        var topic = Words(12);
        var (small, large, unlike) = (Challenge(index), Challenge(index), Challenge(index));
        Add(index, small, topic);
        Add(index, large, topic);
        Add(index, large, topic + " " + Words(2));
        Add(index, unlike, Words(12));

        var merge = Assert.Single(index.Suggest(_ => Threshold));
        Assert.Equal((ClusterSuggestion.Merge, large, small), (merge.Kind, merge.ChallengeId, merge.MergedChallengeId));
        Assert.InRange(merge.Similarity, 0.5, 1);
        Assert.Equal(3, merge.NeedIds.Count);
        Assert.DoesNotContain(index.Suggest(_ => merge.Similarity + 0.01), suggestion => suggestion.Kind == ClusterSuggestion.Merge);
    }

    [Fact]
    public void A_challenge_holding_unlike_needs_is_proposed_for_a_split_that_leaves_a_coordinators_need_in_place()
    {
        var index = new ClusterIndex();
        var (first, second) = (Words(12), Words(12));
        var challenge = Challenge(index);
        var placed = Add(index, challenge, first, pinned: true);
        var leaving = new[] { Add(index, challenge, second), Add(index, challenge, second + " " + Words(1)) };

        var split = Assert.Single(index.Suggest(_ => Threshold));
        Assert.Equal((ClusterSuggestion.Split, challenge, (Guid?)null), (split.Kind, split.ChallengeId, split.MergedChallengeId));
        Assert.Equal(leaving.Order(), Assert.Single(split.Groups));
        Assert.DoesNotContain(placed, split.Groups.SelectMany(group => group));
        Assert.True(split.Similarity < Threshold);
    }

    [Fact]
    public void The_largest_group_stays_when_no_coordinator_placed_a_need()
    {
        var index = new ClusterIndex();
        var (many, one) = (Words(12), Words(12));
        var challenge = Challenge(index);
        Add(index, challenge, many);
        Add(index, challenge, many + " " + Words(1));
        var odd = Add(index, challenge, one);

        var split = Assert.Single(index.Suggest(_ => Threshold));
        Assert.Equal([odd], Assert.Single(split.Groups));
    }

    [Fact]
    public void Closed_challenges_and_other_themes_are_never_proposed()
    {
        var index = new ClusterIndex();
        var topic = Words(12);
        var (open, archived, otherTheme) = (Challenge(index), Challenge(index), Challenge(index, "skills"));
        Add(index, open, topic);
        Add(index, archived, topic);
        Add(index, otherTheme, topic);
        index.SetChallenge(archived, "housing", open: false);

        Assert.Empty(index.Suggest(_ => Threshold));
        Assert.Empty(index.Suggest(theme => theme == "housing" ? 0.02 : Threshold));
    }

    [Fact]
    public void The_threshold_is_asked_per_theme()
    {
        var index = new ClusterIndex();
        var topic = Words(12);
        foreach (var theme in new[] { "housing", "skills" })
        {
            var (first, second) = (Challenge(index, theme), Challenge(index, theme));
            Add(index, first, topic + " " + Words(8));
            Add(index, second, topic + " " + Words(8));
        }

        var similarity = Assert.Single(index.Suggest(theme => theme == "housing" ? Threshold : 0.99)).Similarity;
        Assert.Equal("housing", Assert.Single(index.Suggest(theme => theme == "housing" ? similarity : 0.99)).Theme);
        Assert.Empty(index.Suggest(_ => similarity + 0.001));
    }

    [Fact]
    public void Average_linkage_is_the_mean_similarity_of_every_pair_and_nothing_without_needs()
    {
        var index = new ClusterIndex();
        var topic = Words(12);
        var challenge = Challenge(index);
        var (a, b) = (Add(index, challenge, topic), Add(index, challenge, topic));
        var c = Add(index, challenge, Words(12));

        Assert.InRange(index.AverageLinkage([a], [b])!.Value, 0.999, 1.0001);
        Assert.InRange(index.AverageLinkage([a], [c])!.Value, 0, 0.05);
        Assert.InRange(index.AverageLinkage([a], [b, c])!.Value, 0.45, 0.55);
        Assert.Null(index.AverageLinkage([a], []));
        Assert.Equal(new[] { a, b, c }.Order(), index.Members(challenge).Order());
    }

    [Fact]
    public void The_configured_threshold_stands_until_a_theme_has_three_labels()
    {
        Assert.Equal(0.12, ReviewThresholds.For([new(0.5, false), new(0.6, false)], 0.12));
    }

    [Fact]
    public void The_threshold_contradicts_the_fewest_labels_and_stays_nearest_the_configured_one()
    {
        // Needs 0.3 alike were kept apart, 0.5 and more alike put together: the threshold rises above 0.3 and no further.
        List<ClusteringLabel> labels = [new(0.3, false), new(0.5, true), new(0.7, true), new(0.1, false)];
        var threshold = ReviewThresholds.For(labels, 0.12);
        Assert.Equal(0.4, threshold, 6);
        Assert.Equal(0, ReviewThresholds.Contradictions(labels, threshold));

        // Together at 0.08: the threshold falls just below it.
        Assert.Equal(0.079, ReviewThresholds.For([new(0.08, true), new(0.2, true), new(0.3, true)], 0.12), 6);

        // Labels that contradict each other (0.2 alike both together and apart): the configured threshold, as good as any.
        Assert.Equal(0.12, ReviewThresholds.For([new(0.2, false), new(0.2, true), new(0.5, true)], 0.12));

        // Kept apart at 0.95 and more: no threshold up to the highest keeps them apart, so the configured one stands.
        Assert.Equal(0.12, ReviewThresholds.For([new(0.95, false), new(0.97, false), new(0.99, false)], 0.12));
        Assert.Equal(0.891, ReviewThresholds.For([new(0.85, false), new(0.88, false), new(0.89, false)], 0.12), 6);
    }
}
