using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Platform.Client;

/// <summary>Registers the platform's API clients with dependency injection and <c>IHttpClientFactory</c>.</summary>
public static class PlatformClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers every API of the platform (<see cref="IGeographyApi"/>, <see cref="IActorsApi"/>,
    /// <see cref="IEstablishmentsApi"/>, <see cref="IForumsApi"/>, <see cref="IMeetingsApi"/>, <see cref="INeedsApi"/>,
    /// <see cref="IChallengesApi"/>, <see cref="IEffortsApi"/>, <see cref="IReportingApi"/>, <see cref="IWebhooksApi"/>,
    /// <see cref="INotificationsApi"/>, <see cref="IDevTokenApi"/>)
    /// and the <see cref="PlatformClient"/> facade, each as a typed client of <c>IHttpClientFactory</c> whose
    /// requests carry the provider's bearer token (except <see cref="IDevTokenApi"/>, which is anonymous).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="baseAddress">The gateway's address, e.g. <c>http://127.0.0.1:8080</c>.</param>
    /// <param name="tokenProvider">
    /// Returns the access token for a request, or none. It gets the service provider of the HTTP handler's scope (not
    /// the caller's scope) and is asked on every request, so it should cache its token.
    /// </param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPlatformClient(
        this IServiceCollection services, Uri baseAddress, Func<IServiceProvider, CancellationToken, ValueTask<string?>> tokenProvider)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(tokenProvider);

        AddAuthenticated<IGeographyApi>(services, baseAddress, tokenProvider);
        AddAuthenticated<IActorsApi>(services, baseAddress, tokenProvider);
        AddAuthenticated<IEstablishmentsApi>(services, baseAddress, tokenProvider);
        AddAuthenticated<IForumsApi>(services, baseAddress, tokenProvider);
        AddAuthenticated<IMeetingsApi>(services, baseAddress, tokenProvider);
        AddAuthenticated<INeedsApi>(services, baseAddress, tokenProvider);
        AddAuthenticated<IChallengesApi>(services, baseAddress, tokenProvider);
        AddAuthenticated<IEffortsApi>(services, baseAddress, tokenProvider);
        AddAuthenticated<IReportingApi>(services, baseAddress, tokenProvider);
        AddAuthenticated<IWebhooksApi>(services, baseAddress, tokenProvider);
        AddAuthenticated<INotificationsApi>(services, baseAddress, tokenProvider);
        Add<IDevTokenApi>(services, baseAddress);
        services.AddTransient<PlatformClient>();
        return services;
    }

    /// <summary>
    /// Registers every API of the platform and the <see cref="PlatformClient"/> facade, authenticated with a token
    /// provider that needs no services.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="baseAddress">The gateway's address, e.g. <c>http://127.0.0.1:8080</c>.</param>
    /// <param name="tokenProvider">Returns the access token for a request, or none; asked on every request, so it should cache its token.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPlatformClient(
        this IServiceCollection services, Uri baseAddress, Func<CancellationToken, ValueTask<string?>> tokenProvider)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        return services.AddPlatformClient(baseAddress, (_, cancellationToken) => tokenProvider(cancellationToken));
    }

    private static void AddAuthenticated<T>(
        IServiceCollection services, Uri baseAddress, Func<IServiceProvider, CancellationToken, ValueTask<string?>> tokenProvider)
        where T : class =>
        Add<T>(services, baseAddress)
            .AddHttpMessageHandler(provider => new BearerTokenHandler(cancellationToken => tokenProvider(provider, cancellationToken)));

    private static IHttpClientBuilder Add<T>(IServiceCollection services, Uri baseAddress)
        where T : class =>
        services.AddRefitGeneratedClient<T>(PlatformRefitSettings.Default)
            .ConfigureHttpClient(client => client.BaseAddress = baseAddress);
}
