using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>
/// The feed of the signed-in user's actor: what happened to its needs, efforts and forums, and to its webhooks; and
/// where it is e-mailed (actors' users only). Each call throws the typed <see cref="PlatformApiException"/>.
/// </summary>
public interface INotificationsApi
{
    /// <summary>The actor's feed, newest first (<c>GET /api/notifications</c>).</summary>
    /// <param name="unread">True for the unread entries only; their total is the unread count.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of entries.</returns>
    [Get("/api/notifications")]
    Task<PagedResult<Notification>> ListAsync(bool? unread = null, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Marks an entry read (<c>POST /api/notifications/{id}/read</c>; 404 when it is not the actor's).</summary>
    /// <param name="id">The entry's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, read.</returns>
    [Post("/api/notifications/{id}/read")]
    Task<Notification> MarkReadAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Marks every unread entry read (<c>POST /api/notifications/read</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were marked.</returns>
    [Post("/api/notifications/read")]
    Task<MarkedRead> MarkAllReadAsync(CancellationToken cancellationToken = default);

    /// <summary>Where and how often the feed is e-mailed (<c>GET /api/notifications/settings</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings.</returns>
    [Get("/api/notifications/settings")]
    Task<NotificationSettings> GetSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets where and how often the feed is e-mailed (<c>PUT /api/notifications/settings</c>).</summary>
    /// <param name="settings">The address and <c>none</c>, <c>immediate</c> or <c>daily</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings as saved.</returns>
    [Put("/api/notifications/settings")]
    Task<NotificationSettings> SaveSettingsAsync([Body] NotificationSettings settings, CancellationToken cancellationToken = default);
}
