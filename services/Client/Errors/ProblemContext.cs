using System.Globalization;
using System.Text;
using System.Text.Json;
using Refit;

namespace Platform.Client;

/// <summary>
/// A failed response read once: its RFC 9457 problem details (when the body is JSON) and what a
/// <see cref="PlatformApiException"/> needs to be built from it.
/// </summary>
internal sealed class ProblemContext
{
    public const string CorrelationIdHeader = "X-Correlation-Id";

    private static readonly HashSet<string> StandardMembers = new(StringComparer.Ordinal) { "type", "title", "status", "detail", "instance", "errors" };

    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, JsonElement> NoExtensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);

    private ProblemContext(HttpRequestMessage request, HttpResponseMessage response, string? content, RefitSettings settings)
    {
        Request = request;
        Response = response;
        Content = content;
        Settings = settings;
    }

    public HttpRequestMessage Request { get; }

    public HttpResponseMessage Response { get; }

    public string? Content { get; }

    public RefitSettings Settings { get; }

    public string? Type { get; private set; }

    public string? Title { get; private set; }

    public string? Detail { get; private set; }

    public string? Instance { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = NoErrors;

    public IReadOnlyDictionary<string, JsonElement> Extensions { get; private set; } = NoExtensions;

    /// <summary>The <c>X-Correlation-Id</c> response header, or else the problem's <c>correlationId</c>.</summary>
    public string? CorrelationId =>
        Response.Headers.TryGetValues(CorrelationIdHeader, out var values) && values.FirstOrDefault() is { Length: > 0 } header
            ? header
            : ExtensionString("correlationId");

    public string? TraceId => ExtensionString("traceId");

    /// <summary>How long the server asks to wait, from the <c>Retry-After</c> header (seconds or a date).</summary>
    public TimeSpan? RetryAfter
    {
        get
        {
            var now = DateTimeOffset.UtcNow;
            return Response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
                _ => null,
            };
        }
    }

    /// <summary>One line for logs: status, title, detail and the field errors.</summary>
    public string Message
    {
        get
        {
            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"{(int)Response.StatusCode} {Title ?? Response.ReasonPhrase ?? "The request failed."}");
            if (!string.IsNullOrWhiteSpace(Detail))
            {
                message.Append(' ').Append(Detail);
            }

            foreach (var (name, errors) in Errors)
            {
                message.Append(CultureInfo.InvariantCulture, $" [{name}: {string.Join(" ", errors)}]");
            }

            return message.ToString();
        }
    }

    /// <summary>Reads the body of <paramref name="response"/>, which must not be successful, and parses its problem details.</summary>
    public static async Task<ProblemContext> ReadAsync(HttpResponseMessage response, RefitSettings settings)
    {
        var request = response.RequestMessage
            ?? throw new InvalidOperationException("The response carries no RequestMessage; send requests through HttpClient.");
        var content = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var context = new ProblemContext(request, response, content, settings);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(content))
        {
            context.Parse(content);
        }

        return context;
    }

    private void Parse(string content)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            var root = document.RootElement;
            Type = StringMember(root, "type");
            Title = StringMember(root, "title");
            Detail = StringMember(root, "detail");
            Instance = StringMember(root, "instance");
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
                foreach (var field in errors.EnumerateObject())
                {
                    fields[field.Name] = Messages(field.Value);
                }

                Errors = fields;
            }

            var extensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var member in root.EnumerateObject().Where(candidate => !StandardMembers.Contains(candidate.Name)))
            {
                extensions[member.Name] = member.Value.Clone();
            }

            Extensions = extensions;
        }
    }

    private string? ExtensionString(string name) =>
        Extensions.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Messages(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => [.. value.EnumerateArray().Select(message => message.ValueKind == JsonValueKind.String ? message.GetString()! : message.GetRawText())],
        JsonValueKind.String => [value.GetString()!],
        _ => [value.GetRawText()],
    };
}
