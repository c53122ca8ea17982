using Microsoft.AspNetCore.Hosting;
using Platform.Notifications.Data;
using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.Notifications.Tests.NotificationsApp))]

namespace Platform.Notifications.Tests;

/// <summary>The real notifications service over real PostgreSQL and RabbitMQ, shared by this assembly's tests, with retries short enough to watch.</summary>
public sealed class NotificationsApp : ServiceFixture<WebhookStore>
{
    protected override string DatabaseName => NotificationsExtensions.DatabaseName;

    protected override void Configure(IWebHostBuilder web)
    {
        web.UseSetting("Notifications:Webhooks:AttemptTimeout", "00:00:01");
        web.UseSetting("Notifications:Webhooks:FirstRetry", "00:00:00.100");
        web.UseSetting("Notifications:Webhooks:LongestRetry", "00:00:00.400");
        web.UseSetting("Notifications:Webhooks:PollInterval", "00:00:00.050");
    }
}
