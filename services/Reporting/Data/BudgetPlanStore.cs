using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Client.Models;
using Platform.Messaging.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Data;

/// <summary>
/// Each assignment's budget plan per cost type: every save a new version (the schema refuses to change or remove one),
/// the newest the one the financial account reads.
/// </summary>
public sealed class BudgetPlanStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    private const string Columns = "assignment, version, lines, total_sek, saved_by, saved_at";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The newest plan of an assignment; version 0 without lines before the first save.</summary>
    public async Task<BudgetPlan> GetAsync(string assignment, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, assignment, cancellationToken);
    }

    /// <summary>As <see cref="GetAsync(string, CancellationToken)"/>, in a report's snapshot.</summary>
    public static async Task<BudgetPlan> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string assignment, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM budget_plans WHERE assignment = @assignment ORDER BY version DESC LIMIT 1", connection, transaction)
        {
            Parameters = { new("assignment", assignment) },
        };
        return await Sql.ReadSingleAsync(command, Read, cancellationToken) ?? new BudgetPlan(assignment, 0, [], 0m, null, null);
    }

    /// <summary>Every saved version of an assignment's plan, newest first.</summary>
    public Task<PagedResult<BudgetPlan>> VersionsAsync(string assignment, PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, Columns, "FROM budget_plans WHERE assignment = @assignment", "version DESC", page, Read, cancellationToken,
            new NpgsqlParameter("assignment", assignment));

    /// <summary>
    /// Saves <paramref name="lines"/> as the plan's next version when <paramref name="expectedVersion"/> is its newest
    /// (412 otherwise), under the assignment's lock so two coordinators saving at once get one version each or a 412;
    /// the same lines save nothing.
    /// </summary>
    public async Task<WriteResult<BudgetPlan>> SaveAsync(
        string assignment, int? expectedVersion, IReadOnlyList<BudgetPlanLine> lines, string by, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await transaction.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('budget_plan:' || @assignment))", cancellationToken, new NpgsqlParameter("assignment", assignment));
        var before = await GetAsync(connection, transaction, assignment, cancellationToken);
        if (expectedVersion is { } expected && expected != before.Version)
        {
            return WriteResult.Stale(before);
        }

        if (before.Lines.SequenceEqual(lines))
        {
            return WriteResult.Updated(before);
        }

        var saved = new BudgetPlan(assignment, before.Version + 1, lines, lines.Sum(line => line.AmountSek), by, timeProvider.GetUtcNow());
        await transaction.ExecuteAsync($"INSERT INTO budget_plans ({Columns}) VALUES (@assignment, @version, @lines, @total, @by, @at)", cancellationToken,
            new("assignment", assignment), new("version", saved.Version), new("lines", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(lines, Json) },
            new("total", saved.TotalSek), new("by", by), new("at", saved.SavedAt!.Value));
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(saved);
    }

    private static BudgetPlan Read(NpgsqlDataReader row) => new(
        row.GetString(0),
        row.GetInt32(1),
        JsonSerializer.Deserialize<List<BudgetPlanLine>>(row.GetString(2), Json) ?? [],
        row.GetDecimal(3),
        row.GetString(4),
        row.GetFieldValue<DateTimeOffset>(5));
}
