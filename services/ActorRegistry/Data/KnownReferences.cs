using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Data;

namespace Platform.ActorRegistry.Data;

/// <summary>The ids of needs and challenges, which live in other services, as the registry has learnt them from their events.</summary>
public static class KnownReferences
{
    public static Task RecordNeedAsync(NpgsqlTransaction transaction, Guid id, DateTimeOffset at, CancellationToken cancellationToken) =>
        RecordAsync(transaction, "INSERT INTO known_needs (id, known_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", id, at, cancellationToken);

    public static Task RecordChallengeAsync(NpgsqlTransaction transaction, Guid id, DateTimeOffset at, CancellationToken cancellationToken) =>
        RecordAsync(transaction, "INSERT INTO known_challenges (id, known_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", id, at, cancellationToken);

    /// <summary>The needs of <paramref name="ids"/> the registry has not heard of.</summary>
    public static Task<HashSet<Guid>> UnknownNeedsAsync(NpgsqlTransaction transaction, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        UnknownAsync(transaction, "SELECT wanted FROM unnest($1::uuid[]) AS wanted WHERE NOT EXISTS (SELECT 1 FROM known_needs WHERE id = wanted)", ids, cancellationToken);

    /// <summary>The challenges of <paramref name="ids"/> the registry has not heard of.</summary>
    public static Task<HashSet<Guid>> UnknownChallengesAsync(NpgsqlTransaction transaction, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        UnknownAsync(transaction, "SELECT wanted FROM unnest($1::uuid[]) AS wanted WHERE NOT EXISTS (SELECT 1 FROM known_challenges WHERE id = wanted)", ids, cancellationToken);

    private static async Task RecordAsync(NpgsqlTransaction transaction, string sql, Guid id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(sql, transaction.Connection, transaction) { Parameters = { Sql.Value(id), Sql.Value(at) } };
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<HashSet<Guid>> UnknownAsync(NpgsqlTransaction transaction, string sql, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var unknown = new HashSet<Guid>();
        if (ids.Count == 0)
        {
            return unknown;
        }

        await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction)
        {
            Parameters = { new() { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            unknown.Add(reader.GetGuid(0));
        }

        return unknown;
    }
}
