using Npgsql;
using NpgsqlTypes;
using Platform.ActorRegistry.Domain;
using Platform.Messaging.Data;
using Platform.Contracts.Actors;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Http;

namespace Platform.ActorRegistry.Data;

public sealed record PhaseChange(string Phase, DateTimeOffset ChangedAt, string ChangedBy);

public sealed record EstablishmentResponse(
    Guid Id,
    Guid CompanyActorId,
    string Name,
    string Sector,
    string MunicipalityCode,
    string CountyCode,
    decimal? InvestmentSek,
    int? ExpectedJobs,
    string Phase,
    DateOnly? AnnouncedOn,
    DateOnly? ExpectedOperationOn,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<PhaseChange>? PhaseHistory);

public sealed record EstablishmentQuery(string? Text, string? MunicipalityCode, string? CountyCode, string? Phase, Guid? CompanyActorId);

public sealed record EstablishmentWriteResult(WriteOutcome Outcome, EstablishmentResponse? Establishment = null, ValidationErrors? Errors = null);

/// <summary>Establishments (företagsetableringar) of company actors, with the history of their phases.</summary>
public sealed class EstablishmentStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider timeProvider)
{
    private const string Columns = """
        e.id, e.company_actor_id, e.name, e.sector, e.municipality_code, m.county_code, e.investment_sek, e.expected_jobs,
        e.phase, e.announced_on, e.expected_operation_on, e.version, e.created_at, e.updated_at
        """;

    private const string From = "FROM establishments e JOIN municipalities m ON m.code = e.municipality_code";

