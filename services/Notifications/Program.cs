using Platform.Messaging.Operations;
using Platform.Notifications;
using Platform.Notifications.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotificationsServices();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapMessagingOperations();
app.MapWebhooksApi();
app.MapNotificationsApi();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
