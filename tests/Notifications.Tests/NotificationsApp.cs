using Microsoft.AspNetCore.Hosting;
using Platform.Notifications.Data;
using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.Notifications.Tests.NotificationsApp))]

namespace Platform.Notifications.Tests;

/// <summary>The real notifications service over real PostgreSQL and RabbitMQ, shared by this assembly's tests, with retries short enough to watch and a real SMTP server for its e-mail.</summary>
public sealed class NotificationsApp : ServiceFixture<WebhookStore>
{
    protected override string DatabaseName => NotificationsExtensions.DatabaseName;

    /// <summary>The SMTP server the service e-mails feeds through.</summary>
    public SmtpReceiver Mail { get; } = new(WebhookReceiver.FreePort());

    protected override void Configure(IWebHostBuilder web)
    {
        Mail.Start();
        web.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
        web.UseSetting("Notifications:Smtp:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Notifications:Smtp:Security", "None");
        web.UseSetting("Notifications:Smtp:Interval", "00:00:00.100");
        web.UseSetting("Notifications:Webhooks:AttemptTimeout", "00:00:01");
        web.UseSetting("Notifications:Webhooks:FirstRetry", "00:00:00.100");
        web.UseSetting("Notifications:Webhooks:LongestRetry", "00:00:00.400");
        web.UseSetting("Notifications:Webhooks:PollInterval", "00:00:00.050");
        web.UseSetting("Notifications:Webhooks:DisableAfter", "00:00:05");
    }
}

/// <summary>The tests that publish events and count what arrives: one at a time, so no test's receiver hears another's events.</summary>
[CollectionDefinition(nameof(EventsInOrder), DisableParallelization = true)]
public sealed class EventsInOrder;
