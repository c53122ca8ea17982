using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Platform.Gateway.Routing;

namespace Platform.Gateway.OpenApi;

/// <summary>
/// The platform's public API as one OpenAPI document: the gateway's own and each service's <c>/openapi/v1.json</c>,
/// public paths only (<c>/api/...</c>), schemas merged (a name two services use for different shapes is suffixed
/// with the service's name). Kept for a minute; a service that does not answer is listed in <c>x-unavailable</c>
/// and the document is tried again on the next request.
/// </summary>
public sealed class OpenApiMerger(
    IHttpClientFactory httpClientFactory,
    [FromKeyedServices(OpenApiMerger.OwnDocumentName)] IOpenApiDocumentProvider ownDocument,
    TimeProvider timeProvider,
    ILogger<OpenApiMerger> logger)
{
    public const string HttpClientName = "openapi";

    /// <summary>The gateway's own document (its <c>/api/dev/token</c> in Development), generated like every service's.</summary>
    private const string OwnDocumentName = "v1";
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Json, DateTimeOffset Until)? _cached;

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

            var sources = new List<(string Name, string? Json)> { ("gateway", Json(await ownDocument.GetOpenApiDocumentAsync(cancellationToken))) };
            foreach (var cluster in GatewayRoutes.Clusters)
            {
                sources.Add((cluster, await FetchAsync(cluster, cancellationToken)));
            }

            var merged = Json(Merge(sources));
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
    public static OpenApiDocument Merge(IReadOnlyList<(string Name, string? Json)> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var paths = new OpenApiPaths();
        var schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var tags = new List<OpenApiTag>();
        var unavailable = new JsonArray();
        foreach (var (name, json) in sources)
        {
            if (json is null)
            {
                unavailable.Add(name);
                continue;
            }

            var document = OpenApiDocument.Parse(json, OpenApiConstants.Json).Document
                ?? throw new InvalidOperationException($"The OpenAPI document of {name} could not be read.");
            var own = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
            var renamed = own
                .Where(entry => schemas.TryGetValue(entry.Key, out var existing) && !SameShape(existing, entry.Value))
                .ToDictionary(entry => entry.Key, entry => $"{entry.Key}_{name}");
            if (renamed.Count > 0)
            {
                // This document uses names another one already uses for a different shape: its own get its name as suffix.
                new OpenApiWalker(new SchemaReferenceRenamer(renamed)).Walk(document);
            }

            foreach (var (schema, value) in own)
            {
                schemas.TryAdd(renamed.GetValueOrDefault(schema, schema), value);
            }

            foreach (var (path, item) in document.Paths.Where(entry => entry.Key.StartsWith("/api/", StringComparison.Ordinal)))
            {
                paths[path] = item;
            }

            tags.AddRange(document.Tags ?? new HashSet<OpenApiTag>());
        }

        var merged = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Platform for the new industrialisation of Norrbotten and Västerbotten",
                Version = "v1",
                Description = "The public API of every service, through the gateway. JSON, camelCase; errors are RFC 9457 problem details.",
            },
            Servers = [new OpenApiServer { Url = "/" }],
            Paths = paths,
            Components = new OpenApiComponents
            {
                Schemas = schemas,
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["Bearer"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "JWT",
                        Description = "A token of the platform's OIDC authority (in Development: POST /api/dev/token).",
                    },
                },
            },
            Tags = new HashSet<OpenApiTag>(tags.DistinctBy(tag => tag.Name)),
            Extensions = new Dictionary<string, IOpenApiExtension> { ["x-unavailable"] = new JsonNodeExtension(unavailable) },
        };
        // The requirement names the scheme by a reference, which resolves in the document's registered components.
        merged.RegisterComponents();
        merged.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", merged)] = [] }];
        return merged;
    }

    /// <summary>The element as compact OpenAPI 3.1 JSON.</summary>
    private static string Json(IOpenApiSerializable element)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        element.SerializeAsV31(new OpenApiJsonWriter(text, new OpenApiJsonWriterSettings { Terse = true }));
        return text.ToString();
    }

    private static bool SameShape(IOpenApiSchema one, IOpenApiSchema other) => JsonNode.DeepEquals(JsonNode.Parse(Json(one)), JsonNode.Parse(Json(other)));

    /// <summary>
    /// Points the schema references of a document at the new names of its renamed schemas, wherever OpenAPI lets a
    /// schema stand: in a schema, a media type, a parameter or a header.
    /// </summary>
    private sealed class SchemaReferenceRenamer(IReadOnlyDictionary<string, string> renamed) : OpenApiVisitorBase
    {
        public override void Visit(IOpenApiSchema schema)
        {
            if (schema is not OpenApiSchema inline)
            {
                return;
            }

            inline.Items = Renamed(inline.Items);
            inline.Not = Renamed(inline.Not);
            inline.AdditionalProperties = Renamed(inline.AdditionalProperties);
            foreach (var list in new[] { inline.AllOf, inline.AnyOf, inline.OneOf }.OfType<IList<IOpenApiSchema>>())
            {
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = Renamed(list[i])!;
                }
            }

            foreach (var property in inline.Properties?.Keys.ToList() ?? [])
            {
                inline.Properties![property] = Renamed(inline.Properties[property])!;
            }

            foreach (var value in inline.Discriminator?.Mapping?.Keys.ToList() ?? [])
            {
                inline.Discriminator!.Mapping![value] = (OpenApiSchemaReference)Renamed(inline.Discriminator.Mapping[value])!;
            }
        }

        public override void Visit(OpenApiMediaType mediaType) => mediaType.Schema = Renamed(mediaType.Schema);

        public override void Visit(IOpenApiParameter parameter)
        {
            if (parameter is OpenApiParameter inline)
            {
                inline.Schema = Renamed(inline.Schema);
            }
        }

        public override void Visit(IOpenApiHeader header)
        {
            if (header is OpenApiHeader inline)
            {
                inline.Schema = Renamed(inline.Schema);
            }
        }

        /// <summary>The same reference under the schema's new name (keeping what it says beside <c>$ref</c>), or the schema as it is.</summary>
        private IOpenApiSchema? Renamed(IOpenApiSchema? schema) =>
            schema is OpenApiSchemaReference { Reference: { Id: { } id } reference } && renamed.TryGetValue(id, out var name)
                ? new OpenApiSchemaReference(name) { Reference = new JsonSchemaReference(reference) { Id = name } }
                : schema;
    }
}
