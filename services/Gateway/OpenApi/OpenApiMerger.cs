using System.Text.Json.Nodes;
using Platform.Gateway.Routing;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// The platform's public API as one OpenAPI document: the gateway's own and each service's <c>/openapi/v1.json</c>,
/// public paths only (<c>/api/...</c>), schemas merged (a name two services use for different shapes is suffixed
/// with the service's name). Kept for a minute; a service that does not answer is listed in <c>x-unavailable</c>
/// and the document is tried again on the next request.
/// </summary>
public sealed class OpenApiMerger(IHttpClientFactory httpClientFactory, IHostEnvironment environment, TimeProvider timeProvider, ILogger<OpenApiMerger> logger)
{
    public const string HttpClientName = "openapi";
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Json, DateTimeOffset Until)? _cached;

    /// <summary>The gateway's own operation, served in Development only.</summary>
    private const string DevTokenDocument = """
        {
          "paths": {
            "/api/dev/token": {
              "post": {
                "tags": ["Development"],
                "summary": "Issues a development token for a role (Development only).",
                "operationId": "IssueDevToken",
                "security": [],
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                  "type": "object", "required": ["role"],
                  "properties": { "role": { "type": "string", "enum": ["coordinator", "actor", "reader"] }, "actorId": { "type": "string", "format": "uuid" } } } } } },
                "responses": {
                  "200": { "description": "The token.", "content": { "application/json": { "schema": {
                    "type": "object", "properties": { "accessToken": { "type": "string" }, "expiresAt": { "type": "string", "format": "date-time" } } } } } },
                  "400": { "description": "Unknown role or malformed actor id (problem details)." }
                }
              }
            }
          },
          "tags": [{ "name": "Development" }]
        }
        """;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && cached.Until > timeProvider.GetUtcNow())
        {
            return cached.Json;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } fresh && fresh.Until > timeProvider.GetUtcNow())
            {
                return fresh.Json;
            }

            var sources = new List<(string Name, string? Json)>();
            if (environment.IsDevelopment())
            {
                sources.Add(("gateway", DevTokenDocument));
            }

            foreach (var cluster in GatewayRoutes.Clusters)
            {
                sources.Add((cluster, await FetchAsync(cluster, cancellationToken)));
            }

            var merged = Merge(sources).ToJsonString();
            if (sources.All(source => source.Json is not null))
            {
                _cached = (merged, timeProvider.GetUtcNow() + CacheFor);
            }

            return merged;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string?> FetchAsync(string cluster, CancellationToken cancellationToken)
    {
        try
        {
            using var client = httpClientFactory.CreateClient(HttpClientName);
            return await client.GetStringAsync(new Uri($"http://{cluster}/openapi/v1.json"), cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "The OpenAPI document of {Service} could not be read", cluster);
            return null;
        }
    }

    /// <summary>Merges documents (name, JSON or null when unavailable) into one.</summary>
    public static JsonObject Merge(IReadOnlyList<(string Name, string? Json)> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var paths = new JsonObject();
        var schemas = new JsonObject();
        var tags = new JsonArray();
        var unavailable = new JsonArray();
        foreach (var (name, json) in sources)
        {
            if (json is null)
            {
                unavailable.Add(name);
                continue;
            }

            var document = JsonNode.Parse(json)!.AsObject();
            var renamed = (document["components"]?["schemas"] as JsonObject ?? [])
                .Where(entry => schemas[entry.Key] is { } existing && !JsonNode.DeepEquals(existing, entry.Value))
                .ToDictionary(entry => entry.Key, entry => $"{entry.Key}_{name}");
            if (renamed.Count > 0)
            {
                // This document uses names another one already uses for a different shape: its own get its name as suffix.
                document = JsonNode.Parse(renamed.Aggregate(json, (text, rename) =>
                    text.Replace($"\"#/components/schemas/{rename.Key}\"", $"\"#/components/schemas/{rename.Value}\"", StringComparison.Ordinal)))!.AsObject();
            }

            foreach (var (schema, value) in document["components"]?["schemas"] as JsonObject ?? [])
            {
                schemas[renamed.GetValueOrDefault(schema, schema)] ??= value?.DeepClone();
            }

            if (document["paths"] is JsonObject documentPaths)
            {
                foreach (var (path, operations) in documentPaths.Where(entry => entry.Key.StartsWith("/api/", StringComparison.Ordinal)).ToList())
                {
                    paths[path] = operations?.DeepClone();
                }
            }

            foreach (var tag in document["tags"]?.AsArray() ?? [])
            {
                if (!tags.Any(existing => existing?["name"]?.GetValue<string>() == tag?["name"]?.GetValue<string>()))
                {
                    tags.Add(tag?.DeepClone());
                }
            }
        }

        var bearer = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT", ["description"] = "A token of the platform's OIDC authority (in Development: POST /api/dev/token)." };
        return new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "Platform for the new industrialisation of Norrbotten and Västerbotten",
                ["version"] = "v1",
                ["description"] = "The public API of every service, through the gateway. JSON, camelCase; errors are RFC 9457 problem details.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas, ["securitySchemes"] = new JsonObject { ["Bearer"] = bearer } },
            ["security"] = new JsonArray(new JsonObject { ["Bearer"] = new JsonArray() }),
            ["tags"] = tags,
            ["x-unavailable"] = unavailable,
        };
    }
}
