using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Actors;
using Platform.ServiceDefaults.Http;

namespace Platform.NeedsIntake.Data;

public sealed record ReplicaActor(Guid Id, string? Name, string? Kind, bool Active);

/// <summary>
/// The registry's actors and establishments as needs-intake knows them: only from consumed events, never by calling
/// the registry. Versions order the events, so a late or duplicated one never undoes a newer state.
/// </summary>
public sealed class ActorReplica(NpgsqlDataSource dataSource)
{
    private const string UpsertActorSql = """
        INSERT INTO actors AS a (id, name, kind, active, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (id) DO UPDATE SET
            name = CASE WHEN excluded.version > a.version OR a.kind IS NULL THEN excluded.name ELSE a.name END,
            kind = CASE WHEN excluded.version > a.version OR a.kind IS NULL THEN excluded.kind ELSE a.kind END,
            active = CASE WHEN excluded.version > a.version THEN excluded.active ELSE a.active END,
            version = greatest(a.version, excluded.version),
            updated_at = excluded.updated_at
        """;

    public Task ApplyAsync(NpgsqlTransaction transaction, ActorRegistered actor, CancellationToken cancellationToken) =>
        UpsertActorAsync(transaction, actor.ActorId, actor.Name, actor.Kind, actor.Active, 1, actor.OccurredAt, cancellationToken);

    public Task ApplyAsync(NpgsqlTransaction transaction, ActorUpdated actor, CancellationToken cancellationToken) =>
        UpsertActorAsync(transaction, actor.ActorId, actor.Name, actor.Kind, actor.Active, actor.Version, actor.OccurredAt, cancellationToken);

    /// <summary>Deactivation is final in the registry: it wins over any update, whatever order they arrive in.</summary>
    public async Task ApplyAsync(NpgsqlTransaction transaction, ActorDeactivated deactivated, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO actors AS a (id, name, kind, active, version, updated_at) VALUES ($1, NULL, NULL, false, $2, $3)
            ON CONFLICT (id) DO UPDATE SET active = false, version = greatest(a.version, excluded.version), updated_at = excluded.updated_at
            """, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = deactivated.ActorId });
        command.Parameters.Add(new NpgsqlParameter { Value = deactivated.Version ?? 0 });
        command.Parameters.Add(new NpgsqlParameter { Value = deactivated.OccurredAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ApplyAsync(NpgsqlTransaction transaction, Guid id, Guid companyActorId, string name, string municipalityCode, int version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO establishments AS e (id, company_actor_id, name, municipality_code, version) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (id) DO UPDATE SET company_actor_id = excluded.company_actor_id, name = excluded.name,
                municipality_code = excluded.municipality_code, version = excluded.version
            WHERE excluded.version > e.version
            """, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = companyActorId });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = municipalityCode });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ReplicaActor?> FindActorAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await FindActorsAsync(connection, null, [id], cancellationToken)).GetValueOrDefault(id);
    }

    /// <summary>
    /// The actors of <paramref name="ids"/> that the replica knows. Not locked: the replica follows the registry
    /// asynchronously anyway, and share-locking hot actor rows would serialise concurrent submissions.
    /// </summary>
    public static async Task<Dictionary<Guid, ReplicaActor>> FindActorsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, name, kind, active FROM actors WHERE id = ANY ($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        var actors = new Dictionary<Guid, ReplicaActor>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var actor = new ReplicaActor(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3));
            actors[actor.Id] = actor;
        }

        return actors;
    }

    public static async Task<HashSet<Guid>> FindEstablishmentsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id FROM establishments WHERE id = ANY ($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        var found = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetGuid(0));
        }

        return found;
    }

    /// <summary>
    /// Adds a 422 error for a submitter the replica does not know (or knows only as deactivated) and for an unknown
    /// establishment. Returns the submitting actor when it may submit.
    /// </summary>
    public static string? CheckSubmitter(
        ReplicaActor? actor, Guid actorId, Guid? establishmentId, ISet<Guid> knownEstablishments, ValidationErrors errors, Func<string, string> fieldName)
    {
        if (establishmentId is { } establishment && !knownEstablishments.Contains(establishment))
        {
            errors.UnknownReferences[fieldName("establishmentId")] = [$"Establishment {establishment} is not known."];
        }

        switch (actor)
        {
            case null or { Kind: null }:
                errors.UnknownReferences[fieldName("submittedByActorId")] = [$"Actor {actorId} is not known."];
                return null;
            case { Active: false }:
                errors.UnknownReferences[fieldName("submittedByActorId")] = [$"Actor {actorId} is deactivated and cannot submit needs."];
                return null;
            default:
                return actor.Kind;
        }
    }

    private async Task UpsertActorAsync(NpgsqlTransaction transaction, Guid id, string name, string kind, bool active, int version, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(UpsertActorSql, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = active });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
