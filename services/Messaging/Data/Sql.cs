using Npgsql;
using NpgsqlTypes;
using Platform.Client.Models;
using Platform.ServiceDefaults.Http;

namespace Platform.Messaging.Data;

/// <summary>Small helpers every service's stores share for parameters and text search.</summary>
public static class Sql
{
    /// <summary>The clock to the microsecond, as PostgreSQL stores it, so that answers built from it and later reads agree.</summary>
    public static DateTimeOffset Now(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>A typed parameter that is NULL when <paramref name="value"/> is null.</summary>
    public static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    /// <summary>Escapes LIKE wildcards (backslash is PostgreSQL's default LIKE escape) so user text matches literally.</summary>
    public static string? EscapeLike(string? text) =>
        text?.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>A parameter whose value is <paramref name="value"/>, typed by Npgsql from the CLR type.</summary>
    public static NpgsqlParameter Value(object value) => new() { Value = value };

    /// <summary>Runs <paramref name="command"/> and reads its first row with <paramref name="read"/>; null when there is none.</summary>
    public static async Task<T?> ReadSingleAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? read(reader) : null;
    }

    /// <summary>
    /// A named parameter of PostgreSQL type <paramref name="type"/>, NULL when <paramref name="value"/> is null (the type
    /// lets <c>@x::text IS NULL</c> filters plan).
    /// </summary>
    public static NpgsqlParameter Nullable(string name, object? value, NpgsqlDbType type) => new(name, type) { Value = value ?? DBNull.Value };

    /// <summary>Runs one statement in <paramref name="transaction"/>; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A page of <c>SELECT columns from ORDER BY orderBy</c> and the total of <paramref name="from"/> (a table and its
    /// filter on the named parameters <paramref name="filter"/>) in one round trip: two statements rather than a
    /// <c>count(*) OVER ()</c> window, which would sort every match.
    /// </summary>
    public static async Task<PagedResult<T>> PageAsync<T>(
        NpgsqlDataSource dataSource, string columns, string from, string orderBy, PageRequest page, Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken, params NpgsqlParameter[] filter)
    {
        await using var batch = dataSource.CreateBatch();
        var select = new NpgsqlBatchCommand($"SELECT {columns} {from} ORDER BY {orderBy} LIMIT @limit OFFSET @offset");
        select.Parameters.AddRange(filter);
        select.Parameters.Add(new NpgsqlParameter("limit", page.PageSize));
        select.Parameters.Add(new NpgsqlParameter("offset", page.Offset));
        var count = new NpgsqlBatchCommand($"SELECT count(*) AS total {from}");
        count.Parameters.AddRange(filter.Select(parameter => parameter.Clone()).ToArray());
        batch.BatchCommands.Add(select);
        batch.BatchCommands.Add(count);

        var items = new List<T>(page.PageSize);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new(items, reader.GetInt64(reader.GetOrdinal("total")), page.Page, page.PageSize);
    }
}
