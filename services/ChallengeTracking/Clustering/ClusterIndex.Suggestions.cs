namespace Platform.ChallengeTracking.Clustering;

/// <summary>
/// A proposal of the review pass. A merge moves the needs of <see cref="MergedChallengeId"/> into
/// <see cref="ChallengeId"/>; a split moves each of <see cref="Groups"/> out of <see cref="ChallengeId"/> into a
/// challenge of its own. <see cref="Similarity"/> is the average similarity of the needs the proposal joins (merge) or
/// parts (split), the measure the theme's threshold is set in. <see cref="NeedIds"/> are the needs its challenges hold.
/// </summary>
public sealed record ClusterSuggestion(
    string Kind, string Theme, Guid ChallengeId, Guid? MergedChallengeId, IReadOnlyList<IReadOnlyList<Guid>> Groups, IReadOnlyList<Guid> NeedIds, double Similarity)
{
    public const string Merge = "merge";
    public const string Split = "split";
}

/// <summary>
/// The review pass over the open challenges, which makes the clustering independent of the order needs arrived in:
/// the needs are compared pairwise (cosine of their TF-IDF vectors) and grouped by average linkage, as a clustering of
/// all of them at once would group them. A challenge whose needs fall into groups less alike than the theme's
/// threshold is proposed for a split (the group holding needs a coordinator placed, else the largest, stays); two
/// challenges of a theme whose needs are on average at least that alike are proposed for a merge. Archived, resolved
/// and merged challenges are not open and are never proposed.
/// </summary>
public sealed partial class ClusterIndex
{
    /// <summary>Challenges with more needs than this are not examined for a split (the pass grows with the square of a challenge's needs).</summary>
    public const int MaxSplitMembers = 200;

    public IReadOnlyList<ClusterSuggestion> Suggest(Func<string, double> thresholdOf)
    {
        var vectors = new Dictionary<Guid, (int[] Ids, double[] Values)>();
        var suggestions = new List<ClusterSuggestion>();
        foreach (var (theme, open) in _openByTheme.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var threshold = thresholdOf(theme);
            var challenges = open.Select(id => _challenges[id]).Where(challenge => challenge.Members.Count > 0).OrderBy(challenge => challenge.Number).ToList();
            var splitting = new HashSet<Guid>();
            foreach (var challenge in challenges.Where(challenge => challenge.Members.Count is > 1 and <= MaxSplitMembers))
            {
                if (SplitOf(challenge, threshold, vectors) is { } split)
                {
                    suggestions.Add(split);
                    splitting.Add(challenge.Id);
                }
            }

            suggestions.AddRange(MergesOf([.. challenges.Where(challenge => !splitting.Contains(challenge.Id))], threshold, vectors));
        }

        return suggestions;
    }

    /// <summary>The themes with open challenges.</summary>
    public IReadOnlyList<string> OpenThemes() => [.. _openByTheme.Where(pair => pair.Value.Count > 0).Select(pair => pair.Key)];

    /// <summary>The needs in challenge <paramref name="challengeId"/> that count.</summary>
    public IReadOnlyCollection<Guid> Members(Guid challengeId) =>
        _challenges.TryGetValue(challengeId, out var challenge) ? [.. challenge.Members] : [];

    /// <summary>
    /// The average pairwise similarity of the needs in <paramref name="first"/> to those in <paramref name="second"/>,
    /// the review pass's measure; null when either has no need the index knows.
    /// </summary>
    public double? AverageLinkage(IEnumerable<Guid> first, IEnumerable<Guid> second)
    {
        var (left, right) = (first.Where(_needs.ContainsKey).ToList(), second.Where(_needs.ContainsKey).ToList());
        if (left.Count == 0 || right.Count == 0)
        {
            return null;
        }

        var vectors = new Dictionary<Guid, (int[] Ids, double[] Values)>();
        var sum = Sum(left, vectors);
        return Math.Round(right.Sum(need => Dot(sum, TfIdf(need, vectors))) / (left.Count * (double)right.Count), 4);
    }

