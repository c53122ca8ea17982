using Microsoft.Extensions.Options;
using Platform.Client.Models;
using Platform.Notifications.Domain;
using Platform.Notifications.Webhooks;
using Platform.ServiceDefaults.Http;

namespace Platform.Notifications.Apis;

/// <summary>
/// A receiver webhooks may reach (<see cref="WebhookRules.UrlProblem"/>, and its host resolving only to allowed
/// addresses now; each delivery checks again), known event types or areas, and known filters.
/// </summary>
public sealed class WebhookRequestValidator(IOptions<WebhookOptions> options) : IRequestValidator<WebhookRequest>
{
    public async ValueTask ValidateAsync(WebhookRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var allowLoopback = options.Value.AllowLoopback;
        if (WebhookRules.UrlProblem(request.Url?.Trim(), allowLoopback) is { } problem)
        {
            errors.Malformed["url"] = [problem];
        }
        else
        {
            try
            {
                await WebhookSender.AllowedAddressAsync(new Uri(request.Url!.Trim()).Host, allowLoopback, cancellationToken);
            }
            catch (ForbiddenAddressException exception)
            {
                errors.Malformed["url"] = [exception.Message];
            }
        }

        if (request.EventTypes is not { Count: > 0 and <= WebhookRules.MaxEventTypes })
        {
            errors.Malformed["eventTypes"] = [$"Name 1 to {WebhookRules.MaxEventTypes} event types, areas (needs.*) or * for all."];
        }
        else
        {
            for (var i = 0; i < request.EventTypes.Count; i++)
            {
                if (request.EventTypes[i]?.Trim() is not { Length: > 0 } type || !WebhookRules.IsKnownPattern(type, WebhookEvents.Types))
                {
                    errors.Malformed[$"eventTypes[{i}]"] = [$"'{request.EventTypes[i]}' is no event type or area; they are: *, {string.Join(", ", WebhookEvents.Types)}."];
                }
            }
        }

        errors.RequireOneOf("filters.county", request.Filters?.County, [.. Geography.Counties.Select(county => county.Code)], required: false);
        errors.RequireOneOf("filters.theme", request.Filters?.Theme, Themes.Codes, required: false);
    }
}

public sealed class PageParametersValidator : IRequestValidator<PageParameters>
{
    public ValueTask ValidateAsync(PageParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        PageRequest.Parse(request.Page, request.PageSize, errors.Malformed);
        return ValueTask.CompletedTask;
    }
}

public sealed class DeliverySearchValidator : IRequestValidator<DeliverySearchParameters>
{
    public ValueTask ValidateAsync(DeliverySearchParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        PageRequest.Parse(request.Page, request.PageSize, errors.Malformed);
        errors.RequireOneOf("status", request.Status, DeliveryStatuses.All, required: false);
        return ValueTask.CompletedTask;
    }
}

public sealed class SecretRotationValidator : IRequestValidator<SecretRotationRequest>
{
    public ValueTask ValidateAsync(SecretRotationRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (request.OverlapHours is < 0 || request.OverlapHours > WebhookRules.MaxOverlap.TotalHours)
        {
            errors.Malformed["overlapHours"] = [$"OverlapHours is 0 to {WebhookRules.MaxOverlap.TotalHours:0}."];
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class FeedParametersValidator : IRequestValidator<FeedParameters>
{
    public ValueTask ValidateAsync(FeedParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        PageRequest.Parse(request.Page, request.PageSize, errors.Malformed);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A delivery rhythm, and an address that parses as one mailbox of at most 254 characters (required unless the rhythm is none).</summary>
public sealed class NotificationSettingsValidator : IRequestValidator<NotificationSettings>
{
    public const int MaxEmailLength = 254;

    public ValueTask ValidateAsync(NotificationSettings request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        errors.RequireOneOf("delivery", request.Delivery, NotificationDeliveries.All);
        var email = request.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            if (request.Delivery is NotificationDeliveries.Immediate or NotificationDeliveries.Daily)
            {
                errors.Malformed["email"] = ["An e-mail address is required to e-mail the feed."];
            }
        }
        else if (email.Length > MaxEmailLength || !MimeKit.MailboxAddress.TryParse(email, out var mailbox) || !string.IsNullOrEmpty(mailbox.Name) || !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Malformed["email"] = [$"'{email}' is not an e-mail address of at most {MaxEmailLength} characters."];
        }

        return ValueTask.CompletedTask;
    }
}
