using Npgsql;
using NpgsqlTypes;

namespace Platform.ActorRegistry.Data;

/// <summary>Small helpers the stores share for parameters and text search.</summary>
internal static class Sql
{
    /// <summary>A typed parameter that is NULL when <paramref name="value"/> is null.</summary>
    public static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    /// <summary>Escapes LIKE wildcards (backslash is PostgreSQL's default LIKE escape) so user text matches literally.</summary>
    public static string? EscapeLike(string? text) =>
        text?.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
