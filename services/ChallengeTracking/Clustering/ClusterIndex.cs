namespace Platform.ChallengeTracking.Clustering;

public sealed record ClusterMatch(Guid ChallengeId, double Score);

/// <summary>Why a challenge holds together: its weightiest terms and each need's similarity to it.</summary>
public sealed record ClusterExplanation(IReadOnlyList<(string Term, double Weight)> Terms, IReadOnlyDictionary<Guid, double> Similarities);

/// <summary>
/// The clustering state in memory: every need's features, every challenge's centroid (the sum of its needs' unit
/// feature vectors) and how many needs each feature occurs in. A need is scored against the open challenges of its
/// theme by cosine similarity with TF-IDF weights. Once there are many needs, only the challenges that share one of
/// the need's 40 rarest features (each in at most 5% of needs; postings per feature) are scored: a challenge that
/// shares none of them has only common features in common, whose low weights cannot lift it to the threshold. Not thread-safe: the <see cref="Clusterer"/>
/// serialises access.
/// </summary>
public sealed partial class ClusterIndex
{
    private readonly Dictionary<string, int> _featureIds = new(StringComparer.Ordinal);
    private readonly List<string> _featureNames = [];
    private readonly List<int> _documentFrequency = [];
    private readonly Dictionary<Guid, IndexedNeed> _needs = [];
    private readonly Dictionary<Guid, IndexedChallenge> _challenges = [];
    private readonly Dictionary<string, HashSet<Guid>> _openByTheme = new(StringComparer.Ordinal);
    private readonly List<IndexedChallenge> _challengeList = [];
    private readonly List<List<int>> _postings = [];
    private float[] _query = [];
    private int[] _seen = [];
    private int _stamp;

    /// <summary>Below this many needs every open challenge of the theme is scored.</summary>
    public const int ScanAllBelow = 2_000;

    /// <summary>Features in at most this share of needs find candidates.</summary>
    public const double RareShare = 0.05;

    /// <summary>The rarest this many of a need's features find its candidates.</summary>
    public const int RareFeatures = 40;

    public int NeedCount => _needs.Count;

    public int ChallengeCount => _challenges.Count;

    /// <summary>The highest change sequence applied; the next sync reads from there.</summary>
    public long LastChange { get; set; }

    public void SetChallenge(Guid id, string theme, bool open)
    {
        var challenge = Challenge(id, theme);
        if (challenge.Theme != theme)
        {
            OpenSet(challenge.Theme).Remove(id);
            challenge.Theme = theme;
        }

        challenge.Open = open;
        if (open)
        {
            OpenSet(theme).Add(id);
        }
        else
        {
            OpenSet(theme).Remove(id);
        }
    }

    /// <summary>
    /// Adds or replaces a need: its features (counted once, and replaced when they change) and the challenge it belongs to
    /// (if any, and when it counts). A <paramref name="pinned"/> need was placed by a coordinator; suggestions leave it where it is.
    /// </summary>
    public void SetNeed(Guid id, IReadOnlyList<string> features, IReadOnlyList<float> weights, Guid? challengeId, bool pinned = false)
    {
        if (_needs.TryGetValue(id, out var previous))
        {
            if (previous.ChallengeId is { } old && _challenges.TryGetValue(old, out var oldChallenge))
            {
                oldChallenge.Remove(previous.Vector, this);
                oldChallenge.Members.Remove(id);
            }

            foreach (var feature in previous.Vector.Ids)
            {
                _documentFrequency[feature]--;
            }
        }

        var ids = new int[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            ids[i] = FeatureId(features[i]);
            _documentFrequency[ids[i]]++;
        }

        var need = new IndexedNeed(UnitVector(ids, weights)) { ChallengeId = challengeId, Pinned = pinned };
        _needs[id] = need;
        if (challengeId is { } current)
        {
            var challenge = Challenge(current, string.Empty);
            challenge.Add(need.Vector, this);
            challenge.Members.Add(id);
        }
    }

