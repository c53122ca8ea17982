using System.Globalization;
using Npgsql;

namespace Platform.Testing;

/// <summary>Reads a test database the way an operator would check it: plain SQL.</summary>
public static class Database
{
    public static async Task<long> ScalarAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
