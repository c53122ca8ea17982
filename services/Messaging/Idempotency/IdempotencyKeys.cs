using System.Data;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;
using Platform.ServiceDefaults.Http;

namespace Platform.Messaging.Idempotency;

/// <summary>A request's <c>Idempotency-Key</c>, scoped to its caller, with the hash of the request it came with.</summary>
public sealed record IdempotencyKey(string Caller, string Key, byte[] RequestHash)
{
    public const string Header = "Idempotency-Key";
}

/// <summary>
/// <c>Idempotency-Key</c> for every POST that creates something a retry must not create twice (a need, money): the
/// first request with a key claims it in the write's own transaction and stores its answer there; a retry with the
/// same key and body gets that answer again (<see cref="WriteStatus.Replayed"/>), with another body a 422 naming the
/// key. Keys live in each service's <c>idempotency_requests</c> table for a day.
/// </summary>
public static class IdempotencyKeys
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long a key is remembered: a client retries within minutes, not days.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The request's key, if it sent one, hashed with <paramref name="body"/>; or the 400 naming the header when it is malformed.</summary>
    public static (IdempotencyKey? Key, ProblemHttpResult? Problem) Read<TBody>(HttpRequest request, string caller, TBody body)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(IdempotencyKey.Header, out var values))
        {
            return (null, null);
        }

        var key = values.ToString().Trim();
        if (values.Count != 1 || key.Length is 0 or > 200 || key.Any(c => c is < '!' or > '~'))
        {
            return (null, ApiProblems.Malformed(IdempotencyKey.Header, "Idempotency-Key is 1 to 200 visible ASCII characters, e.g. a UUID."));
        }

        // The target is part of the request: the same key and body for another effort or assignment is another request.
        var target = System.Text.Encoding.UTF8.GetBytes($"{request.Path.Value}{request.QueryString.Value}");
        var hash = SHA256.HashData([.. target, 0, .. JsonSerializer.SerializeToUtf8Bytes(body, Json)]);
        return (new IdempotencyKey(caller, key, hash), null);
    }

    /// <summary>
    /// Claims <paramref name="key"/> (if any) in the write's transaction and returns null: the caller goes on to write. When
    /// it was claimed before, rolls the transaction back and returns the first answer (or the 422 for another request).
    /// A concurrent retry waits on the claim until the first one commits or rolls back.
    /// </summary>
    public static async Task<WriteResult<T>?> ClaimOrReplayAsync<T>(NpgsqlTransaction transaction, IdempotencyKey? key, DateTimeOffset now, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (key is null || await ClaimAsync(transaction, key, now, cancellationToken))
        {
            return null;
        }

        var connection = transaction.Connection!;
        await transaction.RollbackAsync(cancellationToken);
        return await ReplayAsync<T>(connection, key, cancellationToken);
    }

    private static async Task<bool> ClaimAsync(NpgsqlTransaction transaction, IdempotencyKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand("""
            INSERT INTO idempotency_requests (caller, key, request_hash, created_at) VALUES (@caller, @key, @requestHash, @now) ON CONFLICT DO NOTHING
            """, transaction.Connection, transaction)
        {
            Parameters = { new("caller", key.Caller), new("key", key.Key), new("requestHash", key.RequestHash), new("now", now) },
        };
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Stores the answer to the request that claimed <paramref name="key"/> (if any), in its transaction.</summary>
    public static async Task RememberAsync<T>(NpgsqlTransaction transaction, IdempotencyKey? key, T response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (key is null)
        {
            return;
        }

        await using var remember = new NpgsqlCommand("UPDATE idempotency_requests SET response = @response WHERE caller = @caller AND key = @key", transaction.Connection, transaction)
        {
            Parameters =
            {
                new("caller", key.Caller), new("key", key.Key), new("response", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(response, Json) },
            },
        };
        await remember.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first answer to the request of <paramref name="key"/>; a 422 naming the key when it came with another request.</summary>
    private static async Task<WriteResult<T>> ReplayAsync<T>(NpgsqlConnection connection, IdempotencyKey key, CancellationToken cancellationToken)
        where T : class
    {
        await using var read = new NpgsqlCommand("SELECT request_hash, response::text AS response FROM idempotency_requests WHERE caller = @caller AND key = @key", connection)
        {
            Parameters = { new("caller", key.Caller), new("key", key.Key) },
        };
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || !reader.GetFieldValue<byte[]>("request_hash").AsSpan().SequenceEqual(key.RequestHash) || reader.IsDBNull("response"))
        {
            return WriteResult.UnknownReference<T>(IdempotencyKey.Header, "This Idempotency-Key was used with a different request; use a new key for a new request.")
                with { Title = "The Idempotency-Key belongs to another request." };
        }

        return WriteResult.Replayed(JsonSerializer.Deserialize<T>(reader.GetString("response"), Json)!);
    }

    /// <summary>Forgets keys older than <see cref="Lifetime"/>; a retry after that is a new request.</summary>
    public static async Task<int> PurgeAsync(NpgsqlDataSource dataSource, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("DELETE FROM idempotency_requests WHERE created_at < @before");
        command.Parameters.Add(new("before", now - Lifetime));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
