using Platform.Contracts.Actors;
using Platform.Messaging.Outbox;

namespace Platform.ActorRegistry.Data;

public sealed record EstablishmentQuery(string? Text, string? MunicipalityCode, string? CountyCode, string? Phase, Guid? CompanyActorId);

/// <summary>Establishments (företagsetableringar) of company actors, with the history of their phases.</summary>
public sealed class EstablishmentStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider timeProvider)
{
    private const string Columns = """
        e.id, e.company_actor_id, e.name, e.sector, e.municipality_code, m.county_code, e.investment_sek, e.expected_jobs,
        e.phase, e.announced_on, e.expected_operation_on, e.version, e.created_at, e.updated_at
        """;

    private const string From = "FROM establishments e JOIN municipalities m ON m.code = e.municipality_code";

    public async Task<Platform.Client.Models.PagedResult<Establishment>> SearchAsync(EstablishmentQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}, count(*) OVER () AS total {From}
            WHERE (@text::text IS NULL OR e.search_name LIKE '%' || @text || '%')
              AND (@municipality::text IS NULL OR e.municipality_code = @municipality)
              AND (@county::text IS NULL OR m.county_code = @county)
              AND (@phase::text IS NULL OR e.phase = @phase)
              AND (@company::uuid IS NULL OR e.company_actor_id = @company)
            ORDER BY e.name, e.id
            LIMIT @limit OFFSET @offset
            """);
        command.Parameters.AddNullable("text", NpgsqlDbType.Text, Sql.EscapeLike(string.IsNullOrWhiteSpace(query.Text) ? null : ActorRules.SearchText(query.Text)));
        command.Parameters.AddNullable("municipality", NpgsqlDbType.Text, query.MunicipalityCode);
        command.Parameters.AddNullable("county", NpgsqlDbType.Text, query.CountyCode);
        command.Parameters.AddNullable("phase", NpgsqlDbType.Text, query.Phase);
        command.Parameters.AddNullable("company", NpgsqlDbType.Uuid, query.CompanyActorId);
        command.Parameters.AddWithValue("limit", page.PageSize);
        command.Parameters.AddWithValue("offset", page.Offset);
        return await command.ReadPageAsync(page, Read, cancellationToken);
    }

    public async Task<Establishment?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    /// <summary>Registers the establishment of an active company (422 naming <c>companyActorId</c> otherwise).</summary>
    public async Task<WriteResult<Establishment>> CreateAsync(Guid id, EstablishmentData data, string changedBy, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await RefusalOfCompanyAsync(transaction, data.CompanyActorId, cancellationToken) is { } refusal)
        {
            return WriteResult.UnknownReference<Establishment>("companyActorId", refusal);
        }

        var now = timeProvider.GetUtcNow();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO establishments (id, company_actor_id, name, search_name, sector, municipality_code, investment_sek, expected_jobs,
                                        phase, announced_on, expected_operation_on, created_at, updated_at)
            VALUES (@id, @company_actor_id, @name, @search_name, @sector, @municipality_code, @investment_sek, @expected_jobs,
                    @phase, @announced_on, @expected_operation_on, @now, @now)
            """, connection, transaction))
        {
            AddData(insert.Parameters, id, data, now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await RecordPhaseAsync(transaction, id, current: null, data.Phase, now, changedBy, cancellationToken);
        var establishment = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await outbox.EnqueueAsync(transaction, new EstablishmentRegistered
        {
            EstablishmentId = id, CompanyActorId = data.CompanyActorId, Name = data.Name, Sector = data.Sector,
            MunicipalityCode = data.MunicipalityCode, CountyCode = data.CountyCode, InvestmentSek = data.InvestmentSek,
            ExpectedJobs = data.ExpectedJobs, Phase = data.Phase, CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Created(establishment);
    }

    /// <summary>Replaces the establishment's data at <paramref name="expectedVersion"/> (any version when null); a new phase enters its history.</summary>
    public async Task<WriteResult<Establishment>> UpdateAsync(
        Guid id, int? expectedVersion, EstablishmentData data, string changedBy, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await GetAsync(connection, transaction, id, cancellationToken, forUpdate: true);
        if (current is null)
        {
            return WriteResult.NotFound<Establishment>();
        }

        if (expectedVersion is { } expected && current.Version != expected)
        {
            return WriteResult.Stale(current);
        }

        if (await RefusalOfCompanyAsync(transaction, data.CompanyActorId, cancellationToken) is { } refusal)
        {
            return WriteResult.UnknownReference<Establishment>("companyActorId", refusal);
        }

        var now = timeProvider.GetUtcNow();
        await using (var update = new NpgsqlCommand("""
            UPDATE establishments
            SET company_actor_id = @company_actor_id, name = @name, search_name = @search_name, sector = @sector,
                municipality_code = @municipality_code, investment_sek = @investment_sek, expected_jobs = @expected_jobs, phase = @phase,
                announced_on = @announced_on, expected_operation_on = @expected_operation_on, updated_at = @now, version = version + 1
            WHERE id = @id
            """, connection, transaction))
        {
            AddData(update.Parameters, id, data, now);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await RecordPhaseAsync(transaction, id, current.Phase, data.Phase, now, changedBy, cancellationToken);
        var establishment = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await outbox.EnqueueAsync(transaction, new EstablishmentUpdated
        {
            EstablishmentId = id, CompanyActorId = data.CompanyActorId, Name = data.Name, Sector = data.Sector,
            MunicipalityCode = data.MunicipalityCode, CountyCode = data.CountyCode, InvestmentSek = data.InvestmentSek,
            ExpectedJobs = data.ExpectedJobs, Phase = data.Phase, Version = establishment.Version, CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Updated(establishment);
    }

    /// <summary>Why the actor cannot own an establishment (<see cref="EstablishmentRules.RefusalOfCompany"/>), or null.</summary>
    private static async Task<string?> RefusalOfCompanyAsync(NpgsqlTransaction transaction, Guid companyActorId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT kind, active FROM actors WHERE id = @id", transaction.Connection, transaction);
        command.Parameters.AddWithValue("id", companyActorId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        (string Kind, bool Active)? actor = await reader.ReadAsync(cancellationToken) ? (reader.Get<string>("kind"), reader.Get<bool>("active")) : null;
        return EstablishmentRules.RefusalOfCompany(companyActorId, actor);
    }

    /// <summary>Adds the phase the establishment entered, if any (<see cref="EstablishmentPhases.Entered"/>), to its history.</summary>
    private static async Task RecordPhaseAsync(
        NpgsqlTransaction transaction, Guid id, string? current, string requested, DateTimeOffset at, string by, CancellationToken cancellationToken)
    {
        if (EstablishmentPhases.Entered(current, requested) is not { } entered)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            "INSERT INTO establishment_phases (establishment_id, phase, changed_at, changed_by) VALUES (@id, @phase, @at, @by)", transaction.Connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("phase", entered);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("by", by);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Establishment?> GetAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken, bool forUpdate = false)
    {
        Establishment? establishment;
        await using (var command = new NpgsqlCommand($"SELECT {Columns} {From} WHERE e.id = @id{(forUpdate ? " FOR UPDATE OF e" : string.Empty)}", connection, transaction))
        {
            command.Parameters.AddWithValue("id", id);
            establishment = await Sql.ReadSingleAsync(command, Read, cancellationToken);
        }

        if (establishment is null)
        {
            return null;
        }

        var history = new List<PhaseChange>();
        await using (var command = new NpgsqlCommand(
            "SELECT phase, changed_at, changed_by FROM establishment_phases WHERE establishment_id = @id ORDER BY id", connection, transaction))
        {
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                history.Add(new PhaseChange(reader.Get<string>("phase"), reader.Get<DateTimeOffset>("changed_at"), reader.Get<string>("changed_by")));
            }
        }

        return establishment with { PhaseHistory = history };
    }

    private static void AddData(NpgsqlParameterCollection parameters, Guid id, EstablishmentData data, DateTimeOffset now)
    {
        parameters.AddWithValue("id", id);
        parameters.AddWithValue("company_actor_id", data.CompanyActorId);
        parameters.AddWithValue("name", data.Name);
        parameters.AddWithValue("search_name", ActorRules.SearchText(data.Name));
        parameters.AddWithValue("sector", data.Sector);
        parameters.AddWithValue("municipality_code", data.MunicipalityCode);
        parameters.AddNullable("investment_sek", NpgsqlDbType.Numeric, data.InvestmentSek);
        parameters.AddNullable("expected_jobs", NpgsqlDbType.Integer, data.ExpectedJobs);
        parameters.AddWithValue("phase", data.Phase);
        parameters.AddNullable("announced_on", NpgsqlDbType.Date, data.AnnouncedOn);
        parameters.AddNullable("expected_operation_on", NpgsqlDbType.Date, data.ExpectedOperationOn);
        parameters.AddWithValue("now", now);
    }

    /// <summary>An establishment without its phase history, which only single establishments carry.</summary>
    private static Establishment Read(NpgsqlDataReader row) => new(
        row.Get<Guid>("id"), row.Get<Guid>("company_actor_id"), row.Get<string>("name"), row.Get<string>("sector"),
        row.Get<string>("municipality_code"), row.Get<string>("county_code"),
        row.GetOrNull<decimal>("investment_sek"), row.GetOrNull<int>("expected_jobs"), row.Get<string>("phase"),
        row.GetOrNull<DateOnly>("announced_on"), row.GetOrNull<DateOnly>("expected_operation_on"),
        row.Get<int>("version"), row.Get<DateTimeOffset>("created_at"), row.Get<DateTimeOffset>("updated_at"), null);
}
