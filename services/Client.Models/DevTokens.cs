using System.Text.Json.Serialization;

namespace Platform.Client.Models;

/// <summary>The body of <c>POST /api/dev/token</c> (Development only).</summary>
/// <param name="Role">One of <c>coordinator</c>, <c>actor</c>, <c>reader</c>.</param>
/// <param name="ActorId">The actor the token acts for; required for the <c>actor</c> role, left out of the body otherwise.</param>
public sealed record DevTokenRequest(
    string Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ActorId = null);

/// <summary>A development token.</summary>
/// <param name="AccessToken">The bearer token.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record DevToken(string AccessToken, DateTimeOffset ExpiresAt);
