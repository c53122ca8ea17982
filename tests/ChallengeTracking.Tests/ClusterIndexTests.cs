using Platform.ChallengeTracking.Clustering;

namespace Platform.ChallengeTracking.Tests;

/// <summary>The in-memory index without a database: scoring, theme and status boundaries, moves, and the rare-feature candidates of a large index.</summary>
public sealed class ClusterIndexTests
{
    private static readonly Random Random = new(7);

    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => new string([.. Enumerable.Range(0, 7).Select(_ => (char)('a' + Random.Next(26)))])));

    private static Dictionary<string, float> Features(string text) => TextFeatures.Extract(text, text, TextFeatures.Words(text));

    private static void Add(ClusterIndex index, Guid challenge, string text)
    {
        var features = Features(text);
        index.SetNeed(Guid.NewGuid(), [.. features.Keys], [.. features.Values], challenge);
    }

    [Fact]
    public void The_most_similar_open_challenge_of_the_theme_wins()
    {
        var index = new ClusterIndex();
        var (housing, other, closed, elsewhere) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var topic = Words(12);
        index.SetChallenge(housing, "housing", open: true);
        index.SetChallenge(other, "housing", open: true);
        index.SetChallenge(closed, "housing", open: false);
        index.SetChallenge(elsewhere, "skills", open: true);
        Add(index, housing, topic);
        Add(index, other, Words(12));
        Add(index, closed, topic);
        Add(index, elsewhere, topic);

        var match = index.BestMatch("housing", Features(topic));
        Assert.NotNull(match);
        Assert.Equal(housing, match.ChallengeId);
        Assert.InRange(match.Score, 0.9, 1.0001);
        Assert.Null(index.BestMatch("education", Features(topic)));
    }

    [Fact]
    public void A_moved_need_counts_only_in_its_new_challenge()
    {
        var index = new ClusterIndex();
        var (from, to) = (Guid.NewGuid(), Guid.NewGuid());
        index.SetChallenge(from, "housing", open: true);
        index.SetChallenge(to, "housing", open: true);
        var topic = Words(12);
        var features = Features(topic);
        var need = Guid.NewGuid();
        index.SetNeed(need, [.. features.Keys], [.. features.Values], from);
        Add(index, to, Words(12));
        index.SetNeed(need, [.. features.Keys], [.. features.Values], to);

        Assert.Equal(to, index.BestMatch("housing", features)!.ChallengeId);
    }

    [Fact]
    public void A_large_index_scores_the_challenges_sharing_rare_features()
    {
        var index = new ClusterIndex();
        var topics = new List<(Guid Challenge, string Text)>();
        for (var i = 0; i < 1_100; i++)
        {
            var challenge = Guid.NewGuid();
            var text = Words(10);
            index.SetChallenge(challenge, "housing", open: true);
            Add(index, challenge, text);
            Add(index, challenge, text);
            topics.Add((challenge, text));
        }

        Assert.True(index.NeedCount >= ClusterIndex.ScanAllBelow);
        foreach (var (challenge, text) in topics.Take(20))
        {
            var match = index.BestMatch("housing", Features(text));
            Assert.Equal(challenge, match!.ChallengeId);
            Assert.True(match.Score > 0.9);
        }
    }
}
