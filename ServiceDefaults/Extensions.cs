using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Cross-cutting wiring every platform service and the gateway share: telemetry, health, service discovery,
/// resilience, problem details, authentication and correlation ids.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Activity sources and meters of the platform's own code ("Platform.Messaging", ...).</summary>
    public const string PlatformTelemetryPrefix = "Platform.";

    /// <summary>What every process of the platform has, the web client included: telemetry, health, discovery, resilience.</summary>
    public static TBuilder AddBasicServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>The basic defaults and what an API adds: problem details, JSON input rules, bearer tokens, OpenAPI.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddBasicServiceDefaults();
        builder.Services.AddProblemDetails(options =>
            options.CustomizeProblemDetails = context =>
            {
                context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
                if (context.HttpContext.Items[CorrelationIdMiddleware.ItemKey] is string correlationId)
                {
                    context.ProblemDetails.Extensions["correlationId"] = correlationId;
                }
                context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString()
                    ?? context.HttpContext.TraceIdentifier;
            });

        // After the framework's writer, which AddProblemDetails registers: it answers the clients that accept JSON.
        builder.Services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, Platform.ServiceDefaults.Http.JsonProblemDetailsWriter>();
        builder.Services.AddExceptionHandler<Platform.ServiceDefaults.Http.BadRequestExceptionHandler>();
        builder.Services.AddPlatformJsonInput();
        builder.AddPlatformAuthentication();
        builder.Services.AddPlatformOpenApi();
        builder.Services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.SectionName);
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "Npgsql", PlatformTelemetryPrefix + "*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit", "Npgsql", PlatformTelemetryPrefix + "*")
                .AddAspNetCoreInstrumentation(options =>
                    // Health probes every few seconds would drown the traces an operator looks for.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>The health endpoints and the API's OpenAPI document.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapPlatformOpenApi();
        return app;
    }

    /// <summary>
    /// Maps <c>/health</c> (readiness: every registered check, including the database and the broker) and
    /// <c>/alive</c> (liveness) in every environment.
    /// </summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Correlation id, problem details for unhandled errors and status codes, authentication, the text rules of every
    /// input, authorization. <paramref name="beforeAuthorization"/> runs with the caller known, before the text rules
    /// and before a 401 or 403 is decided (the gateway's rate limits, which must count refused requests too).
    /// </summary>
    public static WebApplication UsePlatformDefaults(this WebApplication app, Action<IApplicationBuilder>? beforeAuthorization = null)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        beforeAuthorization?.Invoke(app);
        app.UseMiddleware<TextInputMiddleware>();
        app.UseAuthorization();
        return app;
    }
}
