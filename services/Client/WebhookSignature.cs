using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Client;

/// <summary>
/// Verifies a delivery the platform signed by the Standard Webhooks specification, for a receiver: the HMAC-SHA256
/// of <c>webhook-id.webhook-timestamp.body</c> with the subscription's secret must be among the
/// <c>webhook-signature</c> header's signatures (there are two while a rotated secret overlaps), and the timestamp
/// within the tolerance of now (five minutes unless given), so a captured delivery cannot be replayed later.
/// Use the <c>webhook-id</c> (the event's id) as the idempotency key: a delivery can arrive more than once.
/// </summary>
public static class WebhookSignature
{
    private const string SecretPrefix = "whsec_";

    /// <summary>Whether the delivery is signed with <paramref name="secret"/> and recent enough.</summary>
    /// <param name="secret">The subscription's secret, <c>whsec_…</c>.</param>
    /// <param name="webhookId">The <c>webhook-id</c> header.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header, seconds since 1970.</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header: <c>v1,&lt;base64&gt;</c> entries separated by spaces.</param>
    /// <param name="body">The request body exactly as received.</param>
    /// <param name="now">Now; the current time when null.</param>
    /// <param name="tolerance">How far the timestamp may be from now; five minutes when null.</param>
    /// <returns>True when one signature matches and the timestamp is within the tolerance.</returns>
    public static bool IsValid(
        string secret, string? webhookId, string? webhookTimestamp, string? webhookSignature, string body, DateTimeOffset? now = null, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(webhookSignature)
            || !long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((sent - (now ?? DateTimeOffset.UtcNow)).Duration() > (tolerance ?? TimeSpan.FromMinutes(5)))
        {
            return false;
        }

        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhookId}.{webhookTimestamp}.{body}"));
        foreach (var entry in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0 && entry[..comma] == "v1" && TryDecode(entry[(comma + 1)..], out var given)
                && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[32];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 32;
    }
}
