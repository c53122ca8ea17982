using System.Text.Json;
using Refit;

namespace Platform.Client;

/// <summary>
/// The Refit settings every platform client shares: System.Text.Json with web defaults (camelCase, as the services
/// answer), and every failed response turned into the <see cref="PlatformApiException"/> of its status.
/// </summary>
internal static class PlatformRefitSettings
{
    public static RefitSettings Default { get; } = Create();

    private static RefitSettings Create()
    {
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        settings.ExceptionFactory = async response =>
            response.IsSuccessStatusCode ? null : await PlatformApiException.FromResponseAsync(response, settings).ConfigureAwait(false);
        return settings;
    }
}
