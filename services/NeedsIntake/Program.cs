using Platform.Messaging.Operations;
using Platform.NeedsIntake;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNeedsIntakeServices();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapMessagingOperations();
app.MapNeedsIntakeApis();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
