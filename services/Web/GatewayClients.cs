using Microsoft.Extensions.Http.Resilience;
using Platform.Client;
using Platform.Web.SignIn;

namespace Platform.Web;

/// <summary>
/// The platform's API as the web client calls it: through the gateway (service discovery name <c>gateway</c>), with the
/// signed-in person's token, over the SDK. Writes are not retried: a retry is the person's decision (and submissions
/// carry an Idempotency-Key, so a repeated click files one need).
/// </summary>
public sealed class GatewayClients(IHttpMessageHandlerFactory handlers)
{
    public const string HttpClientName = "gateway";
    private static readonly Uri Gateway = new("http://gateway");

    /// <summary>The API with the token <paramref name="token"/> gives on every request.</summary>
    public PlatformClient For(Func<CancellationToken, ValueTask<string?>> token) =>
        PlatformClient.Create(new HttpClient(new BearerTokenHandler(token) { InnerHandler = handlers.CreateHandler(HttpClientName) })
        {
            BaseAddress = Gateway,
        });

    /// <summary>The API without a token: development tokens, nothing else.</summary>
    public PlatformClient Anonymous() =>
        PlatformClient.Create(new HttpClient(handlers.CreateHandler(HttpClientName), disposeHandler: false) { BaseAddress = Gateway });

    public static void Register(IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName);
        services.Configure<HttpStandardResilienceOptions>($"{HttpClientName}-standard", options => options.Retry.DisableForUnsafeHttpMethods());
        services.AddSingleton<GatewayClients>();
        services.AddScoped<UserAccessToken>();
        services.AddScoped(provider => provider.GetRequiredService<GatewayClients>().For(provider.GetRequiredService<UserAccessToken>().GetAsync));
    }
}
