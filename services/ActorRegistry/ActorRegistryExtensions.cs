namespace Platform.ActorRegistry;

public static class ActorRegistryExtensions
{
    public const string ServiceName = "actor-registry";
    public const string DatabaseName = "actorsdb";

    public static IHostApplicationBuilder AddActorRegistryServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformMessaging(ServiceName, DatabaseName, typeof(ActorRegistryExtensions).Assembly);
        return builder;
    }
}
