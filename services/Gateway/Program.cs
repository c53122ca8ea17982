using Platform.Gateway;
using Platform.Gateway.Apis;
using Platform.Gateway.Hardening;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
app.UseGatewayHardening();
app.UsePlatformDefaults(beforeAuthorization: gateway => gateway.UseGatewayLimits());
app.MapDefaultEndpoints();
app.MapDevTokenApi();
app.MapPlatformApiReference();
app.MapUnknownApiPaths();
app.MapReverseProxy(proxy =>
{
    proxy.UseProxyHardening();
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
