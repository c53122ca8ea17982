using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Platform.ActorRegistry.Domain;
using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Messaging.Data;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Http;

namespace Platform.ActorRegistry.Data;

public sealed record ActorResponse(
    Guid Id,
    string Name,
    string Kind,
    string? OrganisationNumber,
    string? MunicipalityCode,
    IReadOnlyList<string> CountyCodes,
    string? Website,
    IReadOnlyList<Contact> Contacts,
    bool Active,
    string? DeactivationReason,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The actor's data as a request would give it, to compare with an update.</summary>
    public ActorData ToData() => new(Name, Kind, OrganisationNumber, MunicipalityCode, CountyCodes, Website, Contacts);

    /// <summary>The actor as <paramref name="user"/> may see it: contact e-mail and phone only for coordinators and the actor's own users.</summary>
    public ActorResponse For(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ContactPrivacy.MaySeeDetails(user.IsCoordinator(), user.ActorId(), Id) ? this : this with { Contacts = ContactPrivacy.NamesAndRoles(Contacts) };
    }
}

/// <summary>One change of an actor (<c>GET /api/actors/{id}/history</c>).</summary>
public sealed record ActorHistoryEntry(DateTimeOffset At, string By, string Action, JsonElement Changes);

public sealed record ActorQuery(string? Text, string? Kind, string? CountyCode, string? MunicipalityCode, bool? Active);

public enum WriteOutcome
{
    Done,
    NotFound,
    Stale,
    DuplicateOrganisationNumber,
}

public sealed record WriteResult(WriteOutcome Outcome, ActorResponse? Actor = null, Guid? ExistingActorId = null);