    public async Task<PagedResult<EstablishmentResponse>> SearchAsync(EstablishmentQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var text = Sql.EscapeLike(string.IsNullOrWhiteSpace(query.Text) ? null : ActorRules.SearchText(query.Text));
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}, count(*) OVER () {From}
            WHERE ($1::text IS NULL OR e.search_name LIKE '%' || $1 || '%')
              AND ($2::text IS NULL OR e.municipality_code = $2)
              AND ($3::text IS NULL OR m.county_code = $3)
              AND ($4::text IS NULL OR e.phase = $4)
              AND ($5::uuid IS NULL OR e.company_actor_id = $5)
            ORDER BY e.name, e.id
            LIMIT $6 OFFSET $7
            """);
        command.Parameters.Add(Sql.Nullable(text, NpgsqlDbType.Text));
        command.Parameters.Add(Sql.Nullable(query.MunicipalityCode, NpgsqlDbType.Text));
        command.Parameters.Add(Sql.Nullable(query.CountyCode, NpgsqlDbType.Text));
        command.Parameters.Add(Sql.Nullable(query.Phase, NpgsqlDbType.Text));
        command.Parameters.Add(Sql.Nullable(query.CompanyActorId, NpgsqlDbType.Uuid));
        command.Parameters.Add(new NpgsqlParameter { Value = page.PageSize });
        command.Parameters.Add(new NpgsqlParameter { Value = page.Offset });
        var items = new List<EstablishmentResponse>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader, null));
            total = reader.GetInt64(14);
        }

        return new PagedResult<EstablishmentResponse>(items, total, page.Page, page.PageSize);
    }

    public async Task<EstablishmentResponse?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    public async Task<EstablishmentWriteResult> CreateAsync(Guid id, EstablishmentData data, string changedBy, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await CheckCompanyAsync(connection, transaction, data.CompanyActorId, cancellationToken) is { } errors)
        {
            return new EstablishmentWriteResult(WriteOutcome.NotFound, Errors: errors);
        }

        var now = timeProvider.GetUtcNow();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO establishments (id, company_actor_id, name, search_name, sector, municipality_code, investment_sek, expected_jobs,
                                        phase, announced_on, expected_operation_on, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
            """, connection, transaction))
        {
            AddData(insert, id, data);
            insert.Parameters.Add(new NpgsqlParameter { Value = now });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await RecordPhaseAsync(connection, transaction, id, data.Phase, now, changedBy, cancellationToken);
        var establishment = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await outbox.EnqueueAsync(transaction, new EstablishmentRegistered
        {
            EstablishmentId = id, CompanyActorId = data.CompanyActorId, Name = data.Name, Sector = data.Sector,
            MunicipalityCode = data.MunicipalityCode, CountyCode = data.CountyCode, InvestmentSek = data.InvestmentSek,
            ExpectedJobs = data.ExpectedJobs, Phase = data.Phase, CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return new EstablishmentWriteResult(WriteOutcome.Done, establishment);
    }

    public async Task<EstablishmentWriteResult> UpdateAsync(Guid id, int? expectedVersion, EstablishmentData data, string changedBy, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await GetAsync(connection, transaction, id, cancellationToken, forUpdate: true);
        if (current is null)
        {
            return new EstablishmentWriteResult(WriteOutcome.NotFound);
        }

        if (expectedVersion is { } expected && current.Version != expected)
        {
            return new EstablishmentWriteResult(WriteOutcome.Stale, current);
        }

        if (await CheckCompanyAsync(connection, transaction, data.CompanyActorId, cancellationToken) is { } errors)
        {
            return new EstablishmentWriteResult(WriteOutcome.NotFound, Errors: errors);
        }

        var now = timeProvider.GetUtcNow();
        await using (var update = new NpgsqlCommand("""
            UPDATE establishments
            SET company_actor_id = $2, name = $3, search_name = $4, sector = $5, municipality_code = $6, investment_sek = $7,
                expected_jobs = $8, phase = $9, announced_on = $10, expected_operation_on = $11, updated_at = $12, version = version + 1
            WHERE id = $1
            """, connection, transaction))
        {
            AddData(update, id, data);
            update.Parameters.Add(new NpgsqlParameter { Value = now });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        if (current.Phase != data.Phase)
        {
            await RecordPhaseAsync(connection, transaction, id, data.Phase, now, changedBy, cancellationToken);
        }

        var establishment = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await outbox.EnqueueAsync(transaction, new EstablishmentUpdated
        {
            EstablishmentId = id, CompanyActorId = data.CompanyActorId, Name = data.Name, Sector = data.Sector,
            MunicipalityCode = data.MunicipalityCode, CountyCode = data.CountyCode, InvestmentSek = data.InvestmentSek,
            ExpectedJobs = data.ExpectedJobs, Phase = data.Phase, Version = establishment.Version, CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return new EstablishmentWriteResult(WriteOutcome.Done, establishment);
    }

    private static async Task<ValidationErrors?> CheckCompanyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid companyActorId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT kind, active FROM actors WHERE id = $1", connection, transaction) { Parameters = { new() { Value = companyActorId } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? problem = null;
        if (!await reader.ReadAsync(cancellationToken))
        {
            problem = $"Actor {companyActorId} does not exist.";
        }
        else if (reader.GetString(0) != ActorKinds.Company)
        {
            problem = $"Actor {companyActorId} is not a company.";
        }
        else if (!reader.GetBoolean(1))
        {
            problem = $"Actor {companyActorId} is deactivated.";
        }

        return problem is null ? null : new ValidationErrors { UnknownReferences = { ["companyActorId"] = [problem] } };
    }

    private static async Task RecordPhaseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string phase, DateTimeOffset at, string by, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO establishment_phases (establishment_id, phase, changed_at, changed_by) VALUES ($1, $2, $3, $4)", connection, transaction)
        {
            Parameters = { new() { Value = id }, new() { Value = phase }, new() { Value = at }, new() { Value = by } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<EstablishmentResponse?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken, bool forUpdate = false)
    {
        EstablishmentResponse? establishment;
        await using (var command = new NpgsqlCommand($"SELECT {Columns} {From} WHERE e.id = $1{(forUpdate ? " FOR UPDATE OF e" : string.Empty)}", connection, transaction) { Parameters = { new() { Value = id } } })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            establishment = await reader.ReadAsync(cancellationToken) ? Read(reader, null) : null;
        }

        if (establishment is null)
        {
            return null;
        }

        var history = new List<PhaseChange>();
        await using (var command = new NpgsqlCommand("SELECT phase, changed_at, changed_by FROM establishment_phases WHERE establishment_id = $1 ORDER BY id", connection, transaction) { Parameters = { new() { Value = id } } })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                history.Add(new PhaseChange(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2)));
            }
        }

        return establishment with { PhaseHistory = history };
    }

    private static void AddData(NpgsqlCommand command, Guid id, EstablishmentData data)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = data.CompanyActorId });
        command.Parameters.Add(new NpgsqlParameter { Value = data.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = ActorRules.SearchText(data.Name) });
        command.Parameters.Add(new NpgsqlParameter { Value = data.Sector });
        command.Parameters.Add(new NpgsqlParameter { Value = data.MunicipalityCode });
        command.Parameters.Add(Sql.Nullable(data.InvestmentSek, NpgsqlDbType.Numeric));
        command.Parameters.Add(Sql.Nullable(data.ExpectedJobs, NpgsqlDbType.Integer));
        command.Parameters.Add(new NpgsqlParameter { Value = data.Phase });
        command.Parameters.Add(Sql.Nullable(data.AnnouncedOn, NpgsqlDbType.Date));
        command.Parameters.Add(Sql.Nullable(data.ExpectedOperationOn, NpgsqlDbType.Date));
    }

    private static EstablishmentResponse Read(NpgsqlDataReader reader, IReadOnlyList<PhaseChange>? history) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetDecimal(6),
        reader.IsDBNull(7) ? null : reader.GetInt32(7),
        reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateOnly>(10),
        reader.GetInt32(11), reader.GetFieldValue<DateTimeOffset>(12), reader.GetFieldValue<DateTimeOffset>(13), history);
}
