using System.Text.Json;

namespace Platform.IntegrationTests.Contract;

/// <summary>Which way a value travels, which decides how nullability must agree.</summary>
internal enum Direction
{
    /// <summary>The SDK writes it: it must not send null where the document does not accept null.</summary>
    Request,

    /// <summary>The SDK reads it: it must expect null exactly where the document says null may come.</summary>
    Response,
}

/// <summary>
/// Compares the SDK's Refit methods with the operations of the merged OpenAPI document and collects every mismatch:
/// operations, query and path parameters, request bodies and success answers, property by property, recursively.
/// </summary>
/// <param name="parametersLeftOut">Documented parameters the SDK leaves out on purpose, by operation and name, with the reason.</param>
internal sealed class ContractComparison(OpenApiDocument document, IReadOnlyDictionary<(string Operation, string Parameter), string> parametersLeftOut)
{
    private const string Json = "application/json";
    private readonly SchemaWalker _schemas = new(document.Root);
    private readonly List<string> _mismatches = [];

    /// <summary>Each C# type compared with each component once per direction: a guard against cycles, and one report per mismatch.</summary>
    private readonly HashSet<(Type Type, string Schema, Direction Direction)> _comparedObjects = [];

    private int _operations;
    private int _methods;
    private int _parameters;
    private int _properties;

    public IReadOnlyList<string> Mismatches => _mismatches;

    public string Summary =>
        $"{_operations} of {document.Operations.Count} operations covered by {_methods} SDK methods; {_parameters} parameters and {_properties} properties compared";

    public void Compare(IReadOnlyList<SdkMethod> methods)
    {
        var documented = document.Operations.Select(operation => operation.ToString()).ToHashSet();
        foreach (var method in methods.Where(method => !documented.Contains(method.Operation)))
        {
            _mismatches.Add($"{method.Operation} {method}: no such operation in the document");
        }

        foreach (var operation in document.Operations)
        {
            var covering = methods.Where(method => method.Operation == operation.ToString()).ToList();
            if (covering.Count == 0)
            {
                _mismatches.Add($"{operation}: no SDK method calls it");
                continue;
            }

            _operations++;
            _methods += covering.Count;
            CompareParameters(operation, covering);
            foreach (var method in covering)
            {
                CompareBody(operation, method);
                CompareResponse(operation, method);
            }
        }

        foreach (var ((operation, parameter), _) in parametersLeftOut.Where(entry =>
            !document.Operations.Any(o => o.ToString() == entry.Key.Operation && o.Parameters.ContainsKey(entry.Key.Parameter))))
        {
            _mismatches.Add($"{operation}, parameter {parameter}: left out of the SDK on purpose, but the document no longer has it");
        }
    }

    private void CompareParameters(OpenApiOperation operation, IReadOnlyList<SdkMethod> methods)
    {
        var documented = operation.Parameters;
        foreach (var (name, parameter) in documented)
        {
            if (!methods.Any(method => method.Parameters.Any(p => p.Name == name)) && !parametersLeftOut.ContainsKey((operation.ToString(), name)))
            {
                _mismatches.Add($"{operation} {string.Join(", ", methods)}, {parameter.GetProperty("in").GetString()} parameter {name}: "
                    + $"document {_schemas.Resolve(parameter.GetProperty("schema"))}, not in the SDK");
            }
        }

        foreach (var method in methods)
        {
            foreach (var parameter in method.Parameters)
            {
                var site = $"{operation} {method}, {parameter.In} parameter {parameter.Name}";
                if (!documented.TryGetValue(parameter.Name, out var described))
                {
                    _mismatches.Add($"{site}: SDK {parameter.Type}, not in the document");
                    continue;
                }

                _parameters++;
                var schema = _schemas.Resolve(described.GetProperty("schema"));
                if (described.GetProperty("in").GetString() != parameter.In)
                {
                    _mismatches.Add($"{site}: the document has it in the {described.GetProperty("in").GetString()}");
                }
                else if (!Agree(parameter.Type, schema))
                {
                    _mismatches.Add($"{site}: SDK {parameter.Type} vs document {schema}");
                }
                else if (described.TryGetProperty("required", out var required) && required.GetBoolean() && parameter.Optional)
                {
                    _mismatches.Add($"{site}: required by the document, optional in the SDK");
                }
            }
        }
    }

