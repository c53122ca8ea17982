using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.Hardening;

/// <summary>The gateway's limits and allow-lists (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Origins of browser clients allowed by CORS, e.g. <c>https://portal.tillvaxtverket.se</c>; none by default.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Requests a client may make in a burst (token bucket size).</summary>
    [Range(1, 10_000_000)]
    public int RateLimitBurst { get; set; } = 300;

    /// <summary>Requests per second a client's bucket is refilled with.</summary>
    [Range(1, 10_000_000)]
    public int RateLimitPerSecond { get; set; } = 150;

    /// <summary>Longest a service may take to answer before the gateway answers 503.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
