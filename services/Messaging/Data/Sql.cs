using Npgsql;
using NpgsqlTypes;

namespace Platform.Messaging.Data;

/// <summary>Small helpers every service's stores share for parameters and text search.</summary>
public static class Sql
{
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
    /// A page of rows and the total of the same filter in one round trip: <paramref name="pageSql"/> ends with
    /// <c>LIMIT</c> and <c>OFFSET</c> parameters numbered after the filter's, <paramref name="countSql"/> counts with the
    /// same filter. Two statements rather than a <c>count(*) OVER ()</c> window, which would sort every match.
    /// </summary>
    public static async Task<(List<T> Items, long Total)> PageAsync<T>(
        NpgsqlDataSource dataSource, string pageSql, string countSql, Action<NpgsqlParameterCollection> addFilterParameters, int limit, int offset,
        Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var select = new NpgsqlBatchCommand(pageSql);
        addFilterParameters(select.Parameters);
        select.Parameters.Add(Value(limit));
        select.Parameters.Add(Value(offset));
        var count = new NpgsqlBatchCommand(countSql);
        addFilterParameters(count.Parameters);
        batch.BatchCommands.Add(select);
        batch.BatchCommands.Add(count);

        var items = new List<T>(limit);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (items, reader.GetInt64(0));
    }
}
