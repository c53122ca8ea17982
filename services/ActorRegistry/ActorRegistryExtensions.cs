using Platform.ActorRegistry.Consumers;

namespace Platform.ActorRegistry;

public static class ActorRegistryExtensions
{
    public const string ServiceName = "actor-registry";
    public const string DatabaseName = "actorsdb";

    public static IHostApplicationBuilder AddActorRegistryServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformMessaging(ServiceName, DatabaseName, typeof(ActorRegistryExtensions).Assembly, bus =>
        {
            bus.AddConsumer<NeedSubmittedConsumer>();
            bus.AddConsumer<ChallengeIdentifiedConsumer>();
            bus.AddConsumer<AssignmentRegisteredConsumer>();
        });
        builder.Services.AddSingleton<ActorSearchTotals>();
        builder.Services.AddSingleton<ActorStore>();
        builder.Services.AddSingleton<EstablishmentStore>();
        builder.Services.AddSingleton<ForumStore>();
        builder.Services.AddSingleton<MeetingStore>();
        builder.Services
            .AddPageRule()
            .AddGeographyApiRules()
            .AddActorsApiRules()
            .AddEstablishmentsApiRules()
            .AddForumsApiRules()
            .AddMeetingsApiRules();
        builder.Services.AddHostedService<ReferenceActorsSeeder>();
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddHostedService<DemoDataSeeder>();
        }
        return builder;
    }

    public static WebApplication MapActorRegistryApis(this WebApplication app)
    {
        app.MapGeographyApi();
        app.MapActorsApi();
        app.MapEstablishmentsApi();
        app.MapForumsApi();
        app.MapMeetingsApi();
        return app;
    }
}
