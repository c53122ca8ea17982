using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// How every service reads JSON bodies: numbers only as JSON numbers (a string such as <c>"500"</c> is not an
/// amount), and a body that does not bind answered with a problem naming the field
/// (<see cref="BadRequestExceptionHandler"/>) in every environment, not only in Development.
/// </summary>
public static class JsonInput
{
    public static IServiceCollection AddPlatformJsonInput(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
