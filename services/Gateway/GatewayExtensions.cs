using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Client.Models;
using Platform.Gateway.Apis;
using Platform.Gateway.Hardening;
using Platform.Gateway.OpenApi;
using Platform.Gateway.Routing;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;
using Scalar.AspNetCore;

namespace Platform.Gateway;

public static class GatewayExtensions
{
    public const string MergedOpenApiPath = "/openapi/platform.json";
    public const string ApiReferencePath = "/api-reference";

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(GatewayRoutes.RouteConfigs(), GatewayRoutes.ClusterConfigs(options.UpstreamTimeout))
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(GatewayHardening.AddProblemsForEmptyErrors);
        builder.AddGatewayHardening();

        builder.Services.TryAddSingleton(TimeProvider.System);
        // A service builds its OpenAPI document on the first request for it, which takes seconds on busy cores.
        builder.Services.AddHttpClient(OpenApiMerger.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddSingleton<OpenApiMerger>();

        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton<DevTokenIssuer>();
            builder.Services.AddRequestValidator<DevTokenRequest, DevTokenRequestValidator>();
        }

        return builder;
    }

    /// <summary>
    /// A path under <c>/api</c> that no route of the API takes is 404 problem details here, never a page of the web
    /// client (which takes every other path).
    /// </summary>
    public static WebApplication MapUnknownApiPaths(this WebApplication app)
    {
        app.Map("/api/{**rest}", () => TypedResults.Problem(title: "No such operation of the API.", statusCode: StatusCodes.Status404NotFound,
                detail: "See the API reference at /api-reference."))
            .AllowAnonymous()
            .ExcludeFromDescription()
            .Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = GatewayRoutes.UnknownApiPathOrder);
        return app;
    }

    /// <summary>The merged OpenAPI document of the whole public API and an API reference page over it, both anonymous.</summary>
    public static WebApplication MapPlatformApiReference(this WebApplication app)
    {
        app.MapGet(MergedOpenApiPath, async (OpenApiMerger merger, CancellationToken cancellationToken) =>
                TypedResults.Text(await merger.GetAsync(cancellationToken), "application/json"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapScalarApiReference(ApiReferencePath, reference => reference
                .WithTitle("Platform API")
                .WithOpenApiRoutePattern(MergedOpenApiPath))
            .AllowAnonymous();
        return app;
    }
}
