using Npgsql;
using Platform.Client.Models;
using Platform.Contracts.Reporting;
using Platform.Messaging.Data;
using Platform.ServiceDefaults.Http;
using AssignmentPage = Platform.Client.Models.PagedResult<Platform.Client.Models.Assignment>;

namespace Platform.Reporting.Data;

/// <summary>
/// Government assignments and their appropriations; <c>KN2023/03505</c> is seeded by the schema (and known to every
/// service as reference data), the others are announced with <see cref="AssignmentRegistered"/>.
/// </summary>
public sealed class AssignmentStore(NpgsqlDataSource dataSource, Messaging.Outbox.Outbox outbox, TimeProvider timeProvider)
{
    private const string Columns = "reference, title, decision_date, report_due_date, appropriation, expenditure_area, budget_year, budget_sek";

    public async Task<AssignmentPage> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var (items, total) = await Sql.PageAsync(
            dataSource, $"SELECT {Columns} FROM assignments ORDER BY decision_date DESC, reference LIMIT $1 OFFSET $2", "SELECT count(*) FROM assignments",
            _ => { }, page.PageSize, page.Offset, Read, cancellationToken);
        return new AssignmentPage(items, total, page.Page, page.PageSize);
    }

    public async Task<Assignment?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, reference, cancellationToken);
    }

    public static async Task<Assignment?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string reference, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM assignments WHERE reference = $1", connection, transaction) { Parameters = { Sql.Value(reference) } };
        return await Sql.ReadSingleAsync(command, Read, cancellationToken);
    }

    /// <summary>Adds an assignment and announces it in the same transaction; a conflict when its reference is taken.</summary>
    public async Task<WriteResult<Assignment>> AddAsync(Assignment assignment, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO assignments ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (reference) DO NOTHING
            """, connection, transaction);
        command.Parameters.Add(Sql.Value(assignment.Reference));
        command.Parameters.Add(Sql.Value(assignment.Title));
        command.Parameters.Add(Sql.Value(assignment.DecisionDate));
        command.Parameters.Add(Sql.Value(assignment.ReportDueDate));
        command.Parameters.Add(Sql.Value(assignment.Appropriation));
        command.Parameters.Add(Sql.Nullable(assignment.ExpenditureArea, NpgsqlTypes.NpgsqlDbType.Text));
        command.Parameters.Add(Sql.Value(assignment.BudgetYear));
        command.Parameters.Add(Sql.Value(assignment.BudgetSek));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return WriteResult.Conflict<Assignment>(
                "The assignment exists.", $"Assignment {assignment.Reference} is already registered.",
                extensions: new Dictionary<string, object?> { ["reference"] = assignment.Reference });
        }

        await outbox.EnqueueAsync(transaction, new AssignmentRegistered
        {
            Reference = assignment.Reference, Title = assignment.Title, BudgetYear = assignment.BudgetYear, BudgetSek = assignment.BudgetSek,
            CorrelationId = correlationId, OccurredAt = timeProvider.GetUtcNow(),
        }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Created(assignment);
    }

    private static Assignment Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateOnly>(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6), reader.GetDecimal(7));
}
