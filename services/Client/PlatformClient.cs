using Refit;

namespace Platform.Client;

/// <summary>
/// The whole public API of the platform (what its gateway serves under <c>/api</c>) in one object. Register it with
/// <c>AddPlatformClient</c> (see <see cref="PlatformClientServiceCollectionExtensions"/>), or build one over an
/// <see cref="HttpClient"/> with <see cref="Create"/>.
/// </summary>
/// <remarks>
/// Every call throws a <see cref="PlatformApiException"/> subclass for an error status, except the calls returning
/// <see cref="ApiResponse{T}"/> (those that answer with an <c>ETag</c>), which carry it in <c>Error</c>: await them with
/// <c>WithETagAsync()</c> (see <see cref="ApiResponseExtensions"/>).
/// </remarks>
/// <param name="geography">The counties and municipalities.</param>
/// <param name="actors">The actors.</param>
/// <param name="establishments">The establishments.</param>
/// <param name="forums">The collaboration forums.</param>
/// <param name="meetings">The dialogue meetings.</param>
/// <param name="needs">The needs.</param>
/// <param name="challenges">The themes and challenges.</param>
/// <param name="efforts">The efforts.</param>
/// <param name="reporting">The assignments, lessons and reports.</param>
/// <param name="webhooks">The webhook subscriptions.</param>
/// <param name="notifications">The actor's feed and its e-mail settings.</param>
/// <param name="devTokens">The development tokens (Development only).</param>
public sealed class PlatformClient(
    IGeographyApi geography,
    IActorsApi actors,
    IEstablishmentsApi establishments,
    IForumsApi forums,
    IMeetingsApi meetings,
    INeedsApi needs,
    IChallengesApi challenges,
    IEffortsApi efforts,
    IReportingApi reporting,
    IWebhooksApi webhooks,
    INotificationsApi notifications,
    IDevTokenApi devTokens)
{
    /// <summary>Gets the counties and municipalities.</summary>
    public IGeographyApi Geography { get; } = geography;

    /// <summary>Gets the actors.</summary>
    public IActorsApi Actors { get; } = actors;

    /// <summary>Gets the establishments.</summary>
    public IEstablishmentsApi Establishments { get; } = establishments;

    /// <summary>Gets the collaboration forums.</summary>
    public IForumsApi Forums { get; } = forums;

    /// <summary>Gets the dialogue meetings.</summary>
    public IMeetingsApi Meetings { get; } = meetings;

    /// <summary>Gets the needs.</summary>
    public INeedsApi Needs { get; } = needs;

    /// <summary>Gets the themes and challenges.</summary>
    public IChallengesApi Challenges { get; } = challenges;

    /// <summary>Gets the efforts.</summary>
    public IEffortsApi Efforts { get; } = efforts;

    /// <summary>Gets the assignments, lessons and reports.</summary>
    public IReportingApi Reporting { get; } = reporting;

    /// <summary>Gets the webhook subscriptions.</summary>
    public IWebhooksApi Webhooks { get; } = webhooks;

    /// <summary>Gets the actor's feed and its e-mail settings.</summary>
    public INotificationsApi Notifications { get; } = notifications;

    /// <summary>Gets the development tokens (Development only).</summary>
    public IDevTokenApi DevTokens { get; } = devTokens;

    /// <summary>
    /// Creates a client without dependency injection. Every API shares <paramref name="httpClient"/>, whose
    /// <see cref="HttpClient.BaseAddress"/> must be the gateway's address; authenticate it with a
    /// <see cref="BearerTokenHandler"/> in its handler chain. The caller keeps owning the HTTP client.
    /// </summary>
    /// <param name="httpClient">The HTTP client to send requests with.</param>
    /// <returns>The client.</returns>
    public static PlatformClient Create(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HTTP client needs a BaseAddress: the gateway's address.", nameof(httpClient));
        }

        return new PlatformClient(
            For<IGeographyApi>(httpClient),
            For<IActorsApi>(httpClient),
            For<IEstablishmentsApi>(httpClient),
            For<IForumsApi>(httpClient),
            For<IMeetingsApi>(httpClient),
            For<INeedsApi>(httpClient),
            For<IChallengesApi>(httpClient),
            For<IEffortsApi>(httpClient),
            For<IReportingApi>(httpClient),
            For<IWebhooksApi>(httpClient),
            For<INotificationsApi>(httpClient),
            For<IDevTokenApi>(httpClient));
    }

    private static T For<T>(HttpClient httpClient)
        where T : class =>
        RestService.ForGenerated<T>(httpClient, PlatformRefitSettings.Default);
}
