using System.Data;
using Npgsql;
using NpgsqlTypes;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Data;

/// <summary>What the stores share: typed named parameters, and a page of a list with its total.</summary>
internal static class StoreSql
{
    /// <summary>A named parameter of PostgreSQL type <paramref name="type"/>, NULL when <paramref name="value"/> is null.</summary>
    public static NpgsqlParameter Nullable(string name, object? value, NpgsqlDbType type) => new(name, type) { Value = value ?? DBNull.Value };

    /// <summary>
    /// The rows of <c>SELECT columns from</c> on <paramref name="page"/>, in <paramref name="order"/>, with the total of
    /// <paramref name="from"/> (a table and its filter on the named parameters <paramref name="filter"/>), in one round
    /// trip: a count beside the page rather than a <c>count(*) OVER ()</c> window, which would sort every match.
    /// </summary>
    public static async Task<Platform.Client.Models.PagedResult<T>> PageAsync<T>(
        NpgsqlDataSource dataSource, string columns, string from, string order, PageRequest page, Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken, params NpgsqlParameter[] filter)
    {
        await using var batch = dataSource.CreateBatch();
        var count = new NpgsqlBatchCommand($"SELECT count(*) AS total {from}");
        count.Parameters.AddRange(filter);
        var rows = new NpgsqlBatchCommand($"SELECT {columns} {from} ORDER BY {order} LIMIT @limit OFFSET @offset");
        rows.Parameters.AddRange(filter.Select(parameter => parameter.Clone()).ToArray());
        rows.Parameters.Add(new NpgsqlParameter("limit", page.PageSize));
        rows.Parameters.Add(new NpgsqlParameter("offset", page.Offset));
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(rows);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var total = await reader.ReadAsync(cancellationToken) ? reader.GetInt64("total") : 0;
        await reader.NextResultAsync(cancellationToken);
        var items = new List<T>(page.PageSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
        }

        return new(items, total, page.Page, page.PageSize);
    }
}
