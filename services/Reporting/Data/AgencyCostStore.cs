using Npgsql;
using Platform.Client.Models;
using Platform.Messaging.Data;
using Platform.Messaging.Idempotency;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Data;

/// <summary>Tillväxtverket's own costs for each assignment, outside any effort; recorded once, never changed (the schema refuses it).</summary>
public sealed class AgencyCostStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    private const string Columns = "id, assignment, date, amount_sek, category, description, recorded_by, recorded_at";

    public Task<PagedResult<AgencyCost>> ListAsync(string assignment, PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, Columns, "FROM agency_costs WHERE assignment = @assignment", "date DESC, recorded_at DESC, id", page, Read, cancellationToken,
            new NpgsqlParameter("assignment", assignment));

    public async Task<AgencyCost?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM agency_costs WHERE id = @id");
        command.Parameters.Add(new NpgsqlParameter("id", id));
        return await Sql.ReadSingleAsync(command, Read, cancellationToken);
    }

    public async Task<WriteResult<AgencyCost>> AddAsync(string assignment, AgencyCostData cost, string by, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        var recorded = new AgencyCost(Guid.CreateVersion7(), assignment, cost.Date, cost.AmountSek, cost.Category, cost.Description, by, timeProvider.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await IdempotencyKeys.ClaimOrReplayAsync<AgencyCost>(transaction, key, recorded.RecordedAt, cancellationToken) is { } replay)
        {
            return replay;
        }

        await using var command = new NpgsqlCommand($"""
            INSERT INTO agency_costs ({Columns}) VALUES (@id, @assignment, @date, @amount_sek, @category, @description, @recorded_by, @recorded_at)
            """, connection, transaction);
        NpgsqlParameter[] parameters =
        [
            new("id", recorded.Id), new("assignment", assignment), new("date", recorded.Date), new("amount_sek", recorded.AmountSek),
            new("category", recorded.Category), Sql.Nullable("description", recorded.Description, NpgsqlTypes.NpgsqlDbType.Text), new("recorded_by", by),
            new("recorded_at", recorded.RecordedAt),
        ];
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await IdempotencyKeys.RememberAsync(transaction, key, recorded, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Created(recorded);
    }

    private static AgencyCost Read(NpgsqlDataReader row) => new(
        row.GetGuid(0), row.GetString(1), row.GetFieldValue<DateOnly>(2), row.GetDecimal(3), row.GetString(4), row.IsDBNull(5) ? null : row.GetString(5),
        row.GetString(6), row.GetFieldValue<DateTimeOffset>(7));
}
