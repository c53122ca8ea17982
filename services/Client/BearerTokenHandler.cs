using System.Net.Http.Headers;

namespace Platform.Client;

/// <summary>
/// Adds <c>Authorization: Bearer</c> with a token from a provider to every request that has no
/// <c>Authorization</c> header yet. The provider is asked on every request, so it should cache its token until shortly
/// before it expires; when it returns no token the request is sent without one (and the platform answers 401).
/// </summary>
/// <example>
/// Without dependency injection:
/// <code>
/// var handler = new BearerTokenHandler(tokens.GetTokenAsync) { InnerHandler = new HttpClientHandler() };
/// var client = PlatformClient.Create(new HttpClient(handler) { BaseAddress = new Uri("https://platform.example/") });
/// </code>
/// </example>
public sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly Func<CancellationToken, ValueTask<string?>> tokenProvider;

    /// <summary>Initializes a new instance of the <see cref="BearerTokenHandler"/> class.</summary>
    /// <param name="tokenProvider">Returns the access token to send, or none.</param>
    public BearerTokenHandler(Func<CancellationToken, ValueTask<string?>> tokenProvider)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        this.tokenProvider = tokenProvider;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Authorization is null && await tokenProvider(cancellationToken).ConfigureAwait(false) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
