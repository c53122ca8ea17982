using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway.Apis;

public sealed record DevTokenRequest(string? Role, string? ActorId);

public static class DevTokenApi
{
    /// <summary><c>POST /api/dev/token</c>, mapped in Development only (404 elsewhere).</summary>
    public static WebApplication MapDevTokenApi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return app;
        }

        app.MapPost("/api/dev/token", IssueToken)
            .AllowAnonymous()
            .WithName("IssueDevToken")
            .WithSummary("Issues a development token for a role (Development only).");
        return app;
    }

    public static Results<Ok<DevToken>, ValidationProblem> IssueToken(DevTokenRequest? request, DevTokenIssuer issuer)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Role is not { } role || !PlatformRoles.All.Contains(role))
        {
            errors["role"] = [$"Role must be one of: {string.Join(", ", PlatformRoles.All)}."];
        }

        Guid? actorId = null;
        if (!string.IsNullOrWhiteSpace(request?.ActorId))
        {
            if (Guid.TryParse(request.ActorId, out var parsed))
            {
                actorId = parsed;
            }
            else
            {
                errors["actorId"] = ["ActorId must be a GUID."];
            }
        }
        else if (request?.Role == PlatformRoles.Actor)
        {
            errors["actorId"] = ["ActorId is required for the actor role."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(issuer.Issue(request!.Role!, actorId));
    }
}
