using Platform.NeedsIntake.Apis;
using Platform.NeedsIntake.Consumers;
using Platform.NeedsIntake.Data;

namespace Platform.NeedsIntake;

public static class NeedsIntakeExtensions
{
    public const string ServiceName = "needs-intake";
    public const string DatabaseName = "needsdb";

    public static IHostApplicationBuilder AddNeedsIntakeServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformMessaging(ServiceName, DatabaseName, typeof(NeedsIntakeExtensions).Assembly, bus =>
        {
            bus.AddActorDirectoryConsumers();
            bus.AddConsumer<EstablishmentRegisteredConsumer>();
            bus.AddConsumer<EstablishmentUpdatedConsumer>();
            bus.AddConsumer<NeedLinkedToChallengeConsumer>();
            bus.AddConsumer<ChallengeStatusChangedConsumer>();
            bus.AddConsumer<ChallengesMergedConsumer>();
        });
        builder.Services.AddOptions<SimilarNeedsOptions>().BindConfiguration(SimilarNeedsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LexemeStatisticsOptions>().BindConfiguration(LexemeStatisticsOptions.SectionName);
        builder.Services.AddHostedService<LexemeStatistics>();
        builder.Services.AddSingleton<NeedsMetrics>();
        builder.AddActorDirectory();
        builder.Services.AddSingleton<SimilarNeedsFinder>();
        builder.Services.AddSingleton<ReferenceAllocator>();
        builder.Services.AddSingleton<NeedStore>();
        builder.Services.AddNeedsApiValidators();
        return builder;
    }

    public static WebApplication MapNeedsIntakeApis(this WebApplication app)
    {
        app.MapNeedsApi();
        return app;
    }
}