    /// <summary>
    /// The challenge's <paramref name="count"/> weightiest word stems, from <paramref name="termsFrom"/> of its needs only
    /// (a confidential need's words are not told), and every need's similarity to it, as <see cref="BestMatch"/> scores.
    /// </summary>
    public ClusterExplanation? Explain(Guid challengeId, IReadOnlySet<Guid> termsFrom, int count)
    {
        if (!_challenges.TryGetValue(challengeId, out var challenge))
        {
            return null;
        }

        var norm = challenge.Norm(this);
        var similarities = new Dictionary<Guid, double>();
        var terms = new Dictionary<int, double>();
        foreach (var needId in challenge.Members)
        {
            var (ids, weights) = _needs[needId].Vector;
            double dot = 0, needNorm = 0;
            for (var i = 0; i < ids.Length; i++)
            {
                var idf = Idf(ids[i]);
                needNorm += weights[i] * idf * weights[i] * idf;
                dot += weights[i] * idf * idf * challenge.Centroid.GetValueOrDefault(ids[i]);
                if (termsFrom.Contains(needId))
                {
                    terms[ids[i]] = terms.GetValueOrDefault(ids[i]) + (weights[i] * idf);
                }
            }

            similarities[needId] = norm == 0 || needNorm == 0 ? 0 : dot / (Math.Sqrt(needNorm) * norm);
        }

        var names = terms.Where(term => _featureNames[term.Key].StartsWith(TextFeatures.StemPrefix, StringComparison.Ordinal))
            .Select(term => (Term: _featureNames[term.Key][TextFeatures.StemPrefix.Length..], Weight: term.Value))
            .OrderByDescending(term => term.Weight).ThenBy(term => term.Term, StringComparer.Ordinal).Take(count).ToList();
        return new ClusterExplanation(names, similarities);
    }

    /// <summary>The open challenge of <paramref name="theme"/> closest to the features, if any shares one.</summary>
    public ClusterMatch? BestMatch(string theme, IReadOnlyDictionary<string, float> features)
    {
        if (!_openByTheme.TryGetValue(theme, out var open) || open.Count == 0)
        {
            return null;
        }

        // The query in TF-IDF space; features never seen have document frequency 0 and match nothing.
        var total = _needs.Count + 1;
        var query = new List<(int Feature, double Weight)>(features.Count);
        var queryNorm = 0.0;
        foreach (var (feature, weight) in features)
        {
            var frequency = _featureIds.TryGetValue(feature, out var id) ? _documentFrequency[id] : 0;
            var idf = Math.Log((total + 1.0) / (frequency + 2.0)) + 1;
            queryNorm += weight * idf * weight * idf;
            if (frequency > 0)
            {
                query.Add((id, weight * idf * idf));
            }
        }

        queryNorm = Math.Sqrt(queryNorm);

        // The query as a dense vector over feature ids, so each challenge's dot product is one pass over its own
        // contiguous centroid arrays: no hashing in the inner loop.
        if (_query.Length < _documentFrequency.Count)
        {
            _query = new float[Math.Max(_documentFrequency.Count, _query.Length * 2)];
        }

        foreach (var (feature, weight) in query)
        {
            _query[feature] = (float)weight;
        }

        ClusterMatch? best = null;
        foreach (var challenge in Candidates(open, query))
        {
            if (!challenge.Open || challenge.Theme != theme)
            {
                continue;
            }

            var norm = challenge.Norm(this);
            if (norm == 0)
            {
                continue;
            }

            var (ids, values) = challenge.Arrays();
            var dot = 0f;
            for (var k = 0; k < ids.Length; k++)
            {
                dot += _query[ids[k]] * values[k];
            }

            var score = dot / (queryNorm * norm);
            if (best is null || score > best.Score)
            {
                best = new ClusterMatch(challenge.Id, score);
            }
        }

        foreach (var (feature, _) in query)
        {
            _query[feature] = 0;
        }

        return best;
    }

    /// <summary>The challenges worth scoring: all open ones of the theme while needs are few, else those sharing a rare feature.</summary>
    private IEnumerable<IndexedChallenge> Candidates(HashSet<Guid> open, List<(int Feature, double Weight)> query)
    {
        if (_needs.Count < ScanAllBelow)
        {
            return open.Select(id => _challenges[id]);
        }

        if (_seen.Length < _challengeList.Count)
        {
            _seen = new int[Math.Max(_challengeList.Count, _seen.Length * 2)];
        }

        _stamp++;
        var rare = Math.Max(20, (int)(_needs.Count * RareShare));
        var candidates = new List<IndexedChallenge>();
        var rarest = query.Select(term => term.Feature).Where(feature => _documentFrequency[feature] <= rare)
            .OrderBy(feature => _documentFrequency[feature]).Take(RareFeatures);
        foreach (var feature in rarest)
        {
            foreach (var number in _postings[feature])
            {
                if (_seen[number] != _stamp)
                {
                    _seen[number] = _stamp;
                    candidates.Add(_challengeList[number]);
                }
            }
        }

        return candidates;
    }

