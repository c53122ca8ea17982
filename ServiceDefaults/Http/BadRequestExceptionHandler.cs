using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// A request the framework could not bind (malformed JSON, a wrong type, a query parameter that is not a number or an
/// id, an unreadable request) becomes a 4xx validation problem naming the JSON path or the parameter at fault, in
/// words a client's developer reads, instead of a bare "failed to read parameter" with .NET type names.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var (field, message) = Describe(httpContext, badRequest);
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = badRequest.StatusCode,
                Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request is not valid.",
            },
        });
    }

    private static (string Field, string Message) Describe(HttpContext context, BadHttpRequestException badRequest)
    {
        if (badRequest.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "body" : json.Path;
            return (field, json.LineNumber is { } line && json.BytePositionInLine is { } position
                ? $"Not valid JSON for this field (line {line + 1}, position {position + 1})."
                : "Not valid JSON for this field.");
        }

        if (ParameterBindingFailed().Match(badRequest.Message) is { Success: true } failed)
        {
            var name = QueryName(context, failed.Groups["name"].Value);
            return (name, $"{TextRules.Capitalised(name)} must be {Expected(failed.Groups["type"].Value)}.");
        }

        if (RequiredParameterMissing().Match(badRequest.Message) is { Success: true } missing)
        {
            var name = QueryName(context, missing.Groups["name"].Value);
            return (name, $"{TextRules.Capitalised(name)} is required: {Expected(missing.Groups["type"].Value)}.");
        }

        if (badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("body", "The request body is larger than this endpoint accepts.");
        }

        return ("body", badRequest.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? "The body must be JSON (Content-Type: application/json)."
            : "The request body could not be read.");
    }

    /// <summary>What a value of the bound type looks like, in words rather than .NET type names.</summary>
    private static string Expected(string typeName) => typeName.TrimEnd('?') switch
    {
        "Guid" => "an id (a UUID, e.g. 0190c9d2-7a4e-7c3b-9f1e-2d5a6b7c8d9e)",
        "int" or "long" or "short" => "a whole number",
        "decimal" or "double" or "float" => "a number",
        "bool" => "true or false",
        "DateOnly" => "a date, YYYY-MM-DD",
        "DateTimeOffset" or "DateTime" => "a date and time, ISO 8601",
        _ => "a valid value",
    };

    /// <summary>
    /// The name the client used: the framework names the C# parameter (or the property of an <c>[AsParameters]</c>
    /// record), which may differ from the query key given by <c>[FromQuery(Name = ...)]</c> or in casing.
    /// </summary>
    private static string QueryName(HttpContext context, string parameterName)
    {
        var method = context.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>();
        foreach (var parameter in method?.GetParameters() ?? [])
        {
            var candidates = parameter.GetCustomAttribute<AsParametersAttribute>() is not null
                ? parameter.ParameterType.GetConstructors().SelectMany(constructor => constructor.GetParameters())
                : [parameter];
            foreach (var candidate in candidates)
            {
                if (string.Equals(candidate.Name, parameterName, StringComparison.Ordinal))
                {
                    return candidate.GetCustomAttributes().OfType<IFromQueryMetadata>().FirstOrDefault()?.Name ?? CamelCase(parameterName);
                }
            }
        }

        return CamelCase(parameterName);
    }

    private static string CamelCase(string name) => name.Length == 0 ? name : string.Concat(char.ToLowerInvariant(name[0]).ToString(), name.AsSpan(1));

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\" from", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterBindingFailed();

    [GeneratedRegex("^Required parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\" was not provided", RegexOptions.CultureInvariant)]
    private static partial Regex RequiredParameterMissing();
}