    private void CompareBody(OpenApiOperation operation, SdkMethod method)
    {
        var site = $"{operation} {method}, request body";
        var content = operation.RequestContent;
        if (method.Body is null || content.Count == 0)
        {
            if (method.Body is not null || content.Count > 0)
            {
                _mismatches.Add($"{site}: SDK {(method.Body is null ? "none" : ClrJsonType.Of(method.Body))} vs document {(content.Count == 0 ? "none" : string.Join(", ", content.Keys))}");
            }

            return;
        }

        if (typeof(HttpContent).IsAssignableFrom(method.Body.ParameterType))
        {
            // Raw content (the CSV import) carries its own media type: the document must take something other than JSON.
            if (content.Keys.All(mediaType => mediaType == Json))
            {
                _mismatches.Add($"{site}: SDK raw content vs document {Json} only");
            }

            return;
        }

        if (!content.TryGetValue(Json, out var schema))
        {
            _mismatches.Add($"{site}: SDK {ClrJsonType.Of(method.Body)} as JSON vs document {string.Join(", ", content.Keys)}");
            return;
        }

        CompareValue(site, "", ClrJsonType.Of(method.Body), schema, Direction.Request);
    }

    private void CompareResponse(OpenApiOperation operation, SdkMethod method)
    {
        if (operation.SuccessResponse is not { } success)
        {
            _mismatches.Add($"{operation} {method}, response: the document has no success (2xx) answer");
            return;
        }

        var site = $"{operation} {method}, response {success.Status}";
        if (method.Response is null)
        {
            // The method hands back the raw response (a rendered report): its content is not JSON to compare.
            return;
        }

        if (!success.Content.TryGetValue(Json, out var schema))
        {
            _mismatches.Add($"{site}: SDK {method.Response} vs no {Json} schema in the document");
            return;
        }

        CompareValue(site, "", method.Response, schema, Direction.Response);
    }

    /// <param name="path">Where in the body the value is, e.g. <c>.contacts[].email</c>.</param>
    private void CompareValue(string site, string path, ClrJsonType sdk, JsonElement element, Direction direction)
    {
        var schema = _schemas.Resolve(element);
        if (!Agree(sdk, schema))
        {
            _mismatches.Add($"{site}{path}: SDK {sdk} vs document {schema}");
            return;
        }

        CompareNullability(site, path, sdk, schema, direction);
        if (sdk.Kind == JsonKind.Array)
        {
            if (schema.Items is { } items)
            {
                CompareValue(site, path + "[]", sdk.Items, items, direction);
            }
            else
            {
                _mismatches.Add($"{site}{path}: the document's array has no items schema");
            }
        }
        else if (sdk.Kind == JsonKind.Object)
        {
            CompareObject(site, path, sdk, schema, direction);
        }
    }

    /// <summary>
    /// Nullability as the document writes it (<c>type: [null, ...]</c>). Its <c>required</c> lists are not compared:
    /// ASP.NET Core lists every constructor parameter there, which says how a service reads a body, not what an answer holds.
    /// </summary>
    private void CompareNullability(string site, string path, ClrJsonType sdk, Schema schema, Direction direction)
    {
        if (direction == Direction.Request)
        {
            if (sdk.SendsNull && !schema.Nullable)
            {
                _mismatches.Add($"{site}{path}: SDK {sdk} may send null, document {schema} does not accept it");
            }
        }
        else if (sdk.Nullable != schema.Nullable)
        {
            _mismatches.Add(sdk.Nullable
                ? $"{site}{path}: SDK {sdk} expects null, document {schema} is never null"
                : $"{site}{path}: document {schema} may be null, SDK {sdk} is not nullable");
        }
    }

    private void CompareObject(string site, string path, ClrJsonType sdk, Schema schema, Direction direction)
    {
        if (schema.Name is { } name && !_comparedObjects.Add((sdk.Type, name, direction)))
        {
            return;
        }

        var sdkProperties = sdk.Properties;
        var documented = schema.Properties.ToList();
        foreach (var (property, propertySchema) in documented)
        {
            if (sdkProperties.TryGetValue(property, out var sdkProperty))
            {
                _properties++;
                CompareValue(site, $"{path}.{property}", sdkProperty, propertySchema, direction);
            }
            else
            {
                _mismatches.Add($"{site}{path}.{property}: document {_schemas.Resolve(propertySchema)}, not in SDK {sdk.Type.Name}");
            }
        }

        foreach (var property in sdkProperties.Keys.Except(documented.Select(p => p.Name)))
        {
            _mismatches.Add($"{site}{path}.{property}: SDK {sdkProperties[property]} in {sdk.Type.Name}, not in document {schema.Name ?? "object"}");
        }
    }

    /// <summary>Whether the C# type writes what the schema describes: the same JSON type, and the same format where it matters.</summary>
    private static bool Agree(ClrJsonType sdk, Schema schema) => sdk.Kind == schema.Kind && sdk.Kind switch
    {
        JsonKind.Unsupported => false,
        JsonKind.String => sdk.Format == schema.Format,
        JsonKind.Integer => schema.Format is null || sdk.Format == schema.Format,
        _ => true,
    };
}
