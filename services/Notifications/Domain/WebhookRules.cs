using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Platform.Notifications.Domain;

public static class SubscriptionStatuses
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Disabled = "disabled";
    public const string Deleted = "deleted";
}

public static class DeliveryStatuses
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Dead = "dead";

    public static readonly IReadOnlyList<string> All = [Pending, Delivered, Dead];
}

/// <summary>The rules of webhook subscriptions and deliveries, without I/O.</summary>
public static class WebhookRules
{
    public const int MaxUrlLength = 2_000;
    public const int MaxEventTypes = 50;
    public const string SecretPrefix = "whsec_";

    /// <summary>How long the previous secret still signs after a rotation, when the request does not say.</summary>
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(24);

    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(7);

    /// <summary>
    /// Whether an event type is subscribed to by <paramref name="patterns"/>: a name (<c>needs.triaged</c>), an area
    /// with a wildcard (<c>needs.*</c>) or everything (<c>*</c>).
    /// </summary>
    public static bool Subscribes(IEnumerable<string> patterns, string eventType) => patterns.Any(pattern =>
        pattern == "*"
        || pattern == eventType
        || (pattern.EndsWith(".*", StringComparison.Ordinal) && eventType.StartsWith(pattern[..^1], StringComparison.Ordinal)));

    /// <summary>Whether a pattern names an event type or an area of them, so a typo is refused rather than never matching.</summary>
    public static bool IsKnownPattern(string pattern, IReadOnlyCollection<string> eventTypes) =>
        pattern == "*"
        || eventTypes.Contains(pattern)
        || (pattern.EndsWith(".*", StringComparison.Ordinal) && eventTypes.Any(type => type.StartsWith(pattern[..^1], StringComparison.Ordinal)));

    /// <summary>
    /// What is wrong with a receiver's address, or null: an absolute http(s) URL without user information; HTTPS
    /// unless <paramref name="allowLoopbackHttp"/> (Development) and the host is 127.0.0.1 or localhost.
    /// </summary>
    public static string? UrlProblem(string? url, bool allowLoopbackHttp)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"The URL must be an absolute https:// address of at most {MaxUrlLength} characters.";
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "The URL must not carry a user name, password or fragment.";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttp && allowLoopbackHttp && uri.IsLoopback
            ? null
            : "The URL must use https:// (plain http:// only to 127.0.0.1 in Development).";
    }

    /// <summary>
    /// Whether a receiver may not be reached at <paramref name="address"/>: loopback, private, carrier-grade NAT,
    /// link-local (cloud metadata at 169.254.169.254 among them), unique-local, multicast, unspecified or reserved.
    /// </summary>
    public static bool IsForbiddenAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (bytes[0] & 0xFE) == 0xFC // fc00::/7 unique local
                || (bytes[0] == 0xFD && bytes[1] == 0x00 && bytes[2] == 0x0E && bytes[3] == 0xC2); // fd00:ec2::254, a metadata address
        }

        var b = address.GetAddressBytes();
        return b[0] == 10
            || b[0] == 0
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
            || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
            || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
            || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // benchmarking
            || b[0] >= 224; // multicast and reserved
    }

    /// <summary>A new signing secret in the Standard Webhooks form: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// When to try again after <paramref name="attempts"/> failed attempts: the base doubled each time up to the
    /// most, with jitter taking up to half of it off, so receivers coming back are not hit by every sender at once.
    /// </summary>
    public static TimeSpan Backoff(int attempts, TimeSpan first, TimeSpan most, double jitter)
    {
        var doubled = first.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = Math.Min(doubled, most.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (1 - (0.5 * Math.Clamp(jitter, 0, 1))));
    }

    /// <summary>A span in words: in days from one day, else in hours from one hour, else in seconds.</summary>
    public static string Describe(TimeSpan span, bool swedish) => span switch
    {
        { TotalDays: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.#} {(swedish ? "dygn" : "days")}"),
        { TotalHours: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} {(swedish ? "timmar" : "hours")}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} {(swedish ? "sekunder" : "seconds")}"),
    };

    /// <summary>Whether a receiver's answer is a success: any 2xx.</summary>
    public static bool Delivered(int statusCode) => statusCode is >= 200 and < 300;

    /// <summary>A receiver answering 410 Gone has removed the endpoint: the subscription is disabled at once.</summary>
    public static bool Gone(int statusCode) => statusCode == 410;
}
