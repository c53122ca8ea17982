using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>
/// Webhook subscriptions: the platform posts its events to a back-office system as they happen, signed by the Standard
/// Webhooks specification (verify them with <see cref="WebhookSignature"/>). Coordinators subscribe for everything or
/// any actor's view; an actor's user for its own actor's. Each call throws the typed <see cref="PlatformApiException"/>.
/// </summary>
public interface IWebhooksApi
{
    /// <summary>Subscribes a receiver (<c>POST /api/webhooks</c>; coordinators and actors' users).</summary>
    /// <param name="request">The receiver, the event types and the filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subscription with its signing secret, which no later answer repeats.</returns>
    [Post("/api/webhooks")]
    Task<WebhookSubscription> CreateAsync([Body] WebhookRequest request, CancellationToken cancellationToken = default);

    /// <summary>The caller's subscriptions, newest first (<c>GET /api/webhooks</c>).</summary>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of subscriptions.</returns>
    [Get("/api/webhooks")]
    Task<PagedResult<WebhookSubscription>> ListAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>A subscription (<c>GET /api/webhooks/{id}</c>; 404 when it is not the caller's).</summary>
    /// <param name="id">The subscription's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subscription.</returns>
    [Get("/api/webhooks/{id}")]
    Task<WebhookSubscription> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Pauses a subscription: its deliveries wait (<c>POST /api/webhooks/{id}/pause</c>).</summary>
    /// <param name="id">The subscription's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subscription, paused.</returns>
    [Post("/api/webhooks/{id}/pause")]
    Task<WebhookSubscription> PauseAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused or disabled subscription; waiting deliveries go out in order (<c>POST /api/webhooks/{id}/resume</c>).</summary>
    /// <param name="id">The subscription's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subscription, active.</returns>
    [Post("/api/webhooks/{id}/resume")]
    Task<WebhookSubscription> ResumeAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Deletes a subscription and its deliveries (<c>DELETE /api/webhooks/{id}</c>).</summary>
    /// <param name="id">The subscription's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is deleted.</returns>
    [Delete("/api/webhooks/{id}")]
    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A new signing secret; the previous one also signs during the overlap (<c>POST /api/webhooks/{id}/secret</c>).</summary>
    /// <param name="id">The subscription's id.</param>
    /// <param name="request">The overlap.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subscription with its new secret.</returns>
    [Post("/api/webhooks/{id}/secret")]
    Task<WebhookSubscription> RotateSecretAsync(Guid id, [Body] SecretRotationRequest request, CancellationToken cancellationToken = default);

    /// <summary>The subscription's deliveries with every attempt, newest first (<c>GET /api/webhooks/{id}/deliveries</c>).</summary>
    /// <param name="id">The subscription's id.</param>
    /// <param name="status">Only <c>pending</c>, <c>delivered</c> or <c>dead</c> ones.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of deliveries.</returns>
    [Get("/api/webhooks/{id}/deliveries")]
    Task<PagedResult<WebhookDelivery>> ListDeliveriesAsync(
        Guid id, string? status = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a delivered or dead delivery again (<c>POST /api/webhooks/{id}/deliveries/{deliveryId}/redeliver</c>; 409 while pending).</summary>
    /// <param name="id">The subscription's id.</param>
    /// <param name="deliveryId">The delivery's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The delivery, pending again.</returns>
    [Post("/api/webhooks/{id}/deliveries/{deliveryId}/redeliver")]
    Task<WebhookDelivery> RedeliverAsync(Guid id, Guid deliveryId, CancellationToken cancellationToken = default);

    /// <summary>Sends every dead delivery of the subscription again (<c>POST /api/webhooks/{id}/redeliver</c>).</summary>
    /// <param name="id">The subscription's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were queued again.</returns>
    [Post("/api/webhooks/{id}/redeliver")]
    Task<Redelivery> RedeliverDeadAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Queues a signed test event, <c>webhooks.ping</c>, for the receiver (<c>POST /api/webhooks/{id}/ping</c>).</summary>
    /// <param name="id">The subscription's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The delivery.</returns>
    [Post("/api/webhooks/{id}/ping")]
    Task<WebhookDelivery> PingAsync(Guid id, CancellationToken cancellationToken = default);
}
