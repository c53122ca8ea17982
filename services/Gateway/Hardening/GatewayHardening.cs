using System.Globalization;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Platform.Gateway.Routing;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Platform.Gateway.Hardening;

/// <summary>
/// What makes the gateway safe to put on the internet: per-client rate limits, request target, header and body limits,
/// CORS from an allow-list, security headers, and problem details (503 fast) when a service cannot be reached.
/// </summary>
public static class GatewayHardening
{
    private static readonly string[] ExposedHeaders = ["ETag", "Location", "Retry-After", "X-Correlation-Id", "Idempotent-Replayed", "Content-Disposition", "X-Effort-Over-Budget"];
    private static readonly string[] AllowedHeaders = ["Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Correlation-Id"];

    public static IHostApplicationBuilder AddGatewayHardening(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();

        builder.Services.AddCors(cors => cors.AddPolicy(GatewayRoutes.CorsPolicy, policy => policy
            .WithOrigins(options.AllowedOrigins)
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        builder.Services.AddRateLimiter(limiter =>
        {
            // Global, not per route: unknown paths, refused requests and POST /api/dev/token count too. Health probes
            // do not: operators and orchestrators poll them.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsHealthProbe(context.Request.Path)
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ =>
                {
                    var settings = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
                    return new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = settings.RateLimitBurst,
                        TokensPerPeriod = settings.RateLimitPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    };
                }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                await WriteProblemAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests.",
                    $"This client made more requests than the gateway allows; try again in {seconds} s.", seconds);
            };
        });

        // Kestrel refuses a request over its own limits before any middleware runs, with an empty body; with its limits
        // well above the gateway's, the gateway refuses such requests itself, with problem details.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = RequestLimits.KestrelMaxRequestLineSize;
            kestrel.Limits.MaxRequestHeadersTotalSize = RequestLimits.KestrelMaxHeadersTotalSize;
            kestrel.Limits.MaxRequestHeaderCount = RequestLimits.KestrelMaxHeaderCount;
        });

        return builder;
    }

    /// <summary>Security headers on every answer, and CORS; call before the platform defaults.</summary>
    public static WebApplication UseGatewayHardening(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                var path = context.Request.Path;
                if (path.StartsWithSegments(GatewayExtensions.ApiReferencePath))
                {
                    // The API reference page runs its own scripts, all served from here.
                    headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'";
                }
                else if (path.StartsWithSegments("/api") || !headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
                {
                    // APIs and the HTML reports: no scripts, inline styles and SVG only. The web client's pages bring their own.
                    headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'";
                }

                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseCors();
        return app;
    }

    /// <summary>
    /// Rate limiting, then the request target and header limits: after authentication (the bucket is the caller's) and
    /// before authorization (a request refused with 401 or 403 counts too).
    /// </summary>
    public static IApplicationBuilder UseGatewayLimits(this IApplicationBuilder app)
    {
        app.UseRateLimiter();
        app.Use(async (context, next) =>
        {
            if (RequestLimits.Exceeded(context.Request, context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget) is { } exceeded)
            {
                await WriteProblemAsync(context, exceeded.Status, exceeded.Title, exceeded.Detail, instance: exceeded.Instance);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>
    /// Steps of the proxy pipeline: a body over the route's limit is 413 before it is sent on; a service that cannot be
    /// reached or does not answer in time is 503 with problem details; a body cut short or over the limit while
    /// streaming is 413 or 400.
    /// </summary>
    public static void UseProxyHardening(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            var limit = context.GetReverseProxyFeature().Route.Config.MaxRequestBodySize;
            if (limit is > 0 && context.Request.ContentLength > limit)
            {
                await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
                    $"This route takes at most {limit / 1024:N0} KiB.");
                return;
            }

            await next();

            if (context.GetForwarderErrorFeature() is not { } error || context.Response.HasStarted)
            {
                return;
            }

            var cluster = context.GetReverseProxyFeature().Route.Cluster?.ClusterId ?? "the service";
            var (status, title, detail) = error.Error switch
            {
                ForwarderError.RequestBodyClient or ForwarderError.RequestBodyCanceled when IsTooLarge(error.Exception) =>
                    (StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"This route takes at most {limit / 1024:N0} KiB."),
                ForwarderError.RequestBodyClient or ForwarderError.RequestBodyCanceled or ForwarderError.RequestCanceled =>
                    (StatusCodes.Status400BadRequest, "The request could not be read.", "The client ended the request before it was complete."),
                _ => (StatusCodes.Status503ServiceUnavailable, "A service is unavailable.", $"{cluster} could not be reached or did not answer in time; try again shortly."),
            };
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Gateway")
                    .LogWarning(error.Exception, "Proxying {Method} {Path} to {Cluster} failed: {Error}", context.Request.Method, context.Request.Path, cluster, error.Error);
            }

            await WriteProblemAsync(context, status, title, detail, status == StatusCodes.Status503ServiceUnavailable ? 5 : null);
        });
    }

    /// <summary>
    /// A service's error answer without a body gets problem details. The service's Kestrel answers so when it refuses
    /// a request the gateway passed on, e.g. a request line or headers within the gateway's limits but over the
    /// service's once the gateway's forwarding headers are added.
    /// </summary>
    public static void AddProblemsForEmptyErrors(TransformBuilderContext transforms) =>
        transforms.AddResponseTransform(async transform =>
        {
            var context = transform.HttpContext;
            if (transform.ProxyResponse is not { Content.Headers.ContentLength: 0 } response || (int)response.StatusCode < 400
                || HttpMethods.IsHead(context.Request.Method))
            {
                return;
            }

            transform.SuppressResponseBody = true;
            context.Response.Headers.ContentLength = null;
            var status = (int)response.StatusCode;
            var cluster = context.GetReverseProxyFeature().Route.Cluster?.ClusterId ?? "The service";
            await WriteProblemBodyAsync(context, new ProblemDetails
            {
                Status = status,
                Title = ReasonPhrases.GetReasonPhrase(status),
                Detail = $"{cluster} answered {status} without details.",
            });
        });

    private static bool IsTooLarge(Exception? exception) =>
        exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || exception?.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };

    private static bool IsHealthProbe(PathString path) =>
        path == ServiceDefaultsExtensions.HealthEndpointPath || path == ServiceDefaultsExtensions.AlivenessEndpointPath;

    /// <summary>
    /// The caller's bucket: its token's subject, else its address (the gateway is the edge: no forwarded header is
    /// trusted). An IPv6 client is usually given a whole /64, so its addresses share one bucket.
    /// </summary>
    private static string ClientKey(HttpContext context)
    {
        if (context.User.FindFirstValue("sub") is { Length: > 0 } subject)
        {
            return $"sub:{subject}";
        }

        return context.Connection.RemoteIpAddress switch
        {
            null => "address:unknown",
            { IsIPv4MappedToIPv6: true } mapped => $"address:{mapped.MapToIPv4()}",
            { AddressFamily: AddressFamily.InterNetworkV6 } v6 => $"address:{Convert.ToHexStringLower(v6.GetAddressBytes(), 0, 8)}/64",
            var address => $"address:{address}",
        };
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail, int? retryAfterSeconds = null, string? instance = null)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await WriteProblemBodyAsync(context, new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = instance });
    }

    private static async Task WriteProblemBodyAsync(HttpContext context, ProblemDetails problem) =>
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
}
