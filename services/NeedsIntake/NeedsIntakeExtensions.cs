namespace Platform.NeedsIntake;

public static class NeedsIntakeExtensions
{
    public const string ServiceName = "needs-intake";
    public const string DatabaseName = "needsdb";

    public static IHostApplicationBuilder AddNeedsIntakeServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformMessaging(ServiceName, DatabaseName, typeof(NeedsIntakeExtensions).Assembly);
        return builder;
    }
}
