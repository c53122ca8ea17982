using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>Development tokens from the gateway; the endpoint exists in Development only (404 elsewhere).</summary>
/// <remarks>
/// Anonymous: the client registered by <c>AddPlatformClient</c> sends no bearer token here, so a token provider may
/// call it without recursing into itself.
/// </remarks>
public interface IDevTokenApi
{
    /// <summary>Issues a development token for a role (<c>POST /api/dev/token</c>).</summary>
    /// <param name="request">The role and, for the <c>actor</c> role, the actor.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token and when it expires.</returns>
    [Post("/api/dev/token")]
    Task<DevToken> IssueAsync([Body] DevTokenRequest request, CancellationToken cancellationToken = default);
}
