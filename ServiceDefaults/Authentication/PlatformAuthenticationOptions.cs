namespace Platform.ServiceDefaults.Authentication;

/// <summary>Configuration section <c>Authentication</c>.</summary>
public sealed class PlatformAuthenticationOptions
{
    public const string SectionName = "Authentication";

    /// <summary>The OIDC authority whose tokens are accepted outside Development.</summary>
    public string? Authority { get; set; }

    /// <summary>Expected audience; <c>platform-api</c> unless configured.</summary>
    public string Audience { get; set; } = "platform-api";

    /// <summary>
    /// Symmetric key (at least 32 characters) for tokens issued by the gateway's <c>POST /api/dev/token</c>;
    /// honoured in Development only. The AppHost generates it and hands it to the gateway and services.
    /// </summary>
    public string? DevSigningKey { get; set; }

    /// <summary>Issuer written into and required of development tokens.</summary>
    public string DevIssuer { get; set; } = "platform-dev";

    /// <summary>Lifetime of a development token.</summary>
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
