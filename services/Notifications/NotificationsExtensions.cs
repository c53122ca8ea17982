using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Notifications.Apis;
using Platform.Notifications.Data;
using Platform.Notifications.Webhooks;
using Platform.ServiceDefaults.Http;
using Models = Platform.Client.Models;

namespace Platform.Notifications;

public static class NotificationsExtensions
{
    public const string ServiceName = "notifications";
    public const string DatabaseName = "notificationsdb";

    public static IHostApplicationBuilder AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformMessaging(ServiceName, DatabaseName, typeof(NotificationsExtensions).Assembly,
            bus => bus.AddConsumers(typeof(NotificationsExtensions).Assembly));
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName)
            .Configure<IHostEnvironment>((options, environment) => options.AllowLoopback |= environment.IsDevelopment())
            .ValidateDataAnnotations().ValidateOnStart();
        // Receivers are other people's servers: none of the defaults' retries (the dispatcher counts and spaces every
        // attempt itself), no circuit breaker shared by all receivers, no service discovery of the platform's own names.
        builder.Services.AddHttpClient(WebhookSender.ClientName)
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Clear())
            .ConfigurePrimaryHttpMessageHandler(provider => WebhookSender.Handler(provider.GetRequiredService<IOptions<WebhookOptions>>()));
        builder.Services.AddOptions<Mail.SmtpOptions>().BindConfiguration(Mail.SmtpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WebhookStore>();
        builder.Services.AddSingleton<FeedStore>();
        builder.Services.AddSingleton<EventRecorder>();
        builder.Services.AddHostedService<ParkedEventReleaser>();
        builder.Services.AddHostedService<Mail.MailSender>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        builder.Services.AddRequestValidator<Models.WebhookRequest, WebhookRequestValidator>();
        builder.Services.AddRequestValidator<Models.SecretRotationRequest, SecretRotationValidator>();
        builder.Services.AddRequestValidator<PageParameters, PageParametersValidator>();
        builder.Services.AddRequestValidator<DeliverySearchParameters, DeliverySearchValidator>();
        builder.Services.AddRequestValidator<FeedParameters, FeedParametersValidator>();
        builder.Services.AddRequestValidator<Models.NotificationSettings, NotificationSettingsValidator>();
        return builder;
    }
}
