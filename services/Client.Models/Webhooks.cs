namespace Platform.Client.Models;

/// <summary>Which events of their types a subscription receives: only those about needs and challenges in the county, or of the theme.</summary>
/// <param name="County">A county code (<c>24</c> Västerbotten, <c>25</c> Norrbotten).</param>
/// <param name="Theme">A theme code.</param>
public sealed record WebhookFilters(string? County = null, string? Theme = null);

/// <summary>The body of <c>POST /api/webhooks</c>.</summary>
/// <param name="Url">The receiver: an https:// address that does not resolve to a loopback, private, link-local or metadata address (http://127.0.0.1 in Development).</param>
/// <param name="EventTypes">1 to 50 event types (<c>needs.triaged</c>), areas (<c>needs.*</c>) or <c>*</c> for all.</param>
/// <param name="Filters">Optional county and theme filters.</param>
/// <param name="ActorId">The actor whose view the subscription gets (coordinators may name any or none, for everything; an actor's user gets its own actor).</param>
public sealed record WebhookRequest(string Url, IReadOnlyList<string> EventTypes, WebhookFilters? Filters = null, Guid? ActorId = null);

/// <summary>The body of <c>POST /api/webhooks/{id}/secret</c>.</summary>
/// <param name="OverlapHours">How long the previous secret also signs deliveries, 0 to 168 hours (24 by default).</param>
public sealed record SecretRotationRequest(int? OverlapHours = null);

/// <summary>A webhook subscription.</summary>
/// <param name="Id">Its id.</param>
/// <param name="ActorId">The actor whose view it gets; null: a coordinator's, which receives everything.</param>
/// <param name="Url">The receiver.</param>
/// <param name="EventTypes">The event types, areas or <c>*</c> it receives.</param>
/// <param name="Filters">Its county and theme filters.</param>
/// <param name="Status"><c>active</c>, <c>paused</c> (deliveries wait) or <c>disabled</c> (the receiver answered 410, or failed for days; see <paramref name="DisabledReason"/>).</param>
/// <param name="DisabledReason">Why it was disabled.</param>
/// <param name="FailingSince">When deliveries started failing, if they are.</param>
/// <param name="Secret">The signing secret (<c>whsec_…</c>): only in the answer that creates or rotates it.</param>
/// <param name="PreviousSecretExpiresAt">Until when the previous secret also signs, after a rotation.</param>
/// <param name="CreatedBy">Who made it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record WebhookSubscription(
    Guid Id,
    Guid? ActorId,
    string Url,
    IReadOnlyList<string> EventTypes,
    WebhookFilters Filters,
    string Status,
    string? DisabledReason,
    DateTimeOffset? FailingSince,
    string? Secret,
    DateTimeOffset? PreviousSecretExpiresAt,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One event on its way to a subscription's receiver.</summary>
/// <param name="Id">The delivery's id.</param>
/// <param name="EventId">The event's id: the <c>webhook-id</c> header, the receiver's idempotency key.</param>
/// <param name="EventType">The event type.</param>
/// <param name="Status"><c>pending</c>, <c>delivered</c> or <c>dead</c> (given up after 24 hours).</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="CreatedAt">When the event arrived.</param>
/// <param name="NextAttemptAt">When it is sent next, while pending.</param>
/// <param name="DeliveredAt">When the receiver took it.</param>
/// <param name="GiveUpAt">When it is given up if not delivered.</param>
/// <param name="AttemptLog">Every attempt, oldest first.</param>
public sealed record WebhookDelivery(
    Guid Id,
    Guid EventId,
    string EventType,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset GiveUpAt,
    IReadOnlyList<WebhookAttempt> AttemptLog);

/// <summary>One attempt to deliver.</summary>
/// <param name="At">When it was made.</param>
/// <param name="DurationMs">How long it took, in milliseconds.</param>
/// <param name="StatusCode">The receiver's status code, if it answered.</param>
/// <param name="Error">Why there was no answer (timeout, refused connection, forbidden address).</param>
/// <param name="ResponseExcerpt">The first bytes of the answer.</param>
public sealed record WebhookAttempt(DateTimeOffset At, int DurationMs, int? StatusCode, string? Error, string? ResponseExcerpt);

/// <summary>The answer of <c>POST /api/webhooks/{id}/redeliver</c>.</summary>
/// <param name="Requeued">How many dead deliveries were queued again.</param>
public sealed record Redelivery(int Requeued);

/// <summary>An entry of an actor's feed (<c>GET /api/notifications</c>): something that happened to its needs, efforts or forums, or its webhooks.</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="Kind"><c>need-triaged</c>, <c>need-linked</c>, <c>need-resolved</c>, <c>effort-launched</c>, <c>effort-revised</c>, <c>effort-progress</c>, <c>effort-completed</c>, <c>forum-joined</c>, <c>forum-left</c>, <c>forum-role</c> or <c>webhook-disabled</c>.</param>
/// <param name="SubjectId">What it is about, <c>kind:id</c> (<c>need:…</c>, <c>effort:…</c>, <c>forum:…</c>, <c>webhook:…</c>).</param>
/// <param name="Text">What happened, in Swedish.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="ReadAt">When a user of the actor marked it read; null while unread.</param>
public sealed record Notification(Guid Id, string Kind, string SubjectId, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>Where and how often an actor's feed is e-mailed (<c>GET</c> and <c>PUT /api/notifications/settings</c>).</summary>
/// <param name="Email">The address, at most 254 characters; null for none.</param>
/// <param name="Delivery"><c>none</c>, <c>immediate</c> (one e-mail per entry) or <c>daily</c> (one digest a day).</param>
public sealed record NotificationSettings(string? Email, string Delivery);

/// <summary>The answer of <c>POST /api/notifications/read</c>.</summary>
/// <param name="Marked">How many unread entries were marked read.</param>
public sealed record MarkedRead(int Marked);
