using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Client.Models;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Gateway.Apis;

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
            .Validates<DevTokenRequest>()
            .WithName("IssueDevToken")
            .WithSummary("Issues a development token for a role (Development only).");
        return app;
    }

    public static Ok<DevToken> IssueToken(DevTokenRequest? request, DevTokenIssuer issuer) =>
        TypedResults.Ok(issuer.Issue(request!.Role, request.ActorId));
}

/// <summary>A known role; the actor role acts for an actor.</summary>
public sealed class DevTokenRequestValidator : IRequestValidator<DevTokenRequest>
{
    public ValueTask ValidateAsync(DevTokenRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        errors.RequireOneOf("role", request.Role, PlatformRoles.All);
        if (request.Role == PlatformRoles.Actor && request.ActorId is null)
        {
            errors.Malformed["actorId"] = ["ActorId is required for the actor role."];
        }

        return ValueTask.CompletedTask;
    }
}