    private ClusterSuggestion? SplitOf(IndexedChallenge challenge, double threshold, Dictionary<Guid, (int[] Ids, double[] Values)> vectors)
    {
        var members = challenge.Members.OrderBy(id => id).ToList();
        var groups = Agglomerate(members, threshold, vectors, out var parting);
        if (groups.Count < 2)
        {
            return null;
        }

        var staying = groups.Where(group => group.Any(need => _needs[need].Pinned)).ToList();
        if (staying.Count == 0)
        {
            staying.Add(groups.OrderByDescending(group => group.Count).ThenBy(group => group.Min()).First());
        }

        var leaving = groups.Except(staying).Select(group => (IReadOnlyList<Guid>)[.. group.Order()]).OrderBy(group => group[0]).ToList();
        return leaving.Count == 0 ? null : new ClusterSuggestion(ClusterSuggestion.Split, challenge.Theme, challenge.Id, null, leaving, members, Math.Round(parting, 4));
    }

    /// <summary>
    /// Average-linkage grouping of <paramref name="needs"/>: the two most alike groups join while they are at least
    /// <paramref name="threshold"/> alike; <paramref name="parting"/> is how alike the closest two that stayed apart are.
    /// </summary>
    private List<List<Guid>> Agglomerate(List<Guid> needs, double threshold, Dictionary<Guid, (int[] Ids, double[] Values)> vectors, out double parting)
    {
        var count = needs.Count;
        var sums = new double[count, count];
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                sums[i, j] = sums[j, i] = Dot(TfIdf(needs[i], vectors), TfIdf(needs[j], vectors));
            }
        }

        var groups = needs.Select(need => new List<Guid> { need }).ToList();
        var alive = Enumerable.Range(0, count).ToList();
        parting = 0;
        while (alive.Count > 1)
        {
            var (best, first, second) = (double.MinValue, -1, -1);
            for (var a = 0; a < alive.Count; a++)
            {
                for (var b = a + 1; b < alive.Count; b++)
                {
                    var (x, y) = (alive[a], alive[b]);
                    var average = sums[x, y] / (groups[x].Count * (double)groups[y].Count);
                    if (average > best)
                    {
                        (best, first, second) = (average, x, y);
                    }
                }
            }

            if (best < threshold)
            {
                parting = best;
                break;
            }

            foreach (var other in alive.Where(other => other != first && other != second))
            {
                sums[first, other] = sums[other, first] = sums[first, other] + sums[second, other];
            }

            groups[first].AddRange(groups[second]);
            alive.Remove(second);
        }

        return [.. alive.Select(index => groups[index])];
    }

    /// <summary>Pairs of challenges at least <paramref name="threshold"/> alike on average, each challenge in one proposal at most, the most alike first.</summary>
    private List<ClusterSuggestion> MergesOf(List<IndexedChallenge> challenges, double threshold, Dictionary<Guid, (int[] Ids, double[] Values)> vectors)
    {
        var sums = challenges.ToDictionary(challenge => challenge.Id, challenge => Sum(challenge.Members, vectors));
        var rare = _needs.Count < ScanAllBelow ? int.MaxValue : Math.Max(20, (int)(_needs.Count * RareShare));
        var byFeature = new Dictionary<int, List<int>>();
        for (var i = 0; i < challenges.Count; i++)
        {
            foreach (var feature in sums[challenges[i].Id].Keys.Where(feature => _documentFrequency[feature] <= rare))
            {
                if (!byFeature.TryGetValue(feature, out var list))
                {
                    byFeature[feature] = list = [];
                }

                list.Add(i);
            }
        }

        var pairs = new List<(double Similarity, int First, int Second)>();
        var compared = new HashSet<(int, int)>();
        foreach (var list in byFeature.Values)
        {
            for (var a = 0; a < list.Count; a++)
            {
                for (var b = a + 1; b < list.Count; b++)
                {
                    if (!compared.Add((list[a], list[b])))
                    {
                        continue;
                    }

                    var (first, second) = (challenges[list[a]], challenges[list[b]]);
                    var similarity = Dot(sums[first.Id], sums[second.Id]) / (first.Members.Count * (double)second.Members.Count);
                    if (similarity >= threshold)
                    {
                        pairs.Add((similarity, list[a], list[b]));
                    }
                }
            }
        }

        var used = new HashSet<int>();
        var merges = new List<ClusterSuggestion>();
        foreach (var (similarity, first, second) in pairs.OrderByDescending(pair => pair.Similarity).ThenBy(pair => pair.First).ThenBy(pair => pair.Second))
        {
            if (used.Contains(first) || used.Contains(second))
            {
                continue;
            }

            used.Add(first);
            used.Add(second);

            // The larger challenge takes the other in; of two the same size, the older.
            var (target, merged) = challenges[second].Members.Count > challenges[first].Members.Count
                ? (challenges[second], challenges[first]) : (challenges[first], challenges[second]);
            merges.Add(new ClusterSuggestion(
                ClusterSuggestion.Merge, target.Theme, target.Id, merged.Id, [], [.. target.Members.Concat(merged.Members).Order()], Math.Round(similarity, 4)));
        }

        return merges;
    }

    /// <summary>The sum of the needs' TF-IDF unit vectors.</summary>
    private Dictionary<int, double> Sum(IEnumerable<Guid> needs, Dictionary<Guid, (int[] Ids, double[] Values)> vectors)
    {
        var sum = new Dictionary<int, double>();
        foreach (var need in needs)
        {
            var (ids, values) = TfIdf(need, vectors);
            for (var i = 0; i < ids.Length; i++)
            {
                sum[ids[i]] = sum.GetValueOrDefault(ids[i]) + values[i];
            }
        }

        return sum;
    }

    /// <summary>A need's unit vector in TF-IDF space, feature ids ascending; computed once per pass.</summary>
    private (int[] Ids, double[] Values) TfIdf(Guid need, Dictionary<Guid, (int[] Ids, double[] Values)> vectors)
    {
        if (vectors.TryGetValue(need, out var vector))
        {
            return vector;
        }

        var (ids, weights) = _needs[need].Vector;
        var order = Enumerable.Range(0, ids.Length).OrderBy(i => ids[i]).ToArray();
        var values = order.Select(i => weights[i] * Idf(ids[i])).ToArray();
        var norm = Math.Sqrt(values.Sum(value => value * value));
        vector = ([.. order.Select(i => ids[i])], [.. values.Select(value => norm == 0 ? 0 : value / norm)]);
        vectors[need] = vector;
        return vector;
    }

    private static double Dot((int[] Ids, double[] Values) first, (int[] Ids, double[] Values) second)
    {
        var (i, j, dot) = (0, 0, 0.0);
        while (i < first.Ids.Length && j < second.Ids.Length)
        {
            var (x, y) = (first.Ids[i], second.Ids[j]);
            if (x == y)
            {
                dot += first.Values[i++] * second.Values[j++];
            }
            else if (x < y)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return dot;
    }

    private static double Dot(Dictionary<int, double> first, Dictionary<int, double> second)
    {
        var (small, large) = first.Count <= second.Count ? (first, second) : (second, first);
        return small.Sum(pair => pair.Value * large.GetValueOrDefault(pair.Key));
    }

    private static double Dot(Dictionary<int, double> sum, (int[] Ids, double[] Values) vector)
    {
        var dot = 0.0;
        for (var i = 0; i < vector.Ids.Length; i++)
        {
            dot += vector.Values[i] * sum.GetValueOrDefault(vector.Ids[i]);
        }

        return dot;
    }
}
