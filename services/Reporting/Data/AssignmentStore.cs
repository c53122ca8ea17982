using System.Data;
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

    public Task<AssignmentPage> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, Columns, "FROM assignments", "decision_date DESC, reference", page, Read, cancellationToken);

    public async Task<Assignment?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, reference, cancellationToken);
    }

    public static async Task<Assignment?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string reference, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM assignments WHERE reference = @reference", connection, transaction)
        {
            Parameters = { new("reference", reference) },
        };
        return await Sql.ReadSingleAsync(command, Read, cancellationToken);
    }

    /// <summary>Adds an assignment and announces it in the same transaction; a conflict when its reference is taken.</summary>
    public async Task<WriteResult<Assignment>> AddAsync(Assignment assignment, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO assignments ({Columns})
            VALUES (@reference, @title, @decision_date, @report_due_date, @appropriation, @expenditure_area, @budget_year, @budget_sek)
            ON CONFLICT (reference) DO NOTHING
            """, connection, transaction)
        {
            Parameters =
            {
                new("reference", assignment.Reference),
                new("title", assignment.Title),
                new("decision_date", assignment.DecisionDate),
                new("report_due_date", assignment.ReportDueDate),
                new("appropriation", assignment.Appropriation),
                new("expenditure_area", (object?)assignment.ExpenditureArea ?? DBNull.Value),
                new("budget_year", assignment.BudgetYear),
                new("budget_sek", assignment.BudgetSek),
            },
        };
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

    private static Assignment Read(NpgsqlDataReader row) => new(
        row.GetString("reference"),
        row.GetString("title"),
        row.GetFieldValue<DateOnly>("decision_date"),
        row.GetFieldValue<DateOnly>("report_due_date"),
        row.GetString("appropriation"),
        row.IsDBNull("expenditure_area") ? null : row.GetString("expenditure_area"),
        row.GetInt32("budget_year"),
        row.GetDecimal("budget_sek"));
}
