using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Messaging.Outbox;

namespace Platform.ActorRegistry.Data;

/// <summary>The filter of an actor search; also what its total is remembered by (<see cref="ActorSearchTotals"/>).</summary>
public sealed record ActorQuery(string? Text, string? Kind, string? CountyCode, string? MunicipalityCode, bool? Active);

/// <summary>Actors in <c>actorsdb</c>; every change is written to the actor's history and enqueues its event in the same transaction.</summary>
public sealed class ActorStore(NpgsqlDataSource dataSource, Outbox outbox, ActorSearchTotals totals, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions HistoryJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private const string Columns = """
        id, name, kind, organisation_number, municipality_code, county_codes, website, contacts::text AS contacts, active,
        deactivation_reason, version, created_at, updated_at
        """;

    private const string SearchFilter = """
        WHERE (@text::text IS NULL OR search_name LIKE '%' || @text || '%' ESCAPE '\')
          AND (@kind::text IS NULL OR kind = @kind)
          AND (@county::text IS NULL OR @county = ANY (county_codes))
          AND (@municipality::text IS NULL OR municipality_code = @municipality)
          AND (@active::boolean IS NULL OR active = @active)
        """;

    private const string StampSql = "SELECT stamp FROM actor_change_stamp";

    /// <summary>
    /// One round trip in the usual case: the page (which can stop at the page's end walking the name index) and the
    /// actors' change stamp. The total comes from <see cref="ActorSearchTotals"/> when this filter was counted at that
    /// stamp; otherwise it is counted in the same statement that reads the stamp (one snapshot), a second round trip
    /// only when a remembered total turned out stale.
    /// </summary>
    public async Task<Platform.Client.Models.PagedResult<Actor>> SearchAsync(ActorQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var filter = query with { Text = Sql.EscapeLike(string.IsNullOrWhiteSpace(query.Text) ? null : ActorRules.SearchText(query.Text)) };
        var remembered = totals.TryGet(filter, out var rememberedStamp, out var total);

        await using var batch = dataSource.CreateBatch();
        var select = new NpgsqlBatchCommand($"SELECT {Columns} FROM actors {SearchFilter} ORDER BY name, id LIMIT @limit OFFSET @offset");
        AddFilterParameters(select.Parameters, filter);
        select.Parameters.AddWithValue("limit", page.PageSize);
        select.Parameters.AddWithValue("offset", page.Offset);
        batch.BatchCommands.Add(select);
        batch.BatchCommands.Add(remembered ? new NpgsqlBatchCommand(StampSql) : CountCommand(filter));

        var items = new List<Actor>(page.PageSize);
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
                total = RememberTotal(reader, filter);
                return new Platform.Client.Models.PagedResult<Actor>(items, total, page.Page, page.PageSize);
            }

            if (reader.Get<long>("stamp") == rememberedStamp)
            {
                return new Platform.Client.Models.PagedResult<Actor>(items, total, page.Page, page.PageSize);
            }
        }

        // Actors changed since the remembered total was counted.
        await using (var count = dataSource.CreateBatch())
        {
            count.BatchCommands.Add(CountCommand(filter));
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            total = RememberTotal(reader, filter);
        }

        return new Platform.Client.Models.PagedResult<Actor>(items, total, page.Page, page.PageSize);
    }

    private static NpgsqlBatchCommand CountCommand(ActorQuery filter)
    {
        var command = new NpgsqlBatchCommand($"SELECT s.stamp, (SELECT count(*) FROM actors {SearchFilter}) AS total FROM actor_change_stamp s");
        AddFilterParameters(command.Parameters, filter);
        return command;
    }

    /// <summary>The total of a <see cref="CountCommand"/>'s row, remembered with the stamp it was counted at.</summary>
    private long RememberTotal(NpgsqlDataReader row, ActorQuery filter)
    {
        var total = row.Get<long>("total");
        totals.Remember(row.Get<long>("stamp"), filter, total);
        return total;
    }

    private static void AddFilterParameters(NpgsqlParameterCollection parameters, ActorQuery query)
    {
        parameters.AddNullable("text", NpgsqlDbType.Text, query.Text);
        parameters.AddNullable("kind", NpgsqlDbType.Text, query.Kind);
        parameters.AddNullable("county", NpgsqlDbType.Text, query.CountyCode);
        parameters.AddNullable("municipality", NpgsqlDbType.Text, query.MunicipalityCode);
        parameters.AddNullable("active", NpgsqlDbType.Boolean, query.Active);
    }

    public async Task<Actor?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM actors WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await Sql.ReadSingleAsync(command, Read, cancellationToken);
    }

    /// <summary>A page of the actor's history, oldest first; null when the actor does not exist.</summary>
    public async Task<Platform.Client.Models.PagedResult<ActorHistoryEntry>?> HistoryAsync(Guid id, PageRequest page, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT EXISTS (SELECT 1 FROM actors WHERE id = @id) AS found") { Parameters = { new("id", id) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "SELECT at, by_caller, action, changes::text AS changes FROM actor_history WHERE actor_id = @id ORDER BY id LIMIT @limit OFFSET @offset")
        {
            Parameters = { new("id", id), new("limit", page.PageSize), new("offset", page.Offset) },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*) AS total FROM actor_history WHERE actor_id = @id") { Parameters = { new("id", id) } });

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.Get<bool>("found"))
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        var items = new List<ActorHistoryEntry>(page.PageSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new ActorHistoryEntry(
                reader.Get<DateTimeOffset>("at"), reader.Get<string>("by_caller"), reader.Get<string>("action"),
                JsonSerializer.Deserialize<JsonElement>(reader.Get<string>("changes"))));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Platform.Client.Models.PagedResult<ActorHistoryEntry>(items, reader.Get<long>("total"), page.Page, page.PageSize);
    }

    /// <summary>Registers the actor: created, or a conflict naming the actor that has its organisation number.</summary>
    public async Task<WriteResult<Actor>> CreateAsync(Guid id, ActorData data, Editor editor, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindByOrganisationNumberAsync(connection, transaction, data.OrganisationNumber, except: null, cancellationToken) is { } existing)
        {
            return DuplicateOrganisationNumber(data.OrganisationNumber, existing);
        }

        var now = timeProvider.GetUtcNow();
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO actors (id, name, search_name, kind, organisation_number, municipality_code, county_codes, website, contacts, created_at, updated_at)
            VALUES (@id, @name, @search_name, @kind, @organisation_number, @municipality_code, @county_codes, @website, @contacts, @now, @now)
            ON CONFLICT DO NOTHING
            RETURNING {Columns}
            """, connection, transaction);
        AddDataParameters(insert.Parameters, id, data, now);
        var actor = await Sql.ReadSingleAsync(insert, Read, cancellationToken);
        if (actor is null)
        {
            // Lost a race on the organisation number (or the id); the unique index decided.
            await transaction.RollbackAsync(cancellationToken);
            return DuplicateOrganisationNumber(data.OrganisationNumber,
                await FindByOrganisationNumberAsync(connection, null, data.OrganisationNumber, null, cancellationToken) ?? id);
        }

        await CommitAsync(transaction, actor, now, editor, ActorHistory.Registered, ActorHistory.Of(data), new ActorRegistered
        {
            ActorId = actor.Id, Name = actor.Name, Kind = actor.Kind, OrganisationNumber = actor.OrganisationNumber,
            MunicipalityCode = actor.MunicipalityCode, CountyCodes = actor.CountyCodes, Active = actor.Active, CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        return WriteResult.Created(actor);
    }

    /// <summary>
    /// Replaces the actor's data at <paramref name="expectedVersion"/> (any version when null), if
    /// <paramref name="editor"/> may (<see cref="ActorChanges.RefusalToChange"/>).
    /// </summary>
    public Task<WriteResult<Actor>> UpdateAsync(Guid id, int? expectedVersion, ActorData data, Editor editor, string? correlationId, CancellationToken cancellationToken) =>
        ChangeAsync(id, expectedVersion, current => ActorChanges.RefusalToChange(editor, ActorData.Of(current), data), async (transaction, current) =>
        {
            if (await FindByOrganisationNumberAsync(transaction.Connection!, transaction, data.OrganisationNumber, except: id, cancellationToken) is { } existing)
            {
                return DuplicateOrganisationNumber(data.OrganisationNumber, existing);
            }

            var now = timeProvider.GetUtcNow();
            await using var update = new NpgsqlCommand($"""
                UPDATE actors
                SET name = @name, search_name = @search_name, kind = @kind, organisation_number = @organisation_number,
                    municipality_code = @municipality_code, county_codes = @county_codes, website = @website, contacts = @contacts,
                    updated_at = @now, version = version + 1
                WHERE id = @id
                RETURNING {Columns}
                """, transaction.Connection, transaction);
            AddDataParameters(update.Parameters, id, data, now);
            var actor = (await Sql.ReadSingleAsync(update, Read, cancellationToken))!;
            await CommitAsync(transaction, actor, now, editor, ActorHistory.Updated, ActorHistory.Between(ActorData.Of(current), data), new ActorUpdated
            {
                ActorId = actor.Id, Name = actor.Name, Kind = actor.Kind, OrganisationNumber = actor.OrganisationNumber,
                MunicipalityCode = actor.MunicipalityCode, CountyCodes = actor.CountyCodes, Active = actor.Active, Version = actor.Version,
                CorrelationId = correlationId, OccurredAt = now,
            }, cancellationToken);
            return WriteResult.Updated(actor);
        }, cancellationToken);

    /// <summary>
    /// Deactivates the actor at <paramref name="expectedVersion"/> (any version when null), or reactivates it
    /// (<paramref name="active"/>), as <see cref="ActorChanges.SetActive"/> says.
    /// </summary>
    public Task<WriteResult<Actor>> SetActiveAsync(
        Guid id, bool active, int? expectedVersion, string? reason, Editor editor, string? correlationId, CancellationToken cancellationToken) =>
        ChangeAsync(id, expectedVersion, _ => null, async (transaction, current) =>
        {
            if (ActorChanges.SetActive(current.Active, active, reason) is not { } change)
            {
                return WriteResult.Updated(current);
            }

            var now = timeProvider.GetUtcNow();
            await using var update = new NpgsqlCommand($"""
                UPDATE actors SET active = @active, deactivation_reason = @reason, updated_at = @now, version = version + 1
                WHERE id = @id
                RETURNING {Columns}
                """, transaction.Connection, transaction);
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("active", change.Active);
            update.Parameters.AddNullable("reason", NpgsqlDbType.Text, change.DeactivationReason);
            update.Parameters.AddWithValue("now", now);
            var actor = (await Sql.ReadSingleAsync(update, Read, cancellationToken))!;
            IIntegrationEvent changed = change.Active
                ? new ActorReactivated { ActorId = id, Reason = reason, Version = actor.Version, CorrelationId = correlationId, OccurredAt = now }
                : new ActorDeactivated { ActorId = id, Reason = reason, Version = actor.Version, CorrelationId = correlationId, OccurredAt = now };
            await CommitAsync(transaction, actor, now, editor, change.HistoryAction, ActorHistory.Reason(reason), changed, cancellationToken);
            return WriteResult.Updated(actor);
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> on the actor, locked until the transaction ends so that the version checked is the
    /// version changed. Before, in this order: not found; forbidden when <paramref name="refusal"/> gives a reason (a
    /// request refused without its <c>If-Match</c> is refused with it, RFC 9110 13.2.1); stale unless the actor is at
    /// <paramref name="expectedVersion"/> (any version when null).
    /// </summary>
    private async Task<WriteResult<Actor>> ChangeAsync(
        Guid id, int? expectedVersion, Func<Actor, string?> refusal, Func<NpgsqlTransaction, Actor, Task<WriteResult<Actor>>> change,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = new NpgsqlCommand($"SELECT {Columns} FROM actors WHERE id = @id FOR UPDATE", connection, transaction);
        select.Parameters.AddWithValue("id", id);
        var current = await Sql.ReadSingleAsync(select, Read, cancellationToken);
        if (current is null)
        {
            return WriteResult.NotFound<Actor>();
        }

        if (refusal(current) is { } reason)
        {
            return WriteResult.Forbidden<Actor>(reason);
        }

        return expectedVersion is { } expected && expected != current.Version ? WriteResult.Stale(current) : await change(transaction, current);
    }

    /// <summary>Records the change in the actor's history, enqueues its event and commits both with the change.</summary>
    private async Task CommitAsync(
        NpgsqlTransaction transaction, Actor actor, DateTimeOffset at, Editor editor, string action, Dictionary<string, object?> changes,
        IIntegrationEvent changed, CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO actor_history (actor_id, at, by_caller, action, changes) VALUES (@actor_id, @at, @by_caller, @action, @changes)",
            transaction.Connection, transaction))
        {
            insert.Parameters.AddWithValue("actor_id", actor.Id);
            insert.Parameters.AddWithValue("at", at);
            insert.Parameters.AddWithValue("by_caller", editor.Name);
            insert.Parameters.AddWithValue("action", action);
            insert.Parameters.AddWithValue("changes", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(changes, HistoryJson));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await outbox.EnqueueAsync(transaction, changed, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
    }

    private static WriteResult<Actor> DuplicateOrganisationNumber(string? organisationNumber, Guid existingActorId) =>
        WriteResult.Conflict<Actor>(
            "An actor with this organisation number exists.",
            $"Organisation number {organisationNumber} belongs to actor {existingActorId}.",
            extensions: new Dictionary<string, object?> { ["existingActorId"] = existingActorId, ["organisationNumber"] = organisationNumber });

    private static async Task<Guid?> FindByOrganisationNumberAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string? organisationNumber, Guid? except, CancellationToken cancellationToken)
    {
        if (organisationNumber is null)
        {
            return null;
        }

        await using var command = new NpgsqlCommand(
            "SELECT id FROM actors WHERE organisation_number = @organisation_number AND (@except::uuid IS NULL OR id <> @except)", connection, transaction);
        command.Parameters.AddWithValue("organisation_number", organisationNumber);
        command.Parameters.AddNullable("except", NpgsqlDbType.Uuid, except);
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    private static void AddDataParameters(NpgsqlParameterCollection parameters, Guid id, ActorData data, DateTimeOffset now)
    {
        parameters.AddWithValue("id", id);
        parameters.AddWithValue("name", data.Name);
        parameters.AddWithValue("search_name", data.SearchName);
        parameters.AddWithValue("kind", data.Kind);
        parameters.AddNullable("organisation_number", NpgsqlDbType.Text, data.OrganisationNumber);
        parameters.AddNullable("municipality_code", NpgsqlDbType.Text, data.MunicipalityCode);
        parameters.AddWithValue("county_codes", data.CountyCodes.ToArray());
        parameters.AddNullable("website", NpgsqlDbType.Text, data.Website);
        parameters.AddWithValue("contacts", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(data.Contacts, Json));
        parameters.AddWithValue("now", now);
    }

    private static Actor Read(NpgsqlDataReader row) => new(
        row.Get<Guid>("id"),
        row.Get<string>("name"),
        row.Get<string>("kind"),
        row.GetStringOrNull("organisation_number"),
        row.GetStringOrNull("municipality_code"),
        row.Get<string[]>("county_codes"),
        row.GetStringOrNull("website"),
        JsonSerializer.Deserialize<List<Contact>>(row.Get<string>("contacts"), Json) ?? [],
        row.Get<bool>("active"),
        row.GetStringOrNull("deactivation_reason"),
        row.Get<int>("version"),
        row.Get<DateTimeOffset>("created_at"),
        row.Get<DateTimeOffset>("updated_at"));
}
