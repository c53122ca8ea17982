using MassTransit;
using Platform.Reporting.Apis;
using Platform.Reporting.Consumers;
using Platform.Reporting.Data;
using Platform.Reporting.ReadModels;
using Platform.Reporting.Reports;

namespace Platform.Reporting;

public static class ReportingExtensions
{
    public const string ServiceName = "reporting";
    public const string DatabaseName = "reportingdb";

    public static IHostApplicationBuilder AddReportingServices(this IHostApplicationBuilder builder)
    {
        // Every event of the platform that a read model is built from has a projecting consumer here.
        builder.AddPlatformMessaging(ServiceName, DatabaseName, typeof(ReportingExtensions).Assembly,
            bus => bus.AddConsumers(typeof(ReadModelConsumer<>).Assembly));
        builder.AddActorDirectory();
        builder.Services.AddSingleton<EventLog>();
        builder.Services.AddSingleton<ReportStore>();
        builder.Services.AddSingleton<AssignmentStore>();
        builder.Services.AddSingleton<LessonStore>();
        builder.Services.AddHostedService<NeedCountFolder>();
        return builder;
    }

    public static WebApplication MapReportingApis(this WebApplication app)
    {
        app.MapReportingApi();
        return app;
    }
}
