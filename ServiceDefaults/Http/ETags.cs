using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Platform.ServiceDefaults.Http;

/// <summary>What an <c>If-Match</c> header asks of the current version of a resource.</summary>
public enum IfMatchKind
{
    /// <summary>No header: the write is unconditional (where the endpoint allows it).</summary>
    Absent,

    /// <summary><c>*</c>: any current representation.</summary>
    Any,

    /// <summary>One strong entity tag of this API, e.g. <c>"7"</c>: that version only.</summary>
    Version,

    /// <summary>Only weak entity tags (<c>W/"7"</c>): RFC 9110's strong comparison matches nothing.</summary>
    Never,

    /// <summary>Not entity tags of this API, or several versions at once.</summary>
    Invalid,
}

/// <summary>Entity tags from a resource's version: <c>"7"</c>; <c>If-Match</c> compares strongly (RFC 9110 13.1.1).</summary>
public static class ETags
{
    public static string From(int version) => $"\"{version}\"";

    public static void Set(HttpResponse response, int version) => response.Headers[HeaderNames.ETag] = From(version);

    /// <summary>Reads <c>If-Match</c>: <paramref name="version"/> is set for <see cref="IfMatchKind.Version"/>.</summary>
    public static IfMatchKind ReadIfMatch(HttpRequest request, out int version)
    {
        ArgumentNullException.ThrowIfNull(request);
        version = 0;
        var values = request.Headers[HeaderNames.IfMatch];
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return IfMatchKind.Absent;
        }

        var tags = values.SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (tags is ["*"])
        {
            return IfMatchKind.Any;
        }

        int? strong = null;
        foreach (var tag in tags)
        {
            var weak = tag.StartsWith("W/", StringComparison.Ordinal);
            var opaque = weak ? tag[2..] : tag;
            if (opaque.Length <= 2 || opaque[0] != '"' || opaque[^1] != '"'
                || !int.TryParse(opaque.AsSpan(1, opaque.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return IfMatchKind.Invalid;
            }

            if (!weak)
            {
                if (strong is not null && strong != parsed)
                {
                    return IfMatchKind.Invalid;
                }

                strong = parsed;
            }
        }

        if (strong is { } matched)
        {
            version = matched;
            return IfMatchKind.Version;
        }

        return IfMatchKind.Never;
    }
}
