using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Notifications.Domain;
using StandardWebhooks;

namespace Platform.Notifications.Webhooks;

/// <summary>A delivery as it is sent: the receiver, the secrets that sign it, and the body.</summary>
public sealed record OutgoingDelivery(Guid Id, Guid SubscriptionId, Guid EventId, string Url, string Secret, string? PreviousSecret, string Payload, int Attempts, DateTimeOffset GiveUpAt);

/// <summary>What one attempt came to.</summary>
public sealed record AttemptOutcome(int DurationMs, int? StatusCode, string? Error, string? ResponseExcerpt)
{
    public bool Delivered => StatusCode is { } code && WebhookRules.Delivered(code);
}

/// <summary>
/// Sends one delivery by the Standard Webhooks specification: <c>webhook-id</c> (the event id), <c>webhook-timestamp</c>
/// and <c>webhook-signature</c> (HMAC-SHA256 with the secret, and with the previous one too during a rotation's
/// overlap). Redirects are not followed, an answer is read up to a limit, and the connection is only made to an
/// address that passes <see cref="WebhookRules.IsForbiddenAddress"/> when it is made, so a name that resolved to a
/// public address when the subscription was made cannot be pointed at an internal one later.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider timeProvider)
{
    public const string ClientName = "webhooks";

    public async Task<AttemptOutcome> SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        var now = timeProvider.GetUtcNow();
        var signatures = new List<string> { new StandardWebhook(delivery.Secret).Sign(delivery.EventId.ToString(), now, delivery.Payload) };
        if (delivery.PreviousSecret is { } previous)
        {
            signatures.Add(new StandardWebhook(previous).Sign(delivery.EventId.ToString(), now, delivery.Payload));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", delivery.EventId.ToString());
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', signatures));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.AttemptTimeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, settings.ResponseExcerptBytes, timeout.Token);
            return new AttemptOutcome(Elapsed(started), (int)response.StatusCode, null, excerpt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(Elapsed(started), null, $"No answer within {settings.AttemptTimeout.TotalSeconds:0.###} s.", null);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong on the way is this attempt's outcome, counted and spaced like any other failure.
            return new AttemptOutcome(Elapsed(started), null, exception.InnerException is ForbiddenAddressException forbidden ? forbidden.Message : exception.Message, null);
        }
    }

    /// <summary>The handler of the webhook client: no redirects, no cookies, and a connection only to an allowed address.</summary>
    public static SocketsHttpHandler Handler(IOptions<WebhookOptions> options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var address = await AllowedAddressAsync(context.DnsEndPoint.Host, options.Value.AllowLoopback, cancellationToken);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>The address to connect to for <paramref name="host"/>; refused when any of its addresses is forbidden.</summary>
    public static async Task<IPAddress> AllowedAddressAsync(string host, bool allowLoopback, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            throw new ForbiddenAddressException($"The host {host} does not resolve.");
        }

        var forbidden = addresses.FirstOrDefault(address => WebhookRules.IsForbiddenAddress(address) && !(allowLoopback && IPAddress.IsLoopback(address)));
        if (addresses.Length == 0 || forbidden is not null)
        {
            throw new ForbiddenAddressException(forbidden is null
                ? $"The host {host} does not resolve."
                : $"The host {host} resolves to {forbidden}, a loopback, private, link-local or metadata address, which webhooks never reach.");
        }

        return addresses[0];
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        if (limit == 0)
        {
            return null;
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit];
        var read = 0;
        while (read < limit && await body.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken) is var count and > 0)
        {
            read += count;
        }

        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static int Elapsed(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

/// <summary>A receiver's host resolves to an address webhooks never reach, or does not resolve.</summary>
public sealed class ForbiddenAddressException(string message) : IOException(message);
