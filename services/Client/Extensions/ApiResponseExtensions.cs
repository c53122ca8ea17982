using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>
/// Unwraps the <see cref="ApiResponse{T}"/> of calls that answer with an <c>ETag</c>: the resource with its entity tag,
/// or the typed <see cref="PlatformApiException"/> thrown.
/// </summary>
/// <example>
/// <code>
/// var (need, etag) = await client.Needs.GetAsync(id).WithETagAsync();
/// var (triaged, _) = await client.Needs.TriageAsync(id, new TriageRequest("accept"), etag).WithETagAsync();
/// </code>
/// </example>
public static class ApiResponseExtensions
{
    /// <summary>Awaits a call and returns its resource with its ETag, or throws the call's error.</summary>
    /// <typeparam name="T">The type of the resource.</typeparam>
    /// <param name="call">A call returning <see cref="ApiResponse{T}"/>.</param>
    /// <returns>The resource and its ETag.</returns>
    /// <exception cref="PlatformApiException">The server answered with an error status (or a subclass of it).</exception>
    /// <exception cref="ApiExceptionBase">The request failed before an answer, or the answer could not be read.</exception>
    /// <exception cref="InvalidOperationException">A successful answer had no body or no <c>ETag</c>.</exception>
    public static async Task<Versioned<T>> WithETagAsync<T>(this Task<ApiResponse<T>> call)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(call);
        using var response = await call.ConfigureAwait(false);
        return response.ToVersioned();
    }

    /// <summary>Returns the resource of a response with its ETag, or throws the response's error.</summary>
    /// <typeparam name="T">The type of the resource.</typeparam>
    /// <param name="response">The response of a call that answers with an <c>ETag</c>.</param>
    /// <returns>The resource and its ETag.</returns>
    /// <exception cref="PlatformApiException">The server answered with an error status (or a subclass of it).</exception>
    /// <exception cref="ApiExceptionBase">The request failed before an answer, or the answer could not be read.</exception>
    /// <exception cref="InvalidOperationException">A successful answer had no body or no <c>ETag</c>.</exception>
    public static Versioned<T> ToVersioned<T>(this ApiResponse<T> response)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Error is { } error)
        {
            throw error;
        }

        var value = response.Content ?? throw new InvalidOperationException("The response has no body.");
        var etag = response.Headers?.ETag?.ToString() ?? throw new InvalidOperationException("The response has no ETag.");
        return new Versioned<T>(value, etag);
    }
}
