using System.Reflection;
using System.Text.RegularExpressions;
using Refit;

namespace Platform.IntegrationTests.Contract;

/// <summary>A query or path parameter of an SDK method, by the name Refit sends.</summary>
/// <param name="In"><c>path</c> or <c>query</c>, as the document says it.</param>
internal sealed record SdkParameter(string Name, string In, ClrJsonType Type, bool Optional);

/// <summary>
/// One method of the SDK's Refit interfaces, read as Refit reads it: the HTTP method and path of its attribute, its
/// path and query parameters, its body and what it answers.
/// </summary>
internal sealed partial record SdkMethod(
    string Name,
    string HttpMethod,
    string Path,
    IReadOnlyList<SdkParameter> Parameters,
    ParameterInfo? Body,
    ClrJsonType? Response)
{
    public string Operation => $"{HttpMethod} {Path}";

    public override string ToString() => Name;

    /// <summary>Every method of the SDK's Refit interfaces.</summary>
    public static IReadOnlyList<SdkMethod> All() =>
    [
        .. typeof(Platform.Client.PlatformClient).Assembly.GetExportedTypes().Where(type => type.IsInterface)
            .SelectMany(api => api.GetMethods().Select(method => (api, method, http: method.GetCustomAttribute<HttpMethodAttribute>())))
            .Where(entry => entry.http is not null)
            .Select(entry => Read(entry.api, entry.method, entry.http!)),
    ];

    private static SdkMethod Read(Type api, MethodInfo method, HttpMethodAttribute http)
    {
        // Refit's {**name} sends the value's slashes as they are; the document writes the same segment as {name}.
        var path = CatchAll().Replace(http.Path, "{$1}");
        var placeholders = Placeholder().Matches(path).Select(match => match.Groups[1].Value).ToHashSet();
        var parameters = new List<SdkParameter>();
        ParameterInfo? body = null;
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType == typeof(CancellationToken) || IsHeader(parameter))
            {
                // The services do not describe If-Match and Idempotency-Key in their documents, so headers are not compared.
                continue;
            }

            if (parameter.GetCustomAttribute<BodyAttribute>() is not null)
            {
                body = parameter;
                continue;
            }

            var name = parameter.GetCustomAttribute<AliasAsAttribute>()?.Name ?? parameter.GetCustomAttribute<QueryAttribute>()?.Name ?? parameter.Name!;
            var type = ClrJsonType.Of(parameter);
            parameters.Add(new SdkParameter(name, placeholders.Contains(name) ? "path" : "query", type, parameter.HasDefaultValue || type.Nullable));
        }

        var missing = placeholders.Except(parameters.Select(p => p.Name)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{api.Name}.{method.Name}: no parameter for {string.Join(", ", missing)} in {http.Path}.");
        }

        return new SdkMethod($"{api.Name}.{method.Name}", http.Method.Method, path, parameters, body, ResponseOf(method));
    }

    private static bool IsHeader(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<HeaderAttribute>() is not null || parameter.GetCustomAttribute<HeaderCollectionAttribute>() is not null
        || parameter.GetCustomAttribute<AuthorizeAttribute>() is not null;

    /// <summary>What the method answers: T of Task&lt;T&gt; or Task&lt;ApiResponse&lt;T&gt;&gt;; null for a raw response or none.</summary>
    private static ClrJsonType? ResponseOf(MethodInfo method)
    {
        if (!method.ReturnType.IsGenericType || method.ReturnType.GetGenericTypeDefinition() != typeof(Task<>))
        {
            return null;
        }

        var (type, nullness) = (method.ReturnType.GetGenericArguments()[0], Nullness.Of(method.ReturnParameter).Arguments[0]);
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition && (definition == typeof(ApiResponse<>) || definition == typeof(IApiResponse<>)))
        {
            (type, nullness) = (type.GetGenericArguments()[0], nullness.Arguments[0]);
        }

        return type == typeof(HttpResponseMessage) ? null : ClrJsonType.Of(type, nullness);
    }

    [GeneratedRegex(@"\{\*\*(\w+)\}")]
    private static partial Regex CatchAll();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
