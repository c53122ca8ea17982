using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// A body the framework could not read (malformed JSON, a wrong type, an unreadable request) becomes a 4xx
/// validation problem naming the JSON path at fault, instead of a bare "failed to read parameter".
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var field = "body";
        var message = badRequest.Message;
        if (badRequest.InnerException is JsonException json)
        {
            field = string.IsNullOrEmpty(json.Path) ? "body" : json.Path;
            message = json.LineNumber is { } line && json.BytePositionInLine is { } position
                ? $"Not valid JSON for this field (line {line + 1}, position {position + 1})."
                : "Not valid JSON for this field.";
        }

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
}
