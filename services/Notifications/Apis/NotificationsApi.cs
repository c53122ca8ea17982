using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Client.Models;
using Platform.Notifications.Data;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Notifications.Apis;

public sealed record FeedParameters([FromQuery(Name = "unread")] bool? Unread, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
{
    public PageRequest ToPage() => PageRequest.Parse(Page, PageSize, new Dictionary<string, string[]>());
}

/// <summary>The feed of the signed-in user's actor: what happened to its needs, efforts and forums; read, marked read, and e-mailed as its users ask.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(PlatformPolicies.ActorUser);
        group.MapGet("/", List).WithName("ListNotifications")
            .WithSummary("The actor's feed, newest first; unread=true for the unread entries only (their total is the unread count).").Validates<FeedParameters>();
        group.MapPost("/{id:guid}/read", MarkRead).WithName("MarkNotificationRead").WithSummary("Marks an entry read.");
        group.MapPost("/read", MarkAllRead).WithName("MarkAllNotificationsRead").WithSummary("Marks every unread entry read.");
        group.MapGet("/settings", GetSettings).WithName("GetNotificationSettings").WithSummary("The address the feed is e-mailed to, and how often.");
        group.MapPut("/settings", SaveSettings).WithName("SaveNotificationSettings")
            .WithSummary("Sets the e-mail address and none, immediate (one e-mail per entry) or daily (one digest); e-mail starts with the entries that arrive next.")
            .Validates<NotificationSettings>();
        return app;
    }

    public static async Task<Ok<PagedResult<Notification>>> List([AsParameters] FeedParameters parameters, FeedStore feed, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await feed.ListAsync(context.User.ActorId()!.Value, parameters.Unread ?? false, parameters.ToPage(), cancellationToken));

    public static async Task<Results<Ok<Notification>, ProblemHttpResult>> MarkRead(Guid id, FeedStore feed, HttpContext context, CancellationToken cancellationToken) =>
        await feed.MarkReadAsync(context.User.ActorId()!.Value, id, cancellationToken) is { } read ? TypedResults.Ok(read) : ApiProblems.NotFound($"Notification {id}");

    public static async Task<Ok<MarkedRead>> MarkAllRead(FeedStore feed, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MarkedRead(await feed.MarkAllReadAsync(context.User.ActorId()!.Value, cancellationToken)));

    public static async Task<Ok<NotificationSettings>> GetSettings(FeedStore feed, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await feed.GetSettingsAsync(context.User.ActorId()!.Value, cancellationToken));

    public static async Task<Ok<NotificationSettings>> SaveSettings(NotificationSettings settings, FeedStore feed, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await feed.SaveSettingsAsync(
            context.User.ActorId()!.Value, settings with { Email = string.IsNullOrWhiteSpace(settings.Email) ? null : settings.Email.Trim() }, cancellationToken));
}
