using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.ChallengeTracking.Domain;

namespace Platform.ChallengeTracking.Clustering;

public sealed class ClusteringOptions
{
    public const string SectionName = "Clustering";

    /// <summary>The least cosine similarity to an open challenge of the need's theme that links the need to it; below it, the need opens a challenge.</summary>
    [Range(0.0, 1.0)]
    public double Threshold { get; set; } = 0.15;

    /// <summary>The review pass's threshold of average similarity for a theme without enough labels of its own (<see cref="Domain.ReviewThresholds"/>).</summary>
    [Range(0.0, 1.0)]
    public double ReviewThreshold { get; set; } = 0.12;

    /// <summary>How often the review pass runs when no needs arrive.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReviewInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long needs must have stopped arriving (an import, a burst of submissions) before the review pass runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReviewQuiet { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Decides which challenge a need belongs to. Every write that changes what the index knows (needs, their challenge
/// and status, challenge status) takes one advisory lock first, so those writes commit in the order of their
/// <c>change_seq</c>, and each instance's in-memory <see cref="ClusterIndex"/> catches up from the database by that
/// sequence before it scores: several instances stay consistent, and a restart rebuilds the index from the tables.
/// </summary>
public sealed class Clusterer(IOptions<ClusteringOptions> options)
{
    private const long AdvisoryLockKey = 0x434C5553_54455253; // "CLUSTERS"
    private readonly ClusterIndex _index = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    private const string LockSql = "SELECT pg_advisory_xact_lock(@key)";

    /// <summary>A need's text as PostgreSQL's Swedish stems, which <see cref="TextFeatures.Extract"/> takes.</summary>
    private const string StemsSql = "SELECT tsvector_to_array(to_tsvector('swedish', @title || ' ' || @description))";

    public double Threshold => options.Value.Threshold;

    /// <summary>Serialises the writes the index follows, until <paramref name="transaction"/> ends.</summary>
    public static async Task LockAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LockSql, transaction.Connection, transaction) { Parameters = { new("key", AdvisoryLockKey) } };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// For a need arriving: the features of its text, then clustering's lock, then whether the need is stored already
    /// (under the lock, so a copy of the need clustered meanwhile is seen), in one round trip.
    /// </summary>
    public static async Task<(Dictionary<string, float> Features, bool Stored)> LockForNeedAsync(
        NpgsqlTransaction transaction, Guid needId, string title, string description, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new(StemsSql) { Parameters = { new("title", title), new("description", description) } },
                new(LockSql) { Parameters = { new("key", AdvisoryLockKey) } },
                new("SELECT EXISTS (SELECT FROM needs WHERE id = @id)") { Parameters = { new("id", needId) } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var stems = reader.GetFieldValue<string[]>(0);
        await reader.NextResultAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (TextFeatures.Extract(title, description, stems), reader.GetBoolean(0));
    }

    /// <summary>The features of a need's text, with PostgreSQL's Swedish stems.</summary>
    public static async Task<Dictionary<string, float>> FeaturesAsync(NpgsqlTransaction transaction, string title, string description, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(StemsSql, transaction.Connection, transaction)
        {
            Parameters = { new("title", title), new("description", description) },
        };
        var stems = (string[])(await command.ExecuteScalarAsync(cancellationToken))!;
        return TextFeatures.Extract(title, description, stems);
    }

    /// <summary>The best open challenge of the theme for the features; call under <see cref="LockAsync"/>.</summary>
    public Task<ClusterMatch?> BestMatchAsync(NpgsqlTransaction transaction, string theme, IReadOnlyDictionary<string, float> features, CancellationToken cancellationToken) =>
        ReadAsync(transaction, index => index.BestMatch(theme, features), cancellationToken);

    /// <summary>Reads the index once it has caught up with the database as <paramref name="transaction"/> sees it.</summary>
    public async Task<T> ReadAsync<T>(NpgsqlTransaction transaction, Func<ClusterIndex, T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await SyncAsync(transaction, cancellationToken);
            return read(_index);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SyncAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    SELECT id, theme, status = ANY (@open_statuses) AND merged_into IS NULL AS open, change_seq
                    FROM challenges WHERE change_seq > @last_change ORDER BY change_seq
                    """)
                {
                    Parameters = { new("last_change", _index.LastChange), new("open_statuses", ChallengeStatuses.Open.ToArray()) },
                },
                new("""
                    SELECT id, CASE WHEN status = ANY (@not_counted) THEN NULL ELSE challenge_id END AS challenge_id, features, weights, automatic IS FALSE AS pinned, change_seq
                    FROM needs WHERE change_seq > @last_change ORDER BY change_seq
                    """)
                {
                    Parameters = { new("last_change", _index.LastChange), new("not_counted", NeedStatuses.NotCounted.ToArray()) },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var last = _index.LastChange;
        var (id, theme, open, changeSeq) = (reader.GetOrdinal("id"), reader.GetOrdinal("theme"), reader.GetOrdinal("open"), reader.GetOrdinal("change_seq"));
        while (await reader.ReadAsync(cancellationToken))
        {
            _index.SetChallenge(reader.GetGuid(id), reader.GetString(theme), reader.GetBoolean(open));
            last = Math.Max(last, reader.GetInt64(changeSeq));
        }

        await reader.NextResultAsync(cancellationToken);
        var (needId, challengeId, features, weights, pinned, needChangeSeq) = (reader.GetOrdinal("id"), reader.GetOrdinal("challenge_id"),
            reader.GetOrdinal("features"), reader.GetOrdinal("weights"), reader.GetOrdinal("pinned"), reader.GetOrdinal("change_seq"));
        while (await reader.ReadAsync(cancellationToken))
        {
            _index.SetNeed(reader.GetGuid(needId), reader.GetFieldValue<string[]>(features), reader.GetFieldValue<float[]>(weights), reader.GetFieldValue<Guid?>(challengeId),
                reader.GetBoolean(pinned));
            last = Math.Max(last, reader.GetInt64(needChangeSeq));
        }

        _index.LastChange = last;
    }
}
