using System.Text.Json;

namespace Platform.IntegrationTests.Contract;

/// <summary>What a JSON value is, as far as comparing the SDK with the document goes.</summary>
internal enum JsonKind
{
    /// <summary>Any JSON value: an empty schema, or <c>JsonElement</c> in C#.</summary>
    Any,
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,

    /// <summary>A schema this comparison does not read, such as a type list of two non-null types.</summary>
    Unsupported,
}

/// <summary>A schema of the document once its <c>$ref</c>s are followed and its nullability is unwrapped.</summary>
/// <param name="Name">The component's name when it came through a <c>$ref</c>; the cycle guard and the messages use it.</param>
internal sealed record Schema(string? Name, JsonKind Kind, string? Format, bool Nullable, JsonElement Element)
{
    public IEnumerable<(string Name, JsonElement Schema)> Properties =>
        Element.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => (p.Name, p.Value)) : [];

    public JsonElement? Items => Element.TryGetProperty("items", out var items) ? items : null;

    public override string ToString() =>
        $"{(Kind == JsonKind.Unsupported ? Element.GetRawText() : Kind.ToString().ToLowerInvariant())}{(Format is null ? "" : "/" + Format)}"
        + (Name is null ? "" : $" ({Name})") + (Nullable ? " or null" : "");
}

/// <summary>Reads the schemas of an OpenAPI 3.1 document as ASP.NET Core and the gateway write them.</summary>
internal sealed class SchemaWalker(JsonElement document)
{
    private readonly JsonElement _components = document.GetProperty("components").GetProperty("schemas");

    public Schema Resolve(JsonElement schema)
    {
        string? name = null;
        var nullable = false;
        while (true)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                name = reference.GetString()!.Split('/')[^1];
                schema = _components.GetProperty(name);
            }
            else if (NonNullAlternative(schema) is { } alternative)
            {
                // ASP.NET Core writes a nullable reference to a component as oneOf [{ type: null }, { $ref }].
                nullable = true;
                schema = alternative;
            }
            else
            {
                break;
            }
        }

        var types = Types(schema);
        nullable |= types.Remove("null");
        var kind = types switch
        {
            [] => schema.TryGetProperty("properties", out _) ? JsonKind.Object : JsonKind.Any,
            ["string"] => JsonKind.String,
            ["integer"] => JsonKind.Integer,
            ["number"] => JsonKind.Number,
            ["boolean"] => JsonKind.Boolean,
            ["array"] => JsonKind.Array,
            ["object"] => JsonKind.Object,
            _ => JsonKind.Unsupported,
        };
        var format = schema.TryGetProperty("format", out var value) ? value.GetString() : null;
        return new Schema(name, kind, format, nullable, schema);
    }

    private static List<string> Types(JsonElement schema) => !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
        : [type.GetString()!];

    private static JsonElement? NonNullAlternative(JsonElement schema)
    {
        foreach (var keyword in (string[])["oneOf", "anyOf"])
        {
            if (schema.TryGetProperty(keyword, out var alternatives) && alternatives.GetArrayLength() == 2
                && alternatives.EnumerateArray().Count(a => Types(a) is ["null"]) == 1)
            {
                return alternatives.EnumerateArray().Single(a => Types(a) is not ["null"]);
            }
        }

        return null;
    }
}
