namespace Platform.Reporting;

public static class ReportingExtensions
{
    public const string ServiceName = "reporting";
    public const string DatabaseName = "reportingdb";

    public static IHostApplicationBuilder AddReportingServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformMessaging(ServiceName, DatabaseName, typeof(ReportingExtensions).Assembly);
        return builder;
    }
}