/// <summary>Actors in <c>actorsdb</c>; every change is written to the actor's history and enqueues its event in the same transaction.</summary>
public sealed class ActorStore(NpgsqlDataSource dataSource, Outbox outbox, ActorSearchTotals totals, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions HistoryJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private const string Columns = """
        id, name, kind, organisation_number, municipality_code, county_codes, website, contacts::text, active,
        deactivation_reason, version, created_at, updated_at
        """;

    private const string SearchFilter = """
        WHERE ($1::text IS NULL OR search_name LIKE '%' || $1 || '%' ESCAPE '\')
          AND ($2::text IS NULL OR kind = $2)
          AND ($3::text IS NULL OR $3 = ANY (county_codes))
          AND ($4::text IS NULL OR municipality_code = $4)
          AND ($5::boolean IS NULL OR active = $5)
        """;

    /// <summary>
    /// One round trip in the usual case: the page (which can stop at the page's end walking the name index) and the
    /// actors' change stamp. The total comes from <see cref="ActorSearchTotals"/> when this filter was counted at that
    /// stamp; otherwise it is counted in the same statement that reads the stamp (one snapshot), a second round trip
    /// only when a remembered total turned out stale.
    /// </summary>
    public async Task<PagedResult<ActorResponse>> SearchAsync(ActorQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var filter = query with { Text = Sql.EscapeLike(string.IsNullOrWhiteSpace(query.Text) ? null : ActorRules.SearchText(query.Text)) };
        var remembered = totals.TryGet(filter, out var rememberedStamp, out var total);

        await using var batch = dataSource.CreateBatch();
        var select = new NpgsqlBatchCommand($"SELECT {Columns} FROM actors {SearchFilter} ORDER BY name, id LIMIT $6 OFFSET $7");
        AddFilterParameters(select.Parameters, filter);
        select.Parameters.Add(Sql.Value(page.PageSize));
        select.Parameters.Add(Sql.Value(page.Offset));
        batch.BatchCommands.Add(select);
        batch.BatchCommands.Add(remembered ? new NpgsqlBatchCommand(StampSql) : CountCommand(filter));

        var items = new List<ActorResponse>(page.PageSize);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(Read(reader));
            }

            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!remembered)
            {
                total = reader.GetInt64(1);
                totals.Remember(reader.GetInt64(0), filter, total);
                return new PagedResult<ActorResponse>(items, total, page.Page, page.PageSize);
            }

            if (reader.GetInt64(0) == rememberedStamp)
            {
                return new PagedResult<ActorResponse>(items, total, page.Page, page.PageSize);
            }
        }

        // Actors changed since the remembered total was counted.
        await using (var count = dataSource.CreateBatch())
        {
            count.BatchCommands.Add(CountCommand(filter));
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            total = reader.GetInt64(1);
            totals.Remember(reader.GetInt64(0), filter, total);
        }

        return new PagedResult<ActorResponse>(items, total, page.Page, page.PageSize);
    }

    private const string StampSql = "SELECT stamp FROM actor_change_stamp";

    private static NpgsqlBatchCommand CountCommand(ActorQuery filter)
    {
        var command = new NpgsqlBatchCommand($"SELECT s.stamp, (SELECT count(*) FROM actors {SearchFilter}) FROM actor_change_stamp s");
        AddFilterParameters(command.Parameters, filter);
        return command;
    }

    private static void AddFilterParameters(NpgsqlParameterCollection parameters, ActorQuery query)
    {
        parameters.Add(Sql.Nullable(query.Text, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.Kind, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.CountyCode, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.MunicipalityCode, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.Active, NpgsqlDbType.Boolean));
    }

    public async Task<ActorResponse?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM actors WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>A page of the actor's history, oldest first; null when the actor does not exist.</summary>
    public async Task<PagedResult<ActorHistoryEntry>?> HistoryAsync(Guid id, PageRequest page, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*) FROM actors WHERE id = $1") { Parameters = { Sql.Value(id) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT at, by_caller, action, changes::text FROM actor_history WHERE actor_id = $1 ORDER BY id LIMIT $2 OFFSET $3")
        {
            Parameters = { Sql.Value(id), Sql.Value(page.PageSize), Sql.Value(page.Offset) },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*) FROM actor_history WHERE actor_id = $1") { Parameters = { Sql.Value(id) } });

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetInt64(0) == 0)
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        var items = new List<ActorHistoryEntry>(page.PageSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new ActorHistoryEntry(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), JsonSerializer.Deserialize<JsonElement>(reader.GetString(3))));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PagedResult<ActorHistoryEntry>(items, reader.GetInt64(0), page.Page, page.PageSize);
    }

    public async Task<WriteResult> CreateAsync(Guid id, ActorData data, string caller, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindByOrganisationNumberAsync(connection, transaction, data.OrganisationNumber, except: null, cancellationToken) is { } existing)
        {
            return new WriteResult(WriteOutcome.DuplicateOrganisationNumber, ExistingActorId: existing);
        }

        var now = timeProvider.GetUtcNow();
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO actors (id, name, search_name, kind, organisation_number, municipality_code, county_codes, website, contacts, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
            ON CONFLICT DO NOTHING
            RETURNING {Columns}
            """, connection, transaction);
        AddDataParameters(insert, id, data);
        insert.Parameters.Add(new NpgsqlParameter { Value = now });
        var actor = await ReadSingleAsync(insert, cancellationToken);
        if (actor is null)
        {
            // Lost a race on the organisation number (or the id); the unique index decided.
            await transaction.RollbackAsync(cancellationToken);
            return new WriteResult(WriteOutcome.DuplicateOrganisationNumber,
                ExistingActorId: await FindByOrganisationNumberAsync(connection, null, data.OrganisationNumber, null, cancellationToken) ?? id);
        }

        await RecordAsync(transaction, actor.Id, now, caller, ActorHistory.Registered, ActorHistory.Of(data), cancellationToken);
        await outbox.EnqueueAsync(transaction, new ActorRegistered
        {
            ActorId = actor.Id,
            Name = actor.Name,
            Kind = actor.Kind,
            OrganisationNumber = actor.OrganisationNumber,
            MunicipalityCode = actor.MunicipalityCode,
            CountyCodes = actor.CountyCodes,
            Active = actor.Active,
            CorrelationId = correlationId,
            OccurredAt = now,
        }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return new WriteResult(WriteOutcome.Done, actor);
    }

    public async Task<WriteResult> UpdateAsync(Guid id, int? expectedVersion, ActorData data, string caller, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(transaction, id, cancellationToken);
        if (current is null)
        {
            return new WriteResult(WriteOutcome.NotFound);
        }

        if (expectedVersion is { } expected && expected != current.Version)
        {
            return new WriteResult(WriteOutcome.Stale, current);
        }

        if (await FindByOrganisationNumberAsync(connection, transaction, data.OrganisationNumber, except: id, cancellationToken) is { } existing)
        {
            return new WriteResult(WriteOutcome.DuplicateOrganisationNumber, ExistingActorId: existing);
        }

        var now = timeProvider.GetUtcNow();
        await using var update = new NpgsqlCommand($"""
            UPDATE actors
            SET name = $2, search_name = $3, kind = $4, organisation_number = $5, municipality_code = $6,
                county_codes = $7, website = $8, contacts = $9, updated_at = $10, version = version + 1
            WHERE id = $1
            RETURNING {Columns}
            """, connection, transaction);
        AddDataParameters(update, id, data);
        update.Parameters.Add(new NpgsqlParameter { Value = now });
        var actor = (await ReadSingleAsync(update, cancellationToken))!;
        await RecordAsync(transaction, id, now, caller, ActorHistory.Updated, ActorHistory.Between(current.ToData(), data), cancellationToken);
        await outbox.EnqueueAsync(transaction, Updated(actor, correlationId, now), cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return new WriteResult(WriteOutcome.Done, actor);
    }

    public Task<WriteResult> DeactivateAsync(Guid id, int? expectedVersion, string? reason, string caller, string? correlationId, CancellationToken cancellationToken) =>
        SetActiveAsync(id, active: false, expectedVersion, reason, caller, correlationId, cancellationToken);

    public Task<WriteResult> ReactivateAsync(Guid id, int? expectedVersion, string? reason, string caller, string? correlationId, CancellationToken cancellationToken) =>
        SetActiveAsync(id, active: true, expectedVersion, reason, caller, correlationId, cancellationToken);

    /// <summary>
    /// Deactivates or reactivates the actor at <paramref name="expectedVersion"/> (any version when null). An actor
    /// already in that state is answered as it is, without a new version, history entry or event.
    /// </summary>
    private async Task<WriteResult> SetActiveAsync(Guid id, bool active, int? expectedVersion, string? reason, string caller, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(transaction, id, cancellationToken);
        if (current is null)
        {
            return new WriteResult(WriteOutcome.NotFound);
        }

        if (expectedVersion is { } expected && expected != current.Version)
        {
            return new WriteResult(WriteOutcome.Stale, current);
        }

        if (current.Active == active)
        {
            return new WriteResult(WriteOutcome.Done, current);
        }

        var now = timeProvider.GetUtcNow();
        await using var update = new NpgsqlCommand($"""
            UPDATE actors SET active = $2, deactivation_reason = $3, updated_at = $4, version = version + 1
            WHERE id = $1
            RETURNING {Columns}
            """, connection, transaction);
        update.Parameters.Add(Sql.Value(id));
        update.Parameters.Add(Sql.Value(active));
        update.Parameters.Add(Sql.Nullable(active ? null : reason, NpgsqlDbType.Text));
        update.Parameters.Add(Sql.Value(now));
        var actor = (await ReadSingleAsync(update, cancellationToken))!;

        await RecordAsync(transaction, id, now, caller, active ? ActorHistory.Reactivated : ActorHistory.Deactivated, ActorHistory.Reason(reason), cancellationToken);
        IIntegrationEvent change = active
            ? new ActorReactivated { ActorId = id, Reason = reason, Version = actor.Version, CorrelationId = correlationId, OccurredAt = now }
            : new ActorDeactivated { ActorId = id, Reason = reason, Version = actor.Version, CorrelationId = correlationId, OccurredAt = now };
        await outbox.EnqueueAsync(transaction, change, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return new WriteResult(WriteOutcome.Done, actor);
    }

    /// <summary>The actor, locked until the transaction ends, so the version checked is the version changed.</summary>
    private static async Task<ActorResponse?> LockAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"SELECT {Columns} FROM actors WHERE id = $1 FOR UPDATE", transaction.Connection, transaction) { Parameters = { Sql.Value(id) } };
        return await ReadSingleAsync(select, cancellationToken);
    }

    private static async Task RecordAsync(NpgsqlTransaction transaction, Guid actorId, DateTimeOffset at, string caller, string action, Dictionary<string, object?> changes, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO actor_history (actor_id, at, by_caller, action, changes) VALUES ($1, $2, $3, $4, $5)", transaction.Connection, transaction)
        {
            Parameters =
            {
                Sql.Value(actorId), Sql.Value(at), Sql.Value(caller), Sql.Value(action),
                new() { Value = JsonSerializer.Serialize(changes, HistoryJson), NpgsqlDbType = NpgsqlDbType.Jsonb },
            },
        };
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ActorUpdated Updated(ActorResponse actor, string? correlationId, DateTimeOffset now) => new()
    {
        ActorId = actor.Id,
        Name = actor.Name,
        Kind = actor.Kind,
        OrganisationNumber = actor.OrganisationNumber,
        MunicipalityCode = actor.MunicipalityCode,
        CountyCodes = actor.CountyCodes,
        Active = actor.Active,
        Version = actor.Version,
        CorrelationId = correlationId,
        OccurredAt = now,
    };

    private static async Task<Guid?> FindByOrganisationNumberAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string? organisationNumber, Guid? except, CancellationToken cancellationToken)
    {
        if (organisationNumber is null)
        {
            return null;
        }

        await using var command = new NpgsqlCommand("SELECT id FROM actors WHERE organisation_number = $1 AND ($2::uuid IS NULL OR id <> $2)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = organisationNumber });
        command.Parameters.Add(Sql.Nullable(except, NpgsqlDbType.Uuid));
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    private static void AddDataParameters(NpgsqlCommand command, Guid id, ActorData data)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = data.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = data.SearchName });
        command.Parameters.Add(new NpgsqlParameter { Value = data.Kind });
        command.Parameters.Add(Sql.Nullable(data.OrganisationNumber, NpgsqlDbType.Text));
        command.Parameters.Add(Sql.Nullable(data.MunicipalityCode, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter { Value = data.CountyCodes.ToArray() });
        command.Parameters.Add(Sql.Nullable(data.Website, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(data.Contacts, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
    }

    private static async Task<ActorResponse?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ActorResponse Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetFieldValue<string[]>(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        JsonSerializer.Deserialize<List<Contact>>(reader.GetString(7), Json) ?? [],
        reader.GetBoolean(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.GetInt32(10),
        reader.GetFieldValue<DateTimeOffset>(11),
        reader.GetFieldValue<DateTimeOffset>(12));
}
