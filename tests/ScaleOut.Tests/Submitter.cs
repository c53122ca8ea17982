using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.ScaleOut.Tests;

/// <summary>
/// A back-office system submitting needs as one should against a platform with several gateways: each request with an
/// Idempotency-Key, and a request that fails (refused connection, 5xx) sent again with the same key, to the next gateway.
/// </summary>
public sealed class Submitter(Guid actorId, IReadOnlyDictionary<string, HttpClient> gateways)
{
    private const int Attempts = 60;
    private readonly string[] _names = [.. gateways.Keys];
    private int _retries;

    public Guid ActorId => actorId;

    /// <summary>Requests sent again after a refused connection or a 5xx.</summary>
    public int Retries => _retries;

    /// <summary>Submits through the gateways in turn, starting from the <paramref name="index"/>th.</summary>
    public Task<Guid> SubmitAsync(string key, int index, object body, CancellationToken cancellationToken) =>
        SubmitAsync(key, attempt => _names[(index + attempt) % _names.Length], body, cancellationToken);

    /// <summary>Submits through one gateway only.</summary>
    public Task<Guid> SubmitAtAsync(string gateway, string key, object body, CancellationToken cancellationToken) =>
        SubmitAsync(key, _ => gateway, body, cancellationToken);

    /// <summary>Waits until <paramref name="gateway"/> answers a request.</summary>
    public Task ServedAsync(string gateway, CancellationToken cancellationToken) =>
        Platform.Testing.Wait.UntilAsync(async () =>
        {
            try
            {
                using var response = await gateways[gateway].GetAsync("/api/themes", cancellationToken);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), $"{gateway} answering", cancellationToken);

    private async Task<Guid> SubmitAsync(string key, Func<int, string> gatewayOf, object body, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var gateway = gatewayOf(attempt);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/needs") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await gateways[gateway].SendAsync(request, cancellationToken);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
                }

                if ((int)response.StatusCode < 500)
                {
                    throw new InvalidOperationException($"{gateway} refused the need: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }

                failures.Add($"{gateway}: {(int)response.StatusCode}");
            }
            catch (HttpRequestException exception)
            {
                failures.Add($"{gateway}: {exception.Message}");
            }

            Interlocked.Increment(ref _retries);
            // A client's back-off before it tries again; the instances it reached are restarting.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * (attempt + 1), 1_000)), cancellationToken);
        }

        throw new InvalidOperationException($"The need {key} was refused {Attempts} times: {string.Join("; ", failures.TakeLast(5))}");
    }
}
