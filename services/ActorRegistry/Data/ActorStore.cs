using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.ActorRegistry.Domain;
using Platform.Messaging.Data;
using Platform.Contracts.Actors;
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
    DateTimeOffset UpdatedAt);

public sealed record ActorQuery(string? Text, string? Kind, string? CountyCode, string? MunicipalityCode, bool? Active);

public enum WriteOutcome
{
    Done,
    NotFound,
    Stale,
    DuplicateOrganisationNumber,
}

public sealed record WriteResult(WriteOutcome Outcome, ActorResponse? Actor = null, Guid? ExistingActorId = null);

/// <summary>Actors in <c>actorsdb</c>; every change enqueues its event in the same transaction.</summary>
public sealed class ActorStore(NpgsqlDataSource dataSource, Outbox outbox, ActorSearchTotals totals, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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

    public async Task<WriteResult> CreateAsync(Guid id, ActorData data, string? correlationId, CancellationToken cancellationToken)
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

    public async Task<WriteResult> UpdateAsync(Guid id, int? expectedVersion, ActorData data, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindByOrganisationNumberAsync(connection, transaction, data.OrganisationNumber, except: id, cancellationToken) is { } existing)
        {
            return new WriteResult(WriteOutcome.DuplicateOrganisationNumber, ExistingActorId: existing);
        }

        var now = timeProvider.GetUtcNow();
        await using var update = new NpgsqlCommand($"""
            UPDATE actors
            SET name = $2, search_name = $3, kind = $4, organisation_number = $5, municipality_code = $6,
                county_codes = $7, website = $8, contacts = $9, updated_at = $10, version = version + 1
            WHERE id = $1 AND ($11::integer IS NULL OR version = $11)
            RETURNING {Columns}
            """, connection, transaction);
        AddDataParameters(update, id, data);
        update.Parameters.Add(new NpgsqlParameter { Value = now });
        update.Parameters.Add(Sql.Nullable(expectedVersion, NpgsqlDbType.Integer));
        var actor = await ReadSingleAsync(update, cancellationToken);
        if (actor is null)
        {
            return await MissOutcomeAsync(connection, transaction, id, cancellationToken);
        }

        await outbox.EnqueueAsync(transaction, Updated(actor, correlationId, now), cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return new WriteResult(WriteOutcome.Done, actor);
    }

    public async Task<WriteResult> DeactivateAsync(Guid id, int? expectedVersion, string? reason, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        await using var update = new NpgsqlCommand($"""
            UPDATE actors
            SET active = false, deactivation_reason = $2, updated_at = $3, version = version + 1
            WHERE id = $1 AND active AND ($4::integer IS NULL OR version = $4)
            RETURNING {Columns}
            """, connection, transaction);
        update.Parameters.Add(new NpgsqlParameter { Value = id });
        update.Parameters.Add(Sql.Nullable(reason, NpgsqlDbType.Text));
        update.Parameters.Add(new NpgsqlParameter { Value = now });
        update.Parameters.Add(Sql.Nullable(expectedVersion, NpgsqlDbType.Integer));
        var actor = await ReadSingleAsync(update, cancellationToken);
        if (actor is null)
        {
            var current = await GetAsync(id, cancellationToken);
            return current switch
            {
                null => new WriteResult(WriteOutcome.NotFound),
                { Active: false } when expectedVersion is null || expectedVersion == current.Version => new WriteResult(WriteOutcome.Done, current),
                _ => new WriteResult(WriteOutcome.Stale, current),
            };
        }

        await outbox.EnqueueAsync(transaction, new ActorDeactivated { ActorId = id, Reason = reason, Version = actor.Version, CorrelationId = correlationId, OccurredAt = now }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return new WriteResult(WriteOutcome.Done, actor);
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

    private async Task<WriteResult> MissOutcomeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM actors WHERE id = $1", connection, transaction) { Parameters = { new() { Value = id } } };
        return await exists.ExecuteScalarAsync(cancellationToken) is null
            ? new WriteResult(WriteOutcome.NotFound)
            : new WriteResult(WriteOutcome.Stale);
    }

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
