using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults.Http;

/// <summary>Field errors of a request: malformed input (400) or unknown references (422).</summary>
public sealed class ValidationErrors
{
    public Dictionary<string, string[]> Malformed { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string[]> UnknownReferences { get; } = new(StringComparer.Ordinal);

    public bool Any => Malformed.Count > 0 || UnknownReferences.Count > 0;

    /// <summary>Records a malformed-field error unless <paramref name="value"/> is one of <paramref name="allowed"/> (or absent and optional).</summary>
    public bool RequireOneOf(string field, string? value, IReadOnlyCollection<string> allowed, bool required = true)
    {
        if ((value is null && !required) || (value is not null && allowed.Contains(value)))
        {
            return true;
        }

        Malformed[field] = [$"{char.ToUpperInvariant(field[0])}{field[1..]} must be one of: {string.Join(", ", allowed)}."];
        return false;
    }
}

/// <summary>RFC 9457 problem details the services answer with; each names what is wrong.</summary>
public static class ApiProblems
{
    /// <summary>
    /// 400 when any field is malformed; otherwise 422 for references to things that do not exist. <paramref name="title"/>
    /// says more than the general title where the caller knows more (e.g. a key used with another request).
    /// </summary>
    public static ProblemHttpResult Validation(ValidationErrors errors, string? title = null) =>
        errors.Malformed.Count > 0
            ? TypedResults.Problem(new HttpValidationProblemDetails(errors.Malformed)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = title ?? "The request is not valid.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            })
            : TypedResults.Problem(new HttpValidationProblemDetails(errors.UnknownReferences)
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = title ?? "The request refers to something that does not exist.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.21",
            });

    public static ProblemHttpResult Malformed(string field, string message) =>
        Validation(new ValidationErrors { Malformed = { [field] = [message] } });

    /// <summary>422 naming the field of a well-formed request that cannot be processed.</summary>
    public static ProblemHttpResult Unprocessable(string title, string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = title,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        });

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: $"{what} was not found.", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Stale(int? currentVersion) =>
        TypedResults.Problem(
            title: "The resource was changed by someone else.",
            detail: currentVersion is { } version ? $"The current version is {ETags.From(version)}; read it again and reapply your change." : "Read it again and reapply your change.",
            statusCode: StatusCodes.Status412PreconditionFailed);

    /// <summary>
    /// The version an update must match, from a required <c>If-Match</c>: a problem (428 when the header is missing,
    /// 412 for weak tags, which never match, 400 for tags not of this API) or null with the version, null for <c>*</c>.
    /// </summary>
    public static ProblemHttpResult? RequireIfMatch(HttpRequest request, out int? version) => ReadIfMatch(request, required: true, out version);

    /// <summary>As <see cref="RequireIfMatch"/>, for an endpoint where <c>If-Match</c> is optional: absent is null, as <c>*</c>.</summary>
    public static ProblemHttpResult? OptionalIfMatch(HttpRequest request, out int? version) => ReadIfMatch(request, required: false, out version);

    private static ProblemHttpResult? ReadIfMatch(HttpRequest request, bool required, out int? version)
    {
        version = null;
        switch (ETags.ReadIfMatch(request, out var tagged))
        {
            case IfMatchKind.Absent:
                return required ? PreconditionRequired() : null;
            case IfMatchKind.Any:
                return null;
            case IfMatchKind.Version:
                version = tagged;
                return null;
            case IfMatchKind.Never:
                return TypedResults.Problem(
                    title: "The resource was changed by someone else.",
                    detail: "A weak entity tag (W/\"...\") never matches If-Match; send the ETag as the API gave it, e.g. \"3\".",
                    statusCode: StatusCodes.Status412PreconditionFailed);
            default:
                return InvalidIfMatch();
        }
    }

    public static ProblemHttpResult InvalidIfMatch() => Malformed("If-Match", "If-Match must be one ETag of this API, e.g. \"3\", or *.");

    public static ProblemHttpResult PreconditionRequired() =>
        TypedResults.Problem(title: "An If-Match header with the resource's ETag is required.", statusCode: StatusCodes.Status428PreconditionRequired);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Forbidden.", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict, extensions: extensions);
}
