using System.Globalization;
using Npgsql;

namespace Platform.Benchmarks;

/// <summary>
/// What each statement cost PostgreSQL, from pg_stat_statements, when the server was started with it
/// (<c>BENCHMARK_POSTGRES_OPTIONS='-c shared_preload_libraries=pg_stat_statements'</c>): printed, not reported, as the
/// profile behind a scenario's figures.
/// </summary>
public static class StatementStatistics
{
    /// <summary>Starts counting afresh; false when the server runs without pg_stat_statements.</summary>
    public static async Task<bool> ResetAsync(BenchmarkPlatform platform)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync("needsdb"));
        await connection.OpenAsync();
        await using (var loaded = new NpgsqlCommand("SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'", connection))
        {
            if (!(bool)(await loaded.ExecuteScalarAsync())!)
            {
                return false;
            }
        }

        await using var reset = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()", connection);
        await reset.ExecuteNonQueryAsync();
        return true;
    }

    public static async Task PrintAsync(BenchmarkPlatform platform, int count)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync("needsdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT d.datname, s.calls, s.total_exec_time + s.total_plan_time, s.mean_exec_time, s.rows, left(regexp_replace(s.query, '\s+', ' ', 'g'), 140)
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            ORDER BY s.total_exec_time + s.total_plan_time DESC LIMIT $1
            """, connection) { Parameters = { new() { Value = count } } };
        await using var reader = await command.ExecuteReaderAsync();
        Console.WriteLine("statements: database | calls | total ms | mean ms | rows | query");
        while (await reader.ReadAsync())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"statements: {reader.GetString(0)} | {reader.GetInt64(1)} | {reader.GetDouble(2):N0} | {reader.GetDouble(3):N3} | {reader.GetInt64(4)} | {reader.GetString(5)}"));
        }
    }
}
