using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway;

namespace Platform.IntegrationTests.Contract;

/// <summary>An operation of the merged OpenAPI document: its method, its path template and what the document says of it.</summary>
internal sealed record OpenApiOperation(string Method, string Path, JsonElement Element)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>The operation's query and path parameters by name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Parameters =>
        Element.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() is "query" or "path").ToDictionary(p => p.GetProperty("name").GetString()!)
            : new Dictionary<string, JsonElement>();

    /// <summary>The request body's schema per content type; empty when the operation takes no body.</summary>
    public IReadOnlyDictionary<string, JsonElement> RequestContent =>
        Element.TryGetProperty("requestBody", out var body) ? Content(body) : new Dictionary<string, JsonElement>();

    /// <summary>The first success answer (2xx): its status and its schema per content type.</summary>
    public (string Status, IReadOnlyDictionary<string, JsonElement> Content)? SuccessResponse
    {
        get
        {
            var success = Element.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
            return success.Count == 0 ? null : (success[0].Name, Content(success[0].Value));
        }
    }

    private static IReadOnlyDictionary<string, JsonElement> Content(JsonElement owner) =>
        owner.TryGetProperty("content", out var content)
            ? content.EnumerateObject().Where(c => c.Value.TryGetProperty("schema", out _)).ToDictionary(c => c.Name, c => c.Value.GetProperty("schema"))
            : new Dictionary<string, JsonElement>();
}

/// <summary>The gateway's merged OpenAPI document of the public API, read as a client of the platform reads it.</summary>
internal sealed class OpenApiDocument
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch"];

    private OpenApiDocument(JsonElement root)
    {
        Root = root;
        Operations =
        [
            .. root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => HttpMethods.Contains(operation.Name))
                .Select(operation => new OpenApiOperation(operation.Name.ToUpperInvariant(), path.Name, operation.Value))),
        ];
    }

    public JsonElement Root { get; }

    public IReadOnlyList<OpenApiOperation> Operations { get; }

    public static async Task<OpenApiDocument> ReadAsync(PlatformFixture platform, CancellationToken cancellationToken)
    {
        using var client = platform.CreateGatewayClient();
        return new OpenApiDocument(await client.GetFromJsonAsync<JsonElement>(GatewayExtensions.MergedOpenApiPath, cancellationToken));
    }
}
