using System.Text.Json;
using Refit;

namespace Platform.Client;

/// <summary>
/// The platform answered with an error status. The server's RFC 9457 problem details are parsed into
/// <see cref="Title"/>, <see cref="Detail"/>, <see cref="Errors"/> and the rest; subclasses name the common statuses.
/// It is a Refit <see cref="ApiException"/>, so <see cref="ApiResponse{T}"/> calls carry it in their <c>Error</c>.
/// </summary>
public class PlatformApiException : ApiException
{
    internal PlatformApiException(ProblemContext problem)
        : base(
            problem.Message,
            problem.Request,
            problem.Request.Method,
            problem.Content,
            problem.Response.StatusCode,
            problem.Response.ReasonPhrase,
            problem.Response.Headers,
            problem.Settings,
            null)
    {
        Status = (int)problem.Response.StatusCode;
        Title = problem.Title;
        Detail = problem.Detail;
        Type = problem.Type;
        Instance = problem.Instance;
        Errors = problem.Errors;
        Extensions = problem.Extensions;
        CorrelationId = problem.CorrelationId;
        TraceId = problem.TraceId;
    }

    /// <summary>Gets the HTTP status code, e.g. 404.</summary>
    public int Status { get; }

    /// <summary>Gets the problem's title, e.g. <c>Need 3f2a… was not found.</c>.</summary>
    public string? Title { get; }

    /// <summary>Gets the problem's detail, if the server gave one.</summary>
    public string? Detail { get; }

    /// <summary>Gets the problem's type, a URI naming the kind of problem.</summary>
    public string? Type { get; }

    /// <summary>Gets the problem's instance: the path of the request that failed.</summary>
    public string? Instance { get; }

    /// <summary>
    /// Gets the field errors, keyed by the JSON path of the field at fault (e.g. <c>name</c>, <c>contacts[0].email</c>,
    /// <c>If-Match</c>, or <c>line 7: theme</c> for an import); empty when the problem names no field.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>
    /// Gets the problem's other members, e.g. <c>existingActorId</c> of a duplicate organisation number, <c>status</c>
    /// of a need in the wrong state, or <c>rows</c> of a failed import.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; }

    /// <summary>Gets the correlation id of the failed request, from the <c>X-Correlation-Id</c> response header; quote it to operators.</summary>
    public string? CorrelationId { get; }

    /// <summary>Gets the trace id of the failed request, if the problem carries one.</summary>
    public string? TraceId { get; }

    /// <summary>Reads a failed response into the exception of its status.</summary>
    internal static async Task<PlatformApiException> FromResponseAsync(HttpResponseMessage response, RefitSettings settings)
    {
        var problem = await ProblemContext.ReadAsync(response, settings).ConfigureAwait(false);
        return (int)response.StatusCode switch
        {
            400 => new ValidationFailedException(problem),
            401 => new UnauthorizedException(problem),
            403 => new ForbiddenException(problem),
            404 => new NotFoundException(problem),
            409 => new ConflictException(problem),
            412 or 428 => new PreconditionFailedException(problem),
            413 => new PayloadTooLargeException(problem),
            422 => new UnprocessableException(problem),
            429 => new RateLimitedException(problem),
            503 => new ServiceUnavailableException(problem),
            _ => new PlatformApiException(problem),
        };
    }
}

/// <summary>400: the request is malformed; <see cref="PlatformApiException.Errors"/> names the fields.</summary>
public sealed class ValidationFailedException : PlatformApiException
{
    internal ValidationFailedException(ProblemContext problem)
        : base(problem)
    {
    }
}

/// <summary>401: no valid bearer token was sent.</summary>
public sealed class UnauthorizedException : PlatformApiException
{
    internal UnauthorizedException(ProblemContext problem)
        : base(problem)
    {
    }
}

/// <summary>403: the caller's role or actor may not do this.</summary>
public sealed class ForbiddenException : PlatformApiException
{
    internal ForbiddenException(ProblemContext problem)
        : base(problem)
    {
    }
}

/// <summary>404: the resource does not exist, or the caller may not see it.</summary>
public sealed class NotFoundException : PlatformApiException
{
    internal NotFoundException(ProblemContext problem)
        : base(problem)
    {
    }
}

/// <summary>409: the resource's state does not allow the change (a duplicate, a closed challenge, a need already triaged, ...).</summary>
public sealed class ConflictException : PlatformApiException
{
    internal ConflictException(ProblemContext problem)
        : base(problem)
    {
    }
}

/// <summary>
/// 412 or 428: the <c>If-Match</c> ETag is stale (someone changed the resource: read it again and reapply the change),
/// or it is missing where it is required.
/// </summary>
public sealed class PreconditionFailedException : PlatformApiException
{
    internal PreconditionFailedException(ProblemContext problem)
        : base(problem)
    {
    }
}

/// <summary>413: the request body is too large (an import is at most 10 MiB).</summary>
public sealed class PayloadTooLargeException : PlatformApiException
{
    internal PayloadTooLargeException(ProblemContext problem)
        : base(problem)
    {
    }
}

/// <summary>
/// 422: the request is well-formed but refers to something that does not exist (an actor, theme, municipality, ...)
/// or reuses an idempotency key; <see cref="PlatformApiException.Errors"/> names the fields.
/// </summary>
public sealed class UnprocessableException : PlatformApiException
{
    internal UnprocessableException(ProblemContext problem)
        : base(problem)
    {
    }
}

/// <summary>429: too many requests; wait <see cref="RetryAfter"/> before trying again.</summary>
public sealed class RateLimitedException : PlatformApiException
{
    internal RateLimitedException(ProblemContext problem)
        : base(problem) =>
        RetryAfter = problem.RetryAfter;

    /// <summary>Gets how long to wait, from the <c>Retry-After</c> header; none when the server did not say.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>503: a service or a dependency of it is unavailable; try again after <see cref="RetryAfter"/>.</summary>
public sealed class ServiceUnavailableException : PlatformApiException
{
    internal ServiceUnavailableException(ProblemContext problem)
        : base(problem) =>
        RetryAfter = problem.RetryAfter;

    /// <summary>Gets how long to wait, from the <c>Retry-After</c> header; none when the server did not say.</summary>
    public TimeSpan? RetryAfter { get; }
}
