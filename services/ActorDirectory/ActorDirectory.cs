using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.Actors;

namespace Platform.ActorDirectory;

public sealed record KnownActor(Guid Id, string? Name, string? Kind, bool Active)
{
    /// <summary>Registered (not only heard of through an early deactivation) and not deactivated.</summary>
    public bool IsActive => Kind is not null && Active;
}

/// <summary>
/// The registry's actors as a service knows them: only from consumed events, never by calling the registry.
/// Versions order the events, so a late or duplicated one never undoes a newer state, whatever order updates,
/// deactivations and reactivations arrive in; <c>updated_at</c> is the newest event's time, so consumers running
/// concurrently and a replay of the same events in log order leave the same row.
/// </summary>
public sealed class ActorDirectory(NpgsqlDataSource dataSource)
{
    private const string UpsertSql = """
        INSERT INTO actors AS a (id, name, kind, municipality_code, county_codes, active, version, updated_at)
        VALUES (@id, @name, @kind, @municipality_code, @county_codes, @active, @version, @at)
        ON CONFLICT (id) DO UPDATE SET
            name = CASE WHEN excluded.version > a.version OR a.kind IS NULL THEN excluded.name ELSE a.name END,
            kind = CASE WHEN excluded.version > a.version OR a.kind IS NULL THEN excluded.kind ELSE a.kind END,
            municipality_code = CASE WHEN excluded.version > a.version OR a.kind IS NULL THEN excluded.municipality_code ELSE a.municipality_code END,
            county_codes = CASE WHEN excluded.version > a.version OR a.kind IS NULL THEN excluded.county_codes ELSE a.county_codes END,
            active = CASE WHEN excluded.version > a.version THEN excluded.active ELSE a.active END,
            version = greatest(a.version, excluded.version),
            updated_at = greatest(a.updated_at, excluded.updated_at)
        """;

    public static Task ApplyAsync(NpgsqlTransaction transaction, ActorRegistered actor, CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, Command(actor), cancellationToken);

    public static Task ApplyAsync(NpgsqlTransaction transaction, ActorUpdated actor, CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, Command(actor), cancellationToken);

    public static Task ApplyAsync(NpgsqlTransaction transaction, ActorDeactivated deactivated, CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, Command(deactivated), cancellationToken);

    public static Task ApplyAsync(NpgsqlTransaction transaction, ActorReactivated reactivated, CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, Command(reactivated), cancellationToken);

    /// <summary>The upsert of a registration, as a command of the caller's batch.</summary>
    public static NpgsqlBatchCommand Command(ActorRegistered actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Upsert(actor.ActorId, actor.Name, actor.Kind, actor.MunicipalityCode, actor.CountyCodes, actor.Active, 1, actor.OccurredAt);
    }

    public static NpgsqlBatchCommand Command(ActorUpdated actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Upsert(actor.ActorId, actor.Name, actor.Kind, actor.MunicipalityCode, actor.CountyCodes, actor.Active, actor.Version, actor.OccurredAt);
    }

    /// <summary>
    /// A deactivation wins over older versions only, so a later reactivation stands. One without a version comes from
    /// a registry that could not reactivate, where deactivation was final: it wins over any version.
    /// </summary>
    public static NpgsqlBatchCommand Command(ActorDeactivated deactivated)
    {
        ArgumentNullException.ThrowIfNull(deactivated);
        return SetActive(deactivated.ActorId, false, deactivated.Version, deactivated.OccurredAt);
    }

    public static NpgsqlBatchCommand Command(ActorReactivated reactivated)
    {
        ArgumentNullException.ThrowIfNull(reactivated);
        return SetActive(reactivated.ActorId, true, reactivated.Version, reactivated.OccurredAt);
    }

    /// <summary>
    /// Sets <c>active</c> when <paramref name="version"/> is newer than the row's (always when null). A row that does
    /// not exist yet is created without name and kind, which its registration fills in when it arrives.
    /// </summary>
    private static NpgsqlBatchCommand SetActive(Guid id, bool active, int? version, DateTimeOffset at) => new("""
        INSERT INTO actors AS a (id, name, kind, active, version, updated_at) VALUES (@id, NULL, NULL, @active, coalesce(@version, 0), @at)
        ON CONFLICT (id) DO UPDATE SET
            active = CASE WHEN @version::integer IS NULL OR excluded.version > a.version THEN excluded.active ELSE a.active END,
            version = greatest(a.version, excluded.version),
            updated_at = greatest(a.updated_at, excluded.updated_at)
        """)
    {
        Parameters =
        {
            new("id", id), new("active", active), new("version", NpgsqlDbType.Integer) { Value = (object?)version ?? DBNull.Value }, new("at", at),
        },
    };

    public async Task<KnownActor?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await FindAsync(connection, null, [id], cancellationToken)).GetValueOrDefault(id);
    }

    /// <summary>
    /// The actors of <paramref name="ids"/> that are known. Not locked: the directory follows the registry
    /// asynchronously anyway, and share-locking hot actor rows would serialise concurrent writers.
    /// </summary>
    public static async Task<Dictionary<Guid, KnownActor>> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, name, kind, active FROM actors WHERE id = ANY (@ids)", connection, transaction)
        {
            Parameters = { new("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() } },
        };
        var actors = new Dictionary<Guid, KnownActor>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        int id = reader.GetOrdinal("id"), name = reader.GetOrdinal("name"), kind = reader.GetOrdinal("kind"), active = reader.GetOrdinal("active");
        while (await reader.ReadAsync(cancellationToken))
        {
            var actor = new KnownActor(
                reader.GetGuid(id), reader.IsDBNull(name) ? null : reader.GetString(name), reader.IsDBNull(kind) ? null : reader.GetString(kind), reader.GetBoolean(active));
            actors[actor.Id] = actor;
        }

        return actors;
    }

    private static NpgsqlBatchCommand Upsert(
        Guid id, string name, string kind, string? municipalityCode, IReadOnlyList<string> countyCodes, bool active, int version, DateTimeOffset at) => new(UpsertSql)
    {
        Parameters =
        {
            new("id", id), new("name", name), new("kind", kind), new("municipality_code", NpgsqlDbType.Text) { Value = (object?)municipalityCode ?? DBNull.Value },
            new("county_codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = countyCodes.ToArray() }, new("active", active), new("version", version), new("at", at),
        },
    };

    private static async Task ExecuteAsync(NpgsqlTransaction transaction, NpgsqlBatchCommand command, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction) { BatchCommands = { command } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
