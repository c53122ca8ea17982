using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Client.Models;

namespace Platform.ServiceDefaults.Http;

/// <summary>The answers of the endpoints that read or change one versioned resource (a challenge, an effort, a forum).</summary>
public static class VersionedResults
{
    /// <summary>200 with the resource and its ETag, or 404 naming <paramref name="resource"/>.</summary>
    public static Results<Ok<T>, ProblemHttpResult> Read<T>(T? value, string resource, HttpResponse response) where T : class, IVersioned
    {
        if (value is null)
        {
            return ApiProblems.NotFound(resource);
        }

        ETags.Set(response, value.Version);
        return TypedResults.Ok(value);
    }

    /// <summary>A change that names the version it was made against: 428 without <c>If-Match</c>, else the store's outcome.</summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> WriteIfMatchedAsync<T>(string resource, HttpContext context, Func<int?, Task<WriteResult<T>>> write)
        where T : class, IVersioned
    {
        if (ApiProblems.RequireIfMatch(context.Request, out var version) is { } ifMatch)
        {
            return ifMatch;
        }

        return (await write(version)).ToOk(resource, context.Response);
    }
}
