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
    public double Threshold { get; set; } = 0.10;
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

    public double Threshold => options.Value.Threshold;

    /// <summary>Serialises the writes the index follows, until <paramref name="transaction"/> ends.</summary>
    public static async Task LockAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", transaction.Connection, transaction) { Parameters = { new() { Value = AdvisoryLockKey } } };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The features of a need's text, with PostgreSQL's Swedish stems.</summary>
    public static async Task<Dictionary<string, float>> FeaturesAsync(NpgsqlTransaction transaction, string title, string description, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT tsvector_to_array(to_tsvector('swedish', $1 || ' ' || $2))", transaction.Connection, transaction)
        {
            Parameters = { new() { Value = title }, new() { Value = description } },
        };
        var stems = (string[])(await command.ExecuteScalarAsync(cancellationToken))!;
        return TextFeatures.Extract(title, description, stems);
    }

    /// <summary>The best open challenge of the theme for the features; call under <see cref="LockAsync"/>.</summary>
    public async Task<ClusterMatch?> BestMatchAsync(NpgsqlTransaction transaction, string theme, IReadOnlyDictionary<string, float> features, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await SyncAsync(transaction, cancellationToken);
            return _index.BestMatch(theme, features);
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
                new("SELECT id, theme, status = ANY ($2) AND merged_into IS NULL, change_seq FROM challenges WHERE change_seq > $1 ORDER BY change_seq")
                {
                    Parameters = { new() { Value = _index.LastChange }, new() { Value = ChallengeStatuses.Open.ToArray() } },
                },
                new("SELECT id, CASE WHEN status = ANY ($2) THEN NULL ELSE challenge_id END, features, weights, change_seq FROM needs WHERE change_seq > $1 ORDER BY change_seq")
                {
                    Parameters = { new() { Value = _index.LastChange }, new() { Value = NeedStatuses.NotCounted.ToArray() } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var last = _index.LastChange;
        while (await reader.ReadAsync(cancellationToken))
        {
            _index.SetChallenge(reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2));
            last = Math.Max(last, reader.GetInt64(3));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _index.SetNeed(reader.GetGuid(0), reader.GetFieldValue<string[]>(2), reader.GetFieldValue<float[]>(3), reader.IsDBNull(1) ? null : reader.GetGuid(1));
            last = Math.Max(last, reader.GetInt64(4));
        }

        _index.LastChange = last;
    }
}
