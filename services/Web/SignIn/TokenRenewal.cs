using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Platform.Client.Models;

namespace Platform.Web.SignIn;

/// <summary>
/// A new platform token for a session whose token is about to expire: from the identity provider with the refresh token
/// (OpenID Connect), or, for a development sign-in, a new development token for the same role and actor.
/// </summary>
public sealed class TokenRenewal(GatewayClients gateway, IOptionsMonitor<OpenIdConnectOptions> openIdConnect, TimeProvider time, ILogger<TokenRenewal> logger)
{
    public async Task<UserSession?> RenewAsync(UserSession session, CancellationToken cancellationToken)
    {
        if (session.DevelopmentRole is { } role)
        {
            var token = await gateway.Anonymous().DevTokens.IssueAsync(new DevTokenRequest(role, session.DevelopmentActorId), cancellationToken);
            return session with { AccessToken = token.AccessToken, ExpiresAt = token.ExpiresAt };
        }

        return session.RefreshToken is { } refreshToken ? await RefreshAsync(session, refreshToken, cancellationToken) : null;
    }

    private async Task<UserSession?> RefreshAsync(UserSession session, string refreshToken, CancellationToken cancellationToken)
    {
        var options = openIdConnect.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = options.ClientId ?? string.Empty,
            ["client_secret"] = options.ClientSecret ?? string.Empty,
        });
        using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, form, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("The identity provider refused to refresh a token: {Status}", (int)response.StatusCode);
            return null;
        }

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        var root = answer.RootElement;
        return session with
        {
            AccessToken = root.GetProperty("access_token").GetString()!,
            ExpiresAt = time.GetUtcNow().AddSeconds(root.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 300),
            RefreshToken = root.TryGetProperty("refresh_token", out var rotated) ? rotated.GetString() : refreshToken,
        };
    }
}
