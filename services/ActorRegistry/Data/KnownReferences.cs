namespace Platform.ActorRegistry.Data;

/// <summary>
/// The references a write may name, checked against what the registry knows: its own actors, and the ids of needs and
/// challenges, which live in other services, as the registry has learnt them from their events.
/// </summary>
public static class KnownReferences
{
    public static Task RecordNeedAsync(NpgsqlTransaction transaction, Guid id, DateTimeOffset at, CancellationToken cancellationToken) =>
        RecordAsync(transaction, "INSERT INTO known_needs (id, known_at) VALUES (@id, @known_at) ON CONFLICT DO NOTHING", id, at, cancellationToken);

    public static Task RecordChallengeAsync(NpgsqlTransaction transaction, Guid id, DateTimeOffset at, CancellationToken cancellationToken) =>
        RecordAsync(transaction, "INSERT INTO known_challenges (id, known_at) VALUES (@id, @known_at) ON CONFLICT DO NOTHING", id, at, cancellationToken);

    public static async Task RecordAssignmentAsync(NpgsqlTransaction transaction, string reference, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO known_assignments (reference, known_at) VALUES (@reference, @known_at) ON CONFLICT DO NOTHING", transaction.Connection, transaction);
        insert.Parameters.AddWithValue("reference", reference);
        insert.Parameters.AddWithValue("known_at", at);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records in <paramref name="errors"/> each of <paramref name="references"/> the registry has not heard of, named by
    /// its place (<c>assignments[1]</c>).
    /// </summary>
    public static async Task CheckAssignmentsAsync(
        NpgsqlTransaction transaction, IReadOnlyList<string> references, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (references.Count == 0)
        {
            return;
        }

        var unknown = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "SELECT wanted FROM unnest(@references) AS wanted WHERE NOT EXISTS (SELECT 1 FROM known_assignments WHERE reference = wanted)",
            transaction.Connection, transaction))
        {
            command.Parameters.AddWithValue("references", NpgsqlDbType.Array | NpgsqlDbType.Text, references.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                unknown.Add(reader.Get<string>("wanted"));
            }
        }

        for (var i = 0; i < references.Count; i++)
        {
            if (unknown.Contains(references[i]))
            {
                errors.UnknownReferences[$"assignments[{i}]"] = [
                    $"Assignment {references[i]} is not known. Register it first (POST /api/assignments); one registered a moment ago may not have arrived yet, so try again shortly."];
            }
        }
    }

    /// <summary>The actors of <paramref name="ids"/> that do not exist.</summary>
    public static Task<HashSet<Guid>> UnknownActorsAsync(NpgsqlTransaction transaction, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        UnknownAsync(transaction, "SELECT wanted FROM unnest(@ids) AS wanted WHERE NOT EXISTS (SELECT 1 FROM actors WHERE id = wanted)", ids, cancellationToken);

    /// <summary>The needs of <paramref name="ids"/> the registry has not heard of.</summary>
    public static Task<HashSet<Guid>> UnknownNeedsAsync(NpgsqlTransaction transaction, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        UnknownAsync(transaction, "SELECT wanted FROM unnest(@ids) AS wanted WHERE NOT EXISTS (SELECT 1 FROM known_needs WHERE id = wanted)", ids, cancellationToken);

    /// <summary>The challenges of <paramref name="ids"/> the registry has not heard of.</summary>
    public static Task<HashSet<Guid>> UnknownChallengesAsync(NpgsqlTransaction transaction, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        UnknownAsync(transaction, "SELECT wanted FROM unnest(@ids) AS wanted WHERE NOT EXISTS (SELECT 1 FROM known_challenges WHERE id = wanted)", ids, cancellationToken);

    private static async Task RecordAsync(NpgsqlTransaction transaction, string sql, Guid id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(sql, transaction.Connection, transaction);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("known_at", at);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<HashSet<Guid>> UnknownAsync(NpgsqlTransaction transaction, string sql, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var unknown = new HashSet<Guid>();
        if (ids.Count == 0)
        {
            return unknown;
        }

        await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            unknown.Add(reader.Get<Guid>("wanted"));
        }

        return unknown;
    }
}
