using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Platform.Client.Models;
using Platform.Notifications.Data;
using Platform.Notifications.Domain;
using Platform.Notifications.Webhooks;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Notifications.Apis;

public sealed record PageParameters([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
{
    public PageRequest ToPage() => PageRequest.Parse(Page, PageSize, new Dictionary<string, string[]>());
}

public sealed record DeliverySearchParameters(
    [FromQuery(Name = "status")] string? Status, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
{
    public PageRequest ToPage() => PageRequest.Parse(Page, PageSize, new Dictionary<string, string[]>());
}

/// <summary>
/// Webhook subscriptions: coordinators make them for any actor's view or for everything, an actor's user for its own
/// actor's. Each caller sees and changes only the subscriptions it may (others are 404).
/// </summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(PlatformPolicies.ActorOrCoordinator);
        group.MapPost("/", Create).WithName("CreateWebhook")
            .WithSummary("Subscribes a receiver to event types (by name, area.* or *), optionally filtered by county and theme; the answer carries the signing secret, once.")
            .Validates<WebhookRequest>();
        group.MapGet("/", List).WithName("ListWebhooks").WithSummary("The caller's subscriptions (a coordinator's: all), newest first.").Validates<PageParameters>();
        group.MapGet("/{id:guid}", Get).WithName("GetWebhook").WithSummary("A subscription.");
        group.MapPost("/{id:guid}/pause", Pause).WithName("PauseWebhook").WithSummary("Pauses a subscription: its deliveries wait until it is resumed.");
        group.MapPost("/{id:guid}/resume", Resume).WithName("ResumeWebhook").WithSummary("Resumes a paused or disabled subscription; the waiting deliveries go out in order.");
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhook").WithSummary("Deletes a subscription and its deliveries.");
        group.MapPost("/{id:guid}/secret", RotateSecret).WithName("RotateWebhookSecret")
            .WithSummary("A new signing secret, returned once; the previous one also signs for the overlap (24 hours unless asked).")
            .Validates<SecretRotationRequest>(bodyOptional: true);
        group.MapGet("/{id:guid}/deliveries", Deliveries).WithName("ListWebhookDeliveries")
            .WithSummary("The subscription's deliveries, newest first, each with every attempt (status, duration, response code, the first bytes of the answer).")
            .Validates<DeliverySearchParameters>();
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", RedeliverOne).WithName("RedeliverWebhookDelivery")
            .WithSummary("Sends a delivered or dead delivery again, with a fresh day of attempts; 409 while it is pending.");
        group.MapPost("/{id:guid}/redeliver", RedeliverDead).WithName("RedeliverDeadWebhookDeliveries").WithSummary("Sends every dead delivery of the subscription again.");
        group.MapPost("/{id:guid}/ping", Ping).WithName("PingWebhook").WithSummary("Queues a signed test event (webhooks.ping) for the receiver.");
        return app;
    }

    public static async Task<Results<Created<WebhookSubscription>, ProblemHttpResult>> Create(
        WebhookRequest request, WebhookStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var user = context.User;
        var actorId = user.IsCoordinator() ? request.ActorId : user.ActorId();
        if (!user.IsCoordinator() && request.ActorId is { } asked && asked != actorId)
        {
            return ApiProblems.Forbidden("An actor's user subscribes for its own actor only.");
        }

        if (user.IsCoordinator() && actorId is { } named && !await store.ActorKnownAsync(named, cancellationToken))
        {
            return ApiProblems.Validation(new ValidationErrors { UnknownReferences = { ["actorId"] = [$"Actor {named} is not known."] } });
        }

        var filters = request.Filters ?? new WebhookFilters();
        var created = await store.CreateAsync(
            new NewSubscription(actorId, request.Url.Trim(), [.. request.EventTypes.Select(type => type.Trim()).Distinct(StringComparer.Ordinal)], filters.County, filters.Theme,
                user.DisplayName()), cancellationToken);
        return TypedResults.Created($"/api/webhooks/{created.Id}", created);
    }

    public static async Task<Ok<PagedResult<WebhookSubscription>>> List([AsParameters] PageParameters parameters, WebhookStore store, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(OwnerOf(context.User), parameters.ToPage(), cancellationToken));

    public static async Task<Results<Ok<WebhookSubscription>, ProblemHttpResult>> Get(Guid id, WebhookStore store, HttpContext context, CancellationToken cancellationToken) =>
        Found(await store.GetAsync(id, OwnerOf(context.User), cancellationToken), id);

    public static async Task<Results<Ok<WebhookSubscription>, ProblemHttpResult>> Pause(Guid id, WebhookStore store, HttpContext context, CancellationToken cancellationToken) =>
        Found(await store.SetStatusAsync(id, OwnerOf(context.User), active: false, cancellationToken), id);

    public static async Task<Results<Ok<WebhookSubscription>, ProblemHttpResult>> Resume(
        Guid id, WebhookStore store, DeliverySignal signal, HttpContext context, CancellationToken cancellationToken)
    {
        var resumed = await store.SetStatusAsync(id, OwnerOf(context.User), active: true, cancellationToken);
        signal.Queued();
        return Found(resumed, id);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, WebhookStore store, HttpContext context, CancellationToken cancellationToken) =>
        await store.DeleteAsync(id, OwnerOf(context.User), cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    public static async Task<Results<Ok<WebhookSubscription>, ProblemHttpResult>> RotateSecret(
        Guid id, SecretRotationRequest? request, WebhookStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var overlap = request?.OverlapHours is { } hours ? TimeSpan.FromHours(hours) : WebhookRules.DefaultOverlap;
        return Found(await store.RotateSecretAsync(id, OwnerOf(context.User), overlap, cancellationToken), id);
    }

    public static async Task<Results<Ok<PagedResult<WebhookDelivery>>, ProblemHttpResult>> Deliveries(
        Guid id, [AsParameters] DeliverySearchParameters parameters, WebhookStore store, HttpContext context, CancellationToken cancellationToken) =>
        await SeesAsync(id, store, context, cancellationToken)
            ? TypedResults.Ok(await store.DeliveriesAsync(id, parameters.Status, parameters.ToPage(), cancellationToken))
            : NotFound(id);

    public static async Task<Results<Ok<WebhookDelivery>, ProblemHttpResult>> RedeliverOne(
        Guid id, Guid deliveryId, WebhookStore store, DeliverySignal signal, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await SeesAsync(id, store, context, cancellationToken))
        {
            return NotFound(id);
        }

        var result = await store.RedeliverAsync(id, deliveryId, cancellationToken);
        signal.Queued();
        return result.Problem($"Delivery {deliveryId}") is { } problem ? problem : TypedResults.Ok(result.Value!);
    }

    public static async Task<Results<Ok<Redelivery>, ProblemHttpResult>> RedeliverDead(
        Guid id, WebhookStore store, DeliverySignal signal, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await SeesAsync(id, store, context, cancellationToken))
        {
            return NotFound(id);
        }

        var requeued = await store.RedeliverDeadAsync(id, cancellationToken);
        signal.Queued();
        return TypedResults.Ok(new Redelivery(requeued));
    }

    public static async Task<Results<Accepted<WebhookDelivery>, ProblemHttpResult>> Ping(
        Guid id, WebhookStore store, DeliverySignal signal, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await SeesAsync(id, store, context, cancellationToken))
        {
            return NotFound(id);
        }

        var delivery = await store.PingAsync(id, cancellationToken);
        signal.Queued();
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries", delivery);
    }

    private static Owner OwnerOf(ClaimsPrincipal user) => new(user.IsCoordinator(), user.ActorId());

    /// <summary>Whether the caller may see the subscription; one it may not is answered as one that does not exist.</summary>
    private static async Task<bool> SeesAsync(Guid id, WebhookStore store, HttpContext context, CancellationToken cancellationToken) =>
        await store.GetAsync(id, OwnerOf(context.User), cancellationToken) is not null;

    private static ProblemHttpResult NotFound(Guid id) => ApiProblems.NotFound($"Webhook subscription {id}");

    private static Results<Ok<WebhookSubscription>, ProblemHttpResult> Found(WebhookSubscription? subscription, Guid id) =>
        subscription is null ? NotFound(id) : TypedResults.Ok(subscription);
}
