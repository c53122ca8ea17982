using Microsoft.AspNetCore.Components.Authorization;

namespace Platform.Web.SignIn;

/// <summary>
/// The signed-in person's platform token for the API calls of one scope (a page render or a circuit), renewed a
/// minute before it expires. No token when nobody is signed in or the session has ended: the API then answers 401.
/// </summary>
public sealed class UserAccessToken(
    AuthenticationStateProvider authentication, UserSessions sessions, TokenRenewal renewal, TimeProvider time, ILogger<UserAccessToken> logger)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    public async ValueTask<string?> GetAsync(CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (user.FindFirst(WebClaims.SessionId)?.Value is not { } id || await sessions.GetAsync(id, cancellationToken) is not { } session)
        {
            return null;
        }

        if (session.ExpiresAt - time.GetUtcNow() > RenewBefore)
        {
            return session.AccessToken;
        }

        if (await renewal.RenewAsync(session, cancellationToken) is not { } renewed)
        {
            logger.LogInformation("The platform token of session {Session} could not be renewed; the person signs in again", id[..8]);
            await sessions.RemoveAsync(id, cancellationToken);
            return null;
        }

        await sessions.SaveAsync(id, renewed, cancellationToken);
        return renewed.AccessToken;
    }
}
