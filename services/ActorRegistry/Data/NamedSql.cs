namespace Platform.ActorRegistry.Data;

/// <summary>
/// Parameters by name (<c>@name</c> in the SQL) and columns read by name, so that a statement reads on its own and
/// its columns may be listed in any order.
/// </summary>
internal static class NamedSql
{
    /// <summary>Adds <c>@name</c>: <paramref name="value"/>, or NULL of <paramref name="type"/> when it is null.</summary>
    public static NpgsqlParameter AddNullable(this NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, object? value) =>
        parameters.AddWithValue(name, type, value ?? DBNull.Value);

    /// <summary>The value of a column that is never NULL.</summary>
    public static T Get<T>(this NpgsqlDataReader row, string column) => row.GetFieldValue<T>(row.GetOrdinal(column));

    /// <summary>The value of a column that may be NULL; null then.</summary>
    public static T? GetOrNull<T>(this NpgsqlDataReader row, string column) where T : struct
    {
        var ordinal = row.GetOrdinal(column);
        return row.IsDBNull(ordinal) ? null : row.GetFieldValue<T>(ordinal);
    }

    /// <summary>
    /// The page of rows <paramref name="command"/> selects, with the total of its matches, which the command counts in
    /// a <c>total</c> column (<c>count(*) OVER ()</c>).
    /// </summary>
    public static async Task<Platform.Client.Models.PagedResult<T>> ReadPageAsync<T>(
        this NpgsqlCommand command, PageRequest page, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var items = new List<T>(page.PageSize);
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
            total = reader.Get<long>("total");
        }

        return new Platform.Client.Models.PagedResult<T>(items, total, page.Page, page.PageSize);
    }

    /// <summary>The text of a column that may be NULL; null then.</summary>
    public static string? GetStringOrNull(this NpgsqlDataReader row, string column)
    {
        var ordinal = row.GetOrdinal(column);
        return row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
    }
}
