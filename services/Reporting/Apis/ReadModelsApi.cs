using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Reporting.ReadModels;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Apis;

/// <summary>The operation on the read models: their rebuild from the event log.</summary>
public static class ReadModelsApi
{
    public static IEndpointRouteBuilder MapReadModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/operations/read-models/rebuild", RebuildReadModels).WithTags("Operations").WithName("RebuildReadModels")
            .WithSummary("Rebuilds the read models from the event log (operator key or coordinator).").AllowAnonymous();
        return app;
    }

    public static async Task<Results<Ok<RebuildResult>, ProblemHttpResult>> RebuildReadModels(
        HttpContext context, EventLog eventLog, ILogger<EventLog> logger, CancellationToken cancellationToken)
    {
        if (OperatorAccess.Refuse(context) is { } refused)
        {
            return refused;
        }

        logger.LogWarning("Read-model rebuild requested by {Caller}", OperatorAccess.Caller(context));
        return TypedResults.Ok(await eventLog.RebuildAsync(cancellationToken));
    }
}
