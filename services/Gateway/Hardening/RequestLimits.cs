namespace Platform.Gateway.Hardening;

/// <summary>
/// The largest request target and header section the gateway accepts: Kestrel's defaults, checked by the gateway so
/// that a refusal is 414 or 431 with problem details. Kestrel's own limits sit well above them, for what is larger
/// still (Kestrel then answers alone, with an empty body).
/// </summary>
public static class RequestLimits
{
    /// <summary>Path and query as sent in the request line.</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>Names, values and separators of every header line.</summary>
    public const int MaxHeadersTotalSize = 32 * 1024;

    public const int MaxHeaderCount = 100;

    internal const int KestrelMaxRequestLineSize = 4 * MaxTargetLength;
    internal const int KestrelMaxHeadersTotalSize = 4 * MaxHeadersTotalSize;
    internal const int KestrelMaxHeaderCount = 4 * MaxHeaderCount;

    /// <param name="Instance">The problem's <c>instance</c>; null for the request's path.</param>
    public sealed record Refusal(int Status, string Title, string Detail, string? Instance = null);

    /// <summary>How much of a path too long the problem names as its instance, rather than send all of it back.</summary>
    private const int InstanceLength = 100;

    /// <summary>The refusal for a request over a limit, or null.</summary>
    public static Refusal? Exceeded(HttpRequest request, string rawTarget)
    {
        if (rawTarget.Length > MaxTargetLength)
        {
            return new Refusal(StatusCodes.Status414UriTooLong, "The request URI is too long.",
                $"Path and query take at most {MaxTargetLength} characters; this request's took {rawTarget.Length}.",
                request.Path.Value is { Length: > InstanceLength } path ? path[..InstanceLength] : request.Path.Value);
        }

        var count = 0;
        var size = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                size += name.Length + ": ".Length + (value?.Length ?? 0) + "\r\n".Length;
            }
        }

        if (count > MaxHeaderCount)
        {
            return new Refusal(StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request has too many headers.",
                $"A request takes at most {MaxHeaderCount} header lines; this one had {count}.");
        }

        return size > MaxHeadersTotalSize
            ? new Refusal(StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.",
                $"A request's headers take at most {MaxHeadersTotalSize} bytes; this request's took {size}.")
            : null;
    }
}
