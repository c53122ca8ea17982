using Platform.Gateway;
using Platform.Gateway.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapDefaultEndpoints();
app.MapDevTokenApi();
app.MapReverseProxy().RequireAuthorization();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
