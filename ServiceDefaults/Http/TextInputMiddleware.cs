using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Applies <see cref="TextRules"/> to what every request carries before any endpoint sees it: each query parameter is
/// one line, each string of a JSON body is long text at most. A request that breaks them is 400 naming the parameter
/// or the JSON path, and nothing runs. Endpoints' own rules (one-line titles and names, lengths) come after this.
/// </summary>
public sealed class TextInputMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (TextRules.ForbiddenInLine(name) is not null)
            {
                await RefuseAsync(context, "query", "A query parameter's name holds a control character.");
                return;
            }

            foreach (var value in values)
            {
                if (value is not null && TextRules.ForbiddenInLine(value) is { } c)
                {
                    await RefuseAsync(context, name, $"{TextRules.Capitalised(name)} {TextRules.Describe(c)}.");
                    return;
                }
            }
        }

        if (ReadsJsonBody(context))
        {
            var body = await ReadBodyAsync(context.Request);
            if (FindRefusedString(body) is { } refused)
            {
                await RefuseAsync(context, refused.Path, $"The text {TextRules.Describe(refused.Character)}.");
                return;
            }
        }

        await next(context);
    }

    /// <summary>The first string (or property name) of a JSON document that breaks the long-text rule, with its path; null for none or for JSON that is not well formed (binding reports that).</summary>
    public static (string Path, char Character)? FindRefusedString(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var path = new List<PathStep>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(path);
                        path.Add(new PathStep(reader.TokenType == JsonTokenType.StartArray, -1, null));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        path[^1] = path[^1] with { Property = name };
                        if (TextRules.ForbiddenInLongText(name) is { } inName)
                        {
                            return (Render(path), inName);
                        }

                        break;
                    case JsonTokenType.String:
                        Advance(path);
                        // Escapes are the only way a control character reaches a JSON string; most strings have none.
                        if (reader.ValueIsEscaped && TextRules.ForbiddenInLongText(reader.GetString()!) is { } inValue)
                        {
                            return (Render(path), inValue);
                        }

                        break;
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    private static bool ReadsJsonBody(HttpContext context) =>
        context.Request.ContentLength is not 0
        && context.Request.HasJsonContentType()
        && context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is not null;

    /// <summary>The body, read once and put back for the endpoint to bind; the server's body size limit applies as it reads.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request)
    {
        var buffer = new MemoryStream(request.ContentLength is { } length and <= 1 << 20 ? (int)length : 4096);
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        buffer.Position = 0;
        request.Body = buffer;
        request.HttpContext.Response.RegisterForDispose(buffer);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static void Advance(List<PathStep> path)
    {
        if (path.Count > 0 && path[^1].IsArray)
        {
            path[^1] = path[^1] with { Index = path[^1].Index + 1 };
        }
    }

    /// <summary>A path as System.Text.Json writes it in its errors: <c>$.contacts[0].name</c>.</summary>
    private static string Render(List<PathStep> path)
    {
        var text = new StringBuilder("$");
        foreach (var step in path)
        {
            if (step.IsArray)
            {
                text.Append('[').Append(step.Index).Append(']');
            }
            else if (step.Property is { } property)
            {
                text.Append('.').Append(property);
            }
        }

        return text.ToString();
    }

    private Task RefuseAsync(HttpContext context, string field, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            },
        }).AsTask();
    }

    private readonly record struct PathStep(bool IsArray, int Index, string? Property);
}
