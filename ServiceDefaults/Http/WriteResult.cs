using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Client.Models;

namespace Platform.ServiceDefaults.Http;

/// <summary>What a store's write did; every service's API maps it to HTTP through <see cref="WriteResults"/>.</summary>
public enum WriteStatus
{
    /// <summary>A new resource (201).</summary>
    Created,

    /// <summary>An existing resource changed, or an action on it took effect (200).</summary>
    Updated,

    /// <summary>A repeated idempotent request: the first answer again, marked <c>Idempotent-Replayed: true</c>.</summary>
    Replayed,

    /// <summary>The resource addressed does not exist (404).</summary>
    NotFound,

    /// <summary><c>If-Match</c> named an older version (412, naming the current one).</summary>
    Stale,

    /// <summary>Fields found wrong by the store, e.g. references to things that do not exist (400 or 422).</summary>
    Invalid,

    /// <summary>The resource's state does not allow the write (409).</summary>
    Conflict,

    /// <summary>The caller may read the resource but not do this to it (403).</summary>
    Forbidden,
}

/// <summary>
/// The one outcome type of store writes: the status, the resource as it is now (after a success, and after a stale or
/// conflicting write when the store read it), and what the answer needs to explain a failure.
/// </summary>
public sealed record WriteResult<T>(WriteStatus Status, T? Value = null) where T : class
{
    public ValidationErrors? Errors { get; init; }

    public string? Title { get; init; }

    public string? Detail { get; init; }

    public IDictionary<string, object?>? Extensions { get; init; }

    public bool Succeeded => Status is WriteStatus.Created or WriteStatus.Updated or WriteStatus.Replayed;
}

/// <summary>Constructors of <see cref="WriteResult{T}"/> that read as the outcome they stand for.</summary>
public static class WriteResult
{
    public static WriteResult<T> Created<T>(T value) where T : class => new(WriteStatus.Created, value);

    public static WriteResult<T> Updated<T>(T value) where T : class => new(WriteStatus.Updated, value);

    public static WriteResult<T> Replayed<T>(T value) where T : class => new(WriteStatus.Replayed, value);

    public static WriteResult<T> NotFound<T>() where T : class => new(WriteStatus.NotFound);

    /// <summary>Stale, with the current representation when the store has it (its version goes into the answer).</summary>
    public static WriteResult<T> Stale<T>(T? current = null) where T : class => new(WriteStatus.Stale, current);

    public static WriteResult<T> Invalid<T>(ValidationErrors errors) where T : class => new(WriteStatus.Invalid) { Errors = errors };

    /// <summary>422 naming the field of a well-formed request that refers to something that does not exist.</summary>
    public static WriteResult<T> UnknownReference<T>(string field, string message) where T : class =>
        Invalid<T>(new ValidationErrors { UnknownReferences = { [field] = [message] } });

    public static WriteResult<T> Conflict<T>(string title, string detail, T? current = null, IDictionary<string, object?>? extensions = null)
        where T : class =>
        new(WriteStatus.Conflict, current) { Title = title, Detail = detail, Extensions = extensions };

    public static WriteResult<T> Forbidden<T>(string detail) where T : class => new(WriteStatus.Forbidden) { Detail = detail };
}

/// <summary>The one place store outcomes become HTTP answers: status codes, ETags, problem details.</summary>
public static class WriteResults
{
    public const string IdempotentReplayHeader = "Idempotent-Replayed";

    /// <summary>200 with the resource and its ETag, or the problem; <paramref name="resource"/> names it, e.g. "Need 3f2…".</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToOk<T>(this WriteResult<T> result, string resource, HttpResponse response)
        where T : class, IVersioned =>
        result.Problem(resource) is { } problem ? problem : TypedResults.Ok(Success(result, response));

    /// <summary>201 with <c>Location</c> for a new resource (and its replays), 200 for an update, or the problem.</summary>
    public static Results<Created<T>, Ok<T>, ProblemHttpResult> ToCreated<T>(
        this WriteResult<T> result, string resource, HttpResponse response, Func<T, string> location)
        where T : class, IVersioned
    {
        if (result.Problem(resource) is { } problem)
        {
            return problem;
        }

        var value = Success(result, response);
        return result.Status == WriteStatus.Updated ? TypedResults.Ok(value) : TypedResults.Created(location(value), value);
    }

    /// <summary>The problem details of a failed write, or null when it succeeded.</summary>
    public static ProblemHttpResult? Problem<T>(this WriteResult<T> result, string resource) where T : class =>
        result.Status switch
        {
            WriteStatus.Created or WriteStatus.Updated or WriteStatus.Replayed => null,
            WriteStatus.NotFound => ApiProblems.NotFound(resource),
            WriteStatus.Stale => ApiProblems.Stale((result.Value as IVersioned)?.Version),
            WriteStatus.Invalid => ApiProblems.Validation(result.Errors ?? new ValidationErrors(), result.Title),
            WriteStatus.Conflict => ApiProblems.Conflict(result.Title ?? $"{resource} does not allow this now.", result.Detail ?? string.Empty, result.Extensions),
            WriteStatus.Forbidden => ApiProblems.Forbidden(result.Detail ?? $"You may not change {resource}."),
            _ => throw new ArgumentOutOfRangeException(nameof(result), result.Status, "Unknown write status."),
        };

    private static T Success<T>(WriteResult<T> result, HttpResponse response) where T : class, IVersioned
    {
        var value = result.Value ?? throw new InvalidOperationException($"A successful write ({result.Status}) carries the resource.");
        if (result.Status == WriteStatus.Replayed)
        {
            response.Headers[IdempotentReplayHeader] = "true";
        }

        ETags.Set(response, value.Version);
        return value;
    }
}
