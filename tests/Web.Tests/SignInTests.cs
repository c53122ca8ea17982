using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Platform.Web.Tests;

/// <summary>
/// Signing in outside Development: the authorization code flow with PKCE at the platform's authority, and no
/// development sign-in. The authority's metadata is given here, so no identity provider needs to run.
/// </summary>
public sealed class SignInTests : IAsyncLifetime
{
    private const string Authority = "https://idp.example.se/realms/platform";
    private WebApplicationFactory<Program> _factory = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Authentication:Authority", Authority);
            web.UseSetting("Authentication:WebClientId", "platform-web");
            web.ConfigureTestServices(services => services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration
                {
                    Issuer = Authority,
                    AuthorizationEndpoint = $"{Authority}/protocol/openid-connect/auth",
                    TokenEndpoint = $"{Authority}/protocol/openid-connect/token",
                    EndSessionEndpoint = $"{Authority}/protocol/openid-connect/logout",
                })));
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private HttpClient Browser() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    [Theory]
    [InlineData("/behov")]
    [InlineData("/logga-in?returnUrl=%2Fbehov")]
    public async Task A_page_sends_the_person_to_the_authority_with_the_code_flow_and_PKCE(string path)
    {
        using var browser = Browser();
        using var page = await browser.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var authorize = page.Headers.Location!;
        Assert.StartsWith($"{Authority}/protocol/openid-connect/auth?", authorize.ToString(), StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("platform-web", query["client_id"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Contains("offline_access", query["scope"].ToString(), StringComparison.Ordinal);
        Assert.Equal("https://localhost/signin-oidc", query["redirect_uri"]);
    }

    [Theory]
    [InlineData("/dev/signin?role=coordinator")]
    [InlineData("/dev/logga-in")]
    public async Task There_is_no_development_sign_in_outside_Development(string path)
    {
        using var browser = Browser();
        using var signIn = await browser.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        Assert.DoesNotContain(signIn.Headers, header => header.Key == "Set-Cookie" && header.Value.Any(value => value.StartsWith("platform-session", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_without_inline_script()
    {
        using var browser = Browser();
        using var page = await browser.GetAsync("/hittades-inte", TestContext.Current.CancellationToken);
        var directives = string.Join(";", page.Headers.GetValues("Content-Security-Policy")).Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("script-src 'self'", directives);
        Assert.Contains("frame-ancestors 'none'", directives);
    }
}
