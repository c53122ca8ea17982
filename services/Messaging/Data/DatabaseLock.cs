using Npgsql;

namespace Platform.Messaging.Data;

/// <summary>
/// A session-level advisory lock on an open connection, held until disposed: for start-up work that several
/// instances of a service must do one after another (migrations, seeding). The caller keeps the connection open
/// while holding it; the lock is released explicitly, since a pooled connection outlives its use.
/// </summary>
public sealed class DatabaseLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private DatabaseLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>Waits for the lock <paramref name="key"/> in the connection's database.</summary>
    public static async Task<DatabaseLock> AcquireAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { Parameters = { new("key", key) } };
        await acquire.ExecuteNonQueryAsync(cancellationToken);
        return new DatabaseLock(connection, key);
    }

    public async ValueTask DisposeAsync()
    {
        await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection) { Parameters = { new("key", _key) } };
        await release.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