    internal void AddPosting(int feature, int challengeNumber) => _postings[feature].Add(challengeNumber);

    internal double Idf(int feature) => Math.Log((_needs.Count + 1.0) / (_documentFrequency[feature] + 1.0)) + 1;

    private HashSet<Guid> OpenSet(string theme)
    {
        if (!_openByTheme.TryGetValue(theme, out var set))
        {
            set = [];
            _openByTheme[theme] = set;
        }

        return set;
    }

    private int FeatureId(string feature)
    {
        if (!_featureIds.TryGetValue(feature, out var id))
        {
            id = _documentFrequency.Count;
            _featureIds[feature] = id;
            _featureNames.Add(feature);
            _documentFrequency.Add(0);
            _postings.Add([]);
        }

        return id;
    }

    private IndexedChallenge Challenge(Guid id, string theme)
    {
        if (!_challenges.TryGetValue(id, out var challenge))
        {
            challenge = new IndexedChallenge(id, _challengeList.Count, theme);
            _challenges[id] = challenge;
            _challengeList.Add(challenge);
        }

        return challenge;
    }

    private static (int[] Ids, float[] Weights) UnitVector(int[] ids, IReadOnlyList<float> weights)
    {
        var norm = MathF.Sqrt(weights.Sum(weight => weight * weight));
        return (ids, [.. weights.Select(weight => norm == 0 ? 0 : weight / norm)]);
    }

    private sealed class IndexedNeed((int[] Ids, float[] Weights) vector)
    {
        public (int[] Ids, float[] Weights) Vector { get; } = vector;

        public Guid? ChallengeId { get; set; }

        public bool Pinned { get; set; }
    }

    private sealed class IndexedChallenge(Guid id, int number, string theme)
    {
        private double _norm = -1;
        private int _normAtNeeds = -1;
        private (int[] Ids, float[] Values)? _arrays;

        public Guid Id { get; } = id;

        /// <summary>The challenge's position in the index's list, as postings name it.</summary>
        public int Number { get; } = number;

        public string Theme { get; set; } = theme;

        public bool Open { get; set; }

        public Dictionary<int, double> Centroid { get; } = [];

        /// <summary>The needs in it.</summary>
        public HashSet<Guid> Members { get; } = [];

        /// <summary>The centroid as parallel arrays for the scoring loop, rebuilt after a change.</summary>
        public (int[] Ids, float[] Values) Arrays() => _arrays ??= ([.. Centroid.Keys], [.. Centroid.Values.Select(value => (float)value)]);

        public void Add((int[] Ids, float[] Weights) vector, ClusterIndex index) => Apply(vector, 1, index);

        public void Remove((int[] Ids, float[] Weights) vector, ClusterIndex index) => Apply(vector, -1, index);

        /// <summary>The centroid's length in TF-IDF space; recomputed when it changed or the needs grew by a tenth.</summary>
        public double Norm(ClusterIndex index)
        {
            if (_norm < 0 || index._needs.Count > _normAtNeeds * 1.1)
            {
                var sum = 0.0;
                foreach (var (feature, value) in Centroid)
                {
                    var weighted = value * index.Idf(feature);
                    sum += weighted * weighted;
                }

                _norm = Math.Sqrt(sum);
                _normAtNeeds = index._needs.Count;
            }

            return _norm;
        }

        /// <summary>
        /// Adds or removes a need's vector. A feature new to the centroid gets a posting; one left behind by a removal
        /// (or repeated after a re-add) only makes the challenge a candidate that the exact score then judges.
        /// </summary>
        private void Apply((int[] Ids, float[] Weights) vector, int sign, ClusterIndex index)
        {
            for (var i = 0; i < vector.Ids.Length; i++)
            {
                if (sign > 0 && !Centroid.ContainsKey(vector.Ids[i]))
                {
                    index.AddPosting(vector.Ids[i], Number);
                }

                var value = Centroid.GetValueOrDefault(vector.Ids[i]) + (sign * vector.Weights[i]);
                if (Math.Abs(value) < 1e-6)
                {
                    Centroid.Remove(vector.Ids[i]);
                }
                else
                {
                    Centroid[vector.Ids[i]] = value;
                }
            }

            _norm = -1;
            _arrays = null;
        }
    }
}
