using Platform.Messaging.Operations;
using Platform.ChallengeTracking;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddChallengeTrackingServices();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapMessagingOperations();
app.MapChallengeTrackingApis();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
