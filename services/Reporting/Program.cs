using Platform.Messaging.Operations;
using Platform.Reporting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddReportingServices();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapMessagingOperations();
app.MapReportingApis();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
