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
    private const string Fields = "reference, title, decision_date, report_due_date, appropriation, expenditure_area, budget_year, budget_sek";

    // The budget is the newest entry set since registration, else the amount registered.
    private const string Columns = """
        reference, title, decision_date, report_due_date, appropriation, expenditure_area, budget_year, version,
        coalesce((SELECT b.budget_sek FROM assignment_budgets b WHERE b.reference = assignments.reference ORDER BY b.id DESC LIMIT 1), budget_sek) AS budget_sek
        """;

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
            INSERT INTO assignments ({Fields})
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

    /// <summary>
    /// Corrects an assignment (If-Match): its fields as given, a new budget entry when the budget changes; the reference
    /// stays. An edit that changes nothing writes nothing.
    /// </summary>
    public async Task<WriteResult<Assignment>> UpdateAsync(Assignment edited, int? expectedVersion, string by, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await transaction.ExecuteAsync("SELECT 1 FROM assignments WHERE reference = @reference FOR UPDATE", cancellationToken, new NpgsqlParameter("reference", edited.Reference));
        var current = await GetAsync(connection, transaction, edited.Reference, cancellationToken);
        if (current is null)
        {
            return WriteResult.NotFound<Assignment>();
        }

        if (expectedVersion is { } expected && current.Version != expected)
        {
            return WriteResult.Stale(current);
        }

        if (edited with { Version = current.Version } == current)
        {
            return WriteResult.Updated(current);
        }

        var now = timeProvider.GetUtcNow();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE assignments SET title = @title, decision_date = @decision_date, report_due_date = @report_due_date, appropriation = @appropriation,
                expenditure_area = @expenditure_area, budget_year = @budget_year, version = version + 1
            WHERE reference = @reference
            """)
        {
            Parameters =
            {
                new("reference", edited.Reference), new("title", edited.Title), new("decision_date", edited.DecisionDate), new("report_due_date", edited.ReportDueDate),
                new("appropriation", edited.Appropriation), new("expenditure_area", (object?)edited.ExpenditureArea ?? DBNull.Value), new("budget_year", edited.BudgetYear),
            },
        });
        if (edited.BudgetSek != current.BudgetSek)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO assignment_budgets (reference, budget_sek, set_at, set_by) VALUES (@reference, @budget_sek, @now, @by)")
            {
                Parameters = { new("reference", edited.Reference), new("budget_sek", edited.BudgetSek), new("now", now), new("by", by) },
            });
        }

        batch.BatchCommands.Add(outbox.CreateBatchCommand(new AssignmentUpdated
        {
            Reference = edited.Reference, Version = current.Version + 1, Title = edited.Title, DecisionDate = edited.DecisionDate, ReportDueDate = edited.ReportDueDate,
            Appropriation = edited.Appropriation, ExpenditureArea = edited.ExpenditureArea, BudgetYear = edited.BudgetYear, BudgetSek = edited.BudgetSek,
            CorrelationId = correlationId, OccurredAt = now,
        }));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var updated = (await GetAsync(connection, transaction, edited.Reference, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Updated(updated);
    }

    private static Assignment Read(NpgsqlDataReader row) => new(
        row.GetString("reference"),
        row.GetString("title"),
        row.GetFieldValue<DateOnly>("decision_date"),
        row.GetFieldValue<DateOnly>("report_due_date"),
        row.GetString("appropriation"),
        row.IsDBNull("expenditure_area") ? null : row.GetString("expenditure_area"),
        row.GetInt32("budget_year"),
        row.GetDecimal("budget_sek"),
        row.GetInt32("version"));
}
