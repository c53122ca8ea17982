using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Client;
using Platform.Client.Models;
using Platform.DemoSeeder;

// Development only (the AppHost adds it there): fills the platform with realistic demo data through the gateway's
// public API, once, then exits.
var builder = Host.CreateApplicationBuilder(args);
// Telemetry only: the seeder serves nothing, so none of the services' web defaults.
builder.ConfigureOpenTelemetry();
var gateway = new Uri(builder.Configuration["services:gateway:http:0"]
    ?? throw new InvalidOperationException("The gateway's address (services:gateway:http:0) is required."));
DevToken? token = null;
builder.Services.AddPlatformClient(gateway, async (provider, cancellationToken) =>
{
    token ??= await provider.GetRequiredService<IDevTokenApi>().IssueAsync(new DevTokenRequest("coordinator"), cancellationToken);
    return token.AccessToken;
});
builder.Services.AddTransient<DemoData>();

using var host = builder.Build();
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
await host.Services.GetRequiredService<DemoData>().SeedAsync(timeout.Token);
