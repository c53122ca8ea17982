using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Every service's OpenAPI document at <c>/openapi/v1.json</c>: its named and described endpoints, the bearer scheme,
/// and the problem details (RFC 9457) each kind of operation can answer with. The gateway merges them.
/// </summary>
public static class OpenApiDefaults
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddPlatformOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A token of the platform's OIDC authority (in Development: POST /api/dev/token at the gateway).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var problem = await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), null, cancellationToken);
                operation.Responses ??= new OpenApiResponses();
                foreach (var (status, description) in Problems(context.Description.HttpMethod, context.Description.RelativePath))
                {
                    operation.Responses.TryAdd(status, new OpenApiResponse
                    {
                        Description = description,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
                    });
                }
            });
        });

    /// <summary>Maps the document, anonymous, in every environment (it holds no data).</summary>
    public static IEndpointRouteBuilder MapPlatformOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        return app;
    }

    private static IEnumerable<(string Status, string Description)> Problems(string? method, string? path)
    {
        var hasId = path?.Contains('{', StringComparison.Ordinal) == true;
        var writes = method is "POST" or "PUT";
        yield return ("400", "Malformed input; `errors` names each field.");
        yield return ("401", "No token, or a bad or expired one.");
        yield return ("403", "The caller's role may not do this.");
        if (hasId)
        {
            yield return ("404", "No such resource (or not visible to the caller).");
        }

        if (writes)
        {
            yield return ("409", "The change conflicts with the resource's state.");
            if (hasId)
            {
                yield return ("412", "If-Match is stale: someone changed the resource first.");
                yield return ("428", "If-Match is required.");
            }

            yield return ("413", "The request body is too large.");
            yield return ("422", "Well-formed, but refers to something that does not exist; `errors` names the field.");
        }

        yield return ("429", "Too many requests from this client; see Retry-After.");
        yield return ("503", "A service or its database is unavailable; try again shortly.");
    }
}
