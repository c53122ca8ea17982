using Platform.Messaging.Operations;
using Platform.ActorRegistry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddActorRegistryServices();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapMessagingOperations();
app.MapActorRegistryApis();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
