namespace Platform.ChallengeTracking;

public static class ChallengeTrackingExtensions
{
    public const string ServiceName = "challenge-tracking";
    public const string DatabaseName = "challengesdb";

    public static IHostApplicationBuilder AddChallengeTrackingServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformMessaging(ServiceName, DatabaseName, typeof(ChallengeTrackingExtensions).Assembly);
        return builder;
    }
}
