using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway;

public static class GatewayExtensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();

        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddSingleton<DevTokenIssuer>();
        }

        return builder;
    }
}
