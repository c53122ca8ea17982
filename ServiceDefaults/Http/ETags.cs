using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Platform.ServiceDefaults.Http;

/// <summary>Entity tags from a resource's version: <c>"7"</c>; <c>If-Match</c> accepts strong or weak forms.</summary>
public static class ETags
{
    public static string From(int version) => $"\"{version}\"";

    public static void Set(HttpResponse response, int version) => response.Headers[HeaderNames.ETag] = From(version);

    /// <summary>The version named by <c>If-Match</c>; null when absent; false when it is not a version of ours.</summary>
    public static bool TryReadIfMatch(HttpRequest request, out int? version)
    {
        version = null;
        var header = request.Headers[HeaderNames.IfMatch].ToString().Trim();
        if (header.Length == 0)
        {
            return true;
        }

        if (header.StartsWith("W/", StringComparison.Ordinal))
        {
            header = header[2..];
        }

        if (header.Length > 2 && header[0] == '"' && header[^1] == '"' && int.TryParse(header[1..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            version = parsed;
            return true;
        }

        return false;
    }
}
