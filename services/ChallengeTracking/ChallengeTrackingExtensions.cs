using Platform.ChallengeTracking.Apis;
using Platform.ChallengeTracking.Clustering;
using Platform.ChallengeTracking.Consumers;
using Platform.ChallengeTracking.Data;
using Platform.ServiceDefaults.Http;
using Models = Platform.Client.Models;

namespace Platform.ChallengeTracking;

public static class ChallengeTrackingExtensions
{
    public const string ServiceName = "challenge-tracking";
    public const string DatabaseName = "challengesdb";

    public static IHostApplicationBuilder AddChallengeTrackingServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformMessaging(ServiceName, DatabaseName, typeof(ChallengeTrackingExtensions).Assembly, bus =>
        {
            bus.AddActorDirectoryConsumers();
            bus.AddConsumer<NeedSubmittedConsumer>();
            bus.AddConsumer<NeedTriagedConsumer>();
            bus.AddConsumer<NeedWithdrawnConsumer>();
            bus.AddConsumer<NeedResolvedConsumer>();
            bus.AddConsumer<AssignmentRegisteredConsumer>();
        });
        builder.AddActorDirectory();
        builder.Services.AddOptions<ClusteringOptions>().BindConfiguration(ClusteringOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Clusterer>();
        builder.Services.AddSingleton<ChallengeStore>();
        builder.Services.AddSingleton<EffortStore>();
        builder.Services.AddSingleton<ClusterReviewStore>();
        builder.Services.AddSingleton<ClusterReviewTrigger>();
        builder.Services.AddHostedService<ClusterReviewer>();
        builder.Services.AddRequestValidator<ChallengeSearchParameters, ChallengeSearchValidator>();
        builder.Services.AddRequestValidator<SuggestionSearchParameters, SuggestionSearchValidator>();
        builder.Services.AddRequestValidator<Models.CreateChallengeRequest, CreateChallengeRequestValidator>();
        builder.Services.AddRequestValidator<Models.RelinkNeedRequest, RelinkNeedRequestValidator>();
        builder.Services.AddRequestValidator<Models.MergeChallengeRequest, MergeChallengeRequestValidator>();
        builder.Services.AddRequestValidator<Models.ChallengeStatusRequest, ChallengeStatusRequestValidator>();
        builder.Services.AddRequestValidator<Models.ChallengeAssignmentsRequest, ChallengeAssignmentsRequestValidator>();
        builder.Services.AddRequestValidator<Models.ChallengeEditRequest, ChallengeEditRequestValidator>();
        builder.Services.AddRequestValidator<EffortSearchParameters, EffortSearchValidator>();
        builder.Services.AddRequestValidator<EffortRequest, EffortRequestValidator>();
        builder.Services.AddRequestValidator<EffortEditRequest, EffortEditRequestValidator>();
        builder.Services.AddRequestValidator<ExpenditureRequest, ExpenditureRequestValidator>();
        builder.Services.AddRequestValidator<Models.ReversalRequest, ReversalRequestValidator>();
        builder.Services.AddRequestValidator<ProgressRequest, ProgressRequestValidator>();
        return builder;
    }

    public static WebApplication MapChallengeTrackingApis(this WebApplication app)
    {
        app.MapChallengesApi();
        app.MapEffortsApi();
        return app;
    }
}
