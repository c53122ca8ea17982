using MassTransit;
using Platform.Client.Models;
using Platform.Reporting.Apis;
using Platform.Reporting.Consumers;
using Platform.Reporting.Data;
using Platform.Reporting.ReadModels;
using Platform.Reporting.Reports;
using Platform.ServiceDefaults.Http;
using AssignmentRequest = Platform.Reporting.Apis.AssignmentRequest;

namespace Platform.Reporting;

public static class ReportingExtensions
{
    public const string ServiceName = "reporting";
    public const string DatabaseName = "reportingdb";

    public static IHostApplicationBuilder AddReportingServices(this IHostApplicationBuilder builder)
    {
        // Every event of the platform has a consumer here that logs it (the audit trail) and projects it into the read models.
        builder.AddPlatformMessaging(ServiceName, DatabaseName, typeof(ReportingExtensions).Assembly,
            bus => bus.AddConsumers(typeof(ReadModelConsumer<>).Assembly));
        builder.AddActorDirectory();
        builder.Services.AddSingleton<EventLog>();
        builder.Services.AddSingleton<ReportStore>();
        builder.Services.AddSingleton<ReportVersionStore>();
        builder.Services.AddSingleton<ReportTextStore>();
        builder.Services.AddSingleton<AgencyCostStore>();
        builder.Services.AddSingleton<BudgetPlanStore>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(PdfPrinterOptions.SectionName).Get<PdfPrinterOptions>() ?? new PdfPrinterOptions());
        builder.Services.AddSingleton<PdfPrinter>();
        builder.Services.AddSingleton<AssignmentStore>();
        builder.Services.AddSingleton<LessonStore>();
        builder.Services.AddSingleton<AuditStore>();
        builder.Services.AddHostedService<NeedCountTotalsJob>();
        builder.Services.AddRequestValidator<PageParameters, PageParametersValidator>();
        builder.Services.AddRequestValidator<AssignmentRequest, AssignmentRequestValidator>();
        builder.Services.AddRequestValidator<LessonRequest, LessonRequestValidator>();
        builder.Services.AddRequestValidator<LessonSearchParameters, LessonSearchValidator>();
        builder.Services.AddRequestValidator<FinanceParameters, FinanceParametersValidator>();
        builder.Services.AddRequestValidator<FinalReportParameters, FinalReportParametersValidator>();
        builder.Services.AddRequestValidator<ProgressReportParameters, ProgressReportParametersValidator>();
        builder.Services.AddRequestValidator<ReportVersionFileParameters, ReportVersionFileParametersValidator>();
        builder.Services.AddRequestValidator<AssignmentQuery, AssignmentQueryValidator>();
        builder.Services.AddRequestValidator<AssignmentPageQuery, AssignmentPageQueryValidator>();
        builder.Services.AddRequestValidator<ReportSectionRequest, ReportSectionRequestValidator>();
        builder.Services.AddRequestValidator<ReportCoverRequest, ReportCoverRequestValidator>();
        builder.Services.AddRequestValidator<AgencyCostRequest, AgencyCostRequestValidator>();
        builder.Services.AddRequestValidator<BudgetPlanRequest, BudgetPlanRequestValidator>();
        builder.Services.AddRequestValidator<AuditParameters, AuditParametersValidator>();
        return builder;
    }

    public static WebApplication MapReportingApis(this WebApplication app)
    {
        app.MapAssignmentsApi();
        app.MapLessonsApi();
        app.MapReportsApi();
        app.MapReportVersionsApi();
        app.MapReportTextsApi();
        app.MapAgencyCostsApi();
        app.MapBudgetPlansApi();
        app.MapAuditApi();
        app.MapReadModelsApi();
        return app;
    }
}
