using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Platform.Web.SignIn;

namespace Platform.Web.Tests;

/// <summary>
/// A whole sign-in outside Development, from the authority's redirect back with a code to API calls with a renewed
/// token: the web client redeems the code with its PKCE verifier, keeps the tokens on the server, refreshes the
/// platform token before it expires, and sends the person to sign in again when the authority refuses.
/// </summary>
public sealed class OpenIdConnectSessionTests : IAsyncLifetime
{
    private const string Authority = "https://idp.example.se/realms/platform";
    private readonly IdentityProvider _identityProvider = new();
    private readonly Gateway _gateway = new();
    private WebApplicationFactory<Program> _factory = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Authentication:Authority", Authority);
            web.UseSetting("Authentication:WebClientId", IdentityProvider.ClientId);
            web.UseSetting("Authentication:WebClientSecret", IdentityProvider.ClientSecret);
            web.UseSetting("services:gateway:http:0", "http://gateway.test");
            web.ConfigureTestServices(services =>
            {
                services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
                {
                    options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(_identityProvider.Configuration);
                    options.Backchannel = new HttpClient(_identityProvider);
                });
                services.AddHttpClient(GatewayClients.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _gateway);
            });
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_code_is_redeemed_with_PKCE_the_token_stays_on_the_server_and_is_refreshed_until_the_authority_refuses()
    {
        using var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        const string report = "/rapporter/slutrapport.md?uppdrag=KN2023%2F03505";

        // Signing in: to the authority and back with a code, as the browser would carry it (a form post).
        using var challenge = await browser.GetAsync(report, Token);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        var code = _identityProvider.Authorize(authorize["code_challenge"]!, authorize["nonce"]!, authorize["redirect_uri"]!);
        using var callback = await browser.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code,
            ["state"] = authorize["state"]!,
        }), Token);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(report, callback.Headers.Location!.OriginalString);
        var cookies = string.Join("; ", callback.Headers.GetValues("Set-Cookie"));
        Assert.Contains("platform-session", cookies, StringComparison.Ordinal);
        Assert.DoesNotContain(_identityProvider.Issued[0], cookies, StringComparison.Ordinal);
        Assert.True(_identityProvider.RedeemedWithVerifier, "The code was redeemed without its PKCE verifier.");

        // The platform token expires within a minute: it is renewed with the refresh token before the API call.
        using var download = await browser.GetAsync(report, Token);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("# Slutrapport", await download.Content.ReadAsStringAsync(Token));
        Assert.Equal(["refresh-1"], _identityProvider.RefreshedWith);
        Assert.Equal($"Bearer {_identityProvider.Issued[1]}", _gateway.Authorizations.Single());

        // Renewed again with the rotated refresh token.
        using var again = await browser.GetAsync(report, Token);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["refresh-1", "refresh-2"], _identityProvider.RefreshedWith);
        Assert.Equal($"Bearer {_identityProvider.Issued[2]}", _gateway.Authorizations.Last());

        // The authority refuses (the person was signed out there): the session ends and the person signs in again.
        _identityProvider.RefusesRefresh = true;
        using var refused = await browser.GetAsync(report, Token);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith(_identityProvider.Configuration.AuthorizationEndpoint, refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Null(_gateway.Authorizations.Last());
        using var page = await browser.GetAsync("/rapporter", Token);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith(_identityProvider.Configuration.AuthorizationEndpoint, page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The authority's token endpoint as the web client's back channel meets it: codes it handed out, checked against
    /// their PKCE challenge; platform tokens for a coordinator that expire in 30 seconds; refresh tokens that rotate.
    /// </summary>
    private sealed class IdentityProvider : HttpMessageHandler
    {
        public const string ClientId = "platform-web";
        public const string ClientSecret = "web-secret";
        private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
        private readonly ConcurrentDictionary<string, (string Challenge, string Nonce, string RedirectUri)> _codes = new();
        private int _refreshes;

        public IdentityProvider() => Configuration.SigningKeys.Add(_key);

        public OpenIdConnectConfiguration Configuration { get; } = new()
        {
            Issuer = Authority,
            AuthorizationEndpoint = $"{Authority}/protocol/openid-connect/auth",
            TokenEndpoint = $"{Authority}/protocol/openid-connect/token",
            EndSessionEndpoint = $"{Authority}/protocol/openid-connect/logout",
        };

        /// <summary>The platform tokens handed out, in order.</summary>
        public List<string> Issued { get; } = [];

        public List<string> RefreshedWith { get; } = [];

        public bool RedeemedWithVerifier { get; private set; }

        public bool RefusesRefresh { get; set; }

        public string Authorize(string codeChallenge, string nonce, string redirectUri)
        {
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _codes[code] = (codeChallenge, nonce, redirectUri);
            return code;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal(Configuration.TokenEndpoint, request.RequestUri!.ToString());
            var form = QueryHelpers.ParseQuery(await request.Content!.ReadAsStringAsync(cancellationToken));
            Assert.Equal(ClientId, form["client_id"]);
            Assert.Equal(ClientSecret, form["client_secret"]);
            return form["grant_type"].ToString() switch
            {
                "authorization_code" => Redeem(form),
                "refresh_token" => Refresh(form),
                var grant => throw new InvalidOperationException($"Unexpected grant {grant}."),
            };
        }

        private HttpResponseMessage Redeem(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
        {
            if (!_codes.TryRemove(form["code"]!, out var authorized) || form["redirect_uri"] != authorized.RedirectUri)
            {
                return Refusal();
            }

            var verifier = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
            RedeemedWithVerifier = verifier == authorized.Challenge;
            if (!RedeemedWithVerifier)
            {
                return Refusal();
            }

            var idToken = Sign(new Dictionary<string, object> { ["aud"] = ClientId, ["nonce"] = authorized.Nonce, ["name"] = "Sara Samordnare" });
            return Tokens(idToken, "refresh-1");
        }

        private HttpResponseMessage Refresh(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
        {
            RefreshedWith.Add(form["refresh_token"]!);
            if (RefusesRefresh || form["refresh_token"] != $"refresh-{_refreshes + 1}")
            {
                return Refusal();
            }

            _refreshes++;
            return Tokens(idToken: null, $"refresh-{_refreshes + 1}");
        }

        private HttpResponseMessage Tokens(string? idToken, string refreshToken)
        {
            var accessToken = Sign(new Dictionary<string, object> { ["aud"] = "platform-api", ["role"] = "coordinator" });
            Issued.Add(accessToken);
            var answer = new Dictionary<string, object?>
            {
                ["access_token"] = accessToken,
                ["token_type"] = "Bearer",
                ["expires_in"] = 30,
                ["refresh_token"] = refreshToken,
            };
            if (idToken is not null)
            {
                answer["id_token"] = idToken;
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = System.Net.Http.Json.JsonContent.Create(answer) };
        }

        private static HttpResponseMessage Refusal() =>
            new(HttpStatusCode.BadRequest) { Content = System.Net.Http.Json.JsonContent.Create(new { error = "invalid_grant" }) };

        private string Sign(Dictionary<string, object> claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Claims = new Dictionary<string, object>(claims) { ["sub"] = "sara" },
            Expires = DateTime.UtcNow.AddSeconds(30),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// The platform's gateway as the web client calls it: the final report for a request with a token, 401 without (and,
    /// as a real handler does, each answer names its request).
    /// </summary>
    private sealed class Gateway : HttpMessageHandler
    {
        /// <summary>The Authorization header of each request, null where it had none.</summary>
        public List<string?> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("/api/reports/final", request.RequestUri!.AbsolutePath);
            Authorizations.Add(request.Headers.Authorization?.ToString());
            if (request.Headers.Authorization is null)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized)
                {
                    RequestMessage = request,
                    Content = System.Net.Http.Json.JsonContent.Create(new { status = 401, title = "Unauthorized" }, mediaType: new("application/problem+json")),
                });
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent("# Slutrapport", Encoding.UTF8, "text/markdown") });
        }
    }
}
