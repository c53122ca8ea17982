using System.Net.Http.Json;

namespace Platform.Testing;

/// <summary>Requests the tests send as a client would, with the headers the API's concurrency and retries use.</summary>
public static class Requests
{
    /// <summary>Sends <paramref name="body"/> as JSON with <c>If-Match</c> when <paramref name="ifMatch"/> is given.</summary>
    public static async Task<HttpResponseMessage> SendJsonAsync(
        this HttpClient client, HttpMethod method, string path, object body, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, cancellationToken);
    }
}
