using System.Data;
using Npgsql;
using NpgsqlTypes;
using Platform.ActorDirectory;
using Platform.ServiceDefaults.Http;

namespace Platform.NeedsIntake.Data;

/// <summary>
/// The registry's establishments as needs-intake knows them, only from consumed events (ordered by version), and the
/// check of a submitter against them and the actor directory.
/// </summary>
public static class EstablishmentReplica
{
    public static async Task ApplyAsync(NpgsqlTransaction transaction, Guid id, Guid companyActorId, string name, string municipalityCode, int version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO establishments AS e (id, company_actor_id, name, municipality_code, version) VALUES (@id, @companyActorId, @name, @municipalityCode, @version)
            ON CONFLICT (id) DO UPDATE SET company_actor_id = excluded.company_actor_id, name = excluded.name,
                municipality_code = excluded.municipality_code, version = excluded.version
            WHERE excluded.version > e.version
            """, transaction.Connection, transaction);
        command.Parameters.Add(new("id", id));
        command.Parameters.Add(new("companyActorId", companyActorId));
        command.Parameters.Add(new("name", name));
        command.Parameters.Add(new("municipalityCode", municipalityCode));
        command.Parameters.Add(new("version", version));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<HashSet<Guid>> FindEstablishmentsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id FROM establishments WHERE id = ANY (@ids)", connection, transaction);
        command.Parameters.Add(new("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() });
        var found = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetGuid("id"));
        }

        return found;
    }

    /// <summary>
    /// Adds a 422 error for a submitter the replica does not know (or knows only as deactivated) and for an unknown
    /// establishment. Returns the submitting actor when it may submit.
    /// </summary>
    public static string? CheckSubmitter(
        KnownActor? actor, Guid actorId, Guid? establishmentId, ISet<Guid> knownEstablishments, ValidationErrors errors, Func<string, string> fieldName)
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
}
