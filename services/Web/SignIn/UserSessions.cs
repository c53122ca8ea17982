using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace Platform.Web.SignIn;

/// <summary>
/// What the web client holds for a signed-in person, on the server only: the platform token it calls the API with,
/// when that expires, and how to get a new one (a refresh token, or the development role and actor).
/// </summary>
public sealed record UserSession(
    string AccessToken,
    DateTimeOffset ExpiresAt,
    string? RefreshToken = null,
    string? DevelopmentRole = null,
    Guid? DevelopmentActorId = null);

/// <summary>
/// Sessions by id in the distributed cache: the browser's cookie carries the session id and who the person is, never a
/// token. Sessions end after <see cref="IdleTimeout"/> without use, as the cookie does.
/// </summary>
public sealed class UserSessions(IDistributedCache cache)
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    private static readonly DistributedCacheEntryOptions Entry = new() { SlidingExpiration = IdleTimeout };

    public async Task<string> CreateAsync(UserSession session, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await SaveAsync(id, session, cancellationToken);
        return id;
    }

    public async Task<UserSession?> GetAsync(string id, CancellationToken cancellationToken) =>
        await cache.GetAsync(Key(id), cancellationToken) is { } bytes ? JsonSerializer.Deserialize<UserSession>(bytes) : null;

    public Task SaveAsync(string id, UserSession session, CancellationToken cancellationToken) =>
        cache.SetAsync(Key(id), JsonSerializer.SerializeToUtf8Bytes(session), Entry, cancellationToken);

    public Task RemoveAsync(string id, CancellationToken cancellationToken) => cache.RemoveAsync(Key(id), cancellationToken);

    private static string Key(string id) => $"web-session:{id}";
}
