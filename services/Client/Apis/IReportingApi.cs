using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>Government assignments, lessons learnt, and the reports built from the platform's events.</summary>
/// <remarks>
/// Calls that answer with an <c>ETag</c> (lessons) return <see cref="ApiResponse{T}"/> and do not throw on an error
/// status: the typed <see cref="PlatformApiException"/> is in its <c>Error</c>. Await them with <c>WithETagAsync()</c>
/// (see <see cref="ApiResponseExtensions"/>) to get the lesson with its ETag or have the exception thrown. The
/// <c>...FileAsync</c> calls return the raw response and throw nothing; <see cref="ReportingApiExtensions"/> turns them
/// into a <see cref="ReportFile"/> or the typed exception. Every other call throws the typed exception itself.
/// </remarks>
public interface IReportingApi
{
    /// <summary>Lists government assignments with their appropriations, newest decision first (<c>GET /api/assignments</c>; any role).</summary>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of assignments.</returns>
    [Get("/api/assignments")]
    Task<PagedResult<Assignment>> ListAssignmentsAsync(int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Gets an assignment by its registration number (<c>GET /api/assignments/{reference}</c>; any role).</summary>
    /// <param name="reference">The registration number, e.g. <c>KN2023/03505</c>; its slash is sent as a path separator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the assignment and its <c>ETag</c>, or the error.</returns>
    [Get("/api/assignments/{**reference}")]
    Task<ApiResponse<Assignment>> GetAssignmentAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Corrects an assignment: title, dates, appropriation, expenditure area, budget year and budget (<c>PUT
    /// /api/assignments/{reference}</c>; coordinators). A budget change is kept as a new entry; the reference stays.
    /// </summary>
    /// <param name="reference">The registration number, e.g. <c>KN2023/03505</c>.</param>
    /// <param name="assignment">The assignment as it is to be, under the same reference.</param>
    /// <param name="ifMatch">The ETag the correction is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the assignment and its new <c>ETag</c>, or the error.</returns>
    [Put("/api/assignments/{**reference}")]
    Task<ApiResponse<Assignment>> UpdateAssignmentAsync(
        string reference, [Body] AssignmentRequest assignment, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Adds a government assignment (<c>POST /api/assignments</c>; coordinators).</summary>
    /// <param name="assignment">The assignment (409 when its reference is already registered).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The added assignment.</returns>
    [Post("/api/assignments")]
    Task<Assignment> AddAssignmentAsync([Body] AssignmentRequest assignment, CancellationToken cancellationToken = default);

    /// <summary>Lists lessons, paged (<c>GET /api/lessons</c>; any role, drafts for coordinators only).</summary>
    /// <param name="published">True for published lessons only, false for drafts only (coordinators; 400 for others); none for all the caller may see.</param>
    /// <param name="targetGroup">Only lessons for this target group, at most 100 characters.</param>
    /// <param name="effort">Only lessons learnt from this effort.</param>
    /// <param name="challenge">Only lessons concerning this challenge.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of lessons.</returns>
    [Get("/api/lessons")]
    Task<PagedResult<Lesson>> ListLessonsAsync(
        bool? published = null,
        string? targetGroup = null,
        Guid? effort = null,
        Guid? challenge = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a lesson with its ETag (<c>GET /api/lessons/{id}</c>; any role, drafts for coordinators only).</summary>
    /// <param name="id">The lesson's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the lesson and its <c>ETag</c>, or the error (404 when unknown or a draft the caller may not see).</returns>
    [Get("/api/lessons/{id}")]
    Task<ApiResponse<Lesson>> GetLessonAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Records a lesson, published at once or as a draft (<c>POST /api/lessons</c>; coordinators).</summary>
    /// <param name="lesson">The lesson (422 for unknown efforts or challenges).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: 201 with the lesson and its <c>ETag</c>, or the error.</returns>
    [Post("/api/lessons")]
    Task<ApiResponse<Lesson>> CreateLessonAsync([Body] LessonRequest lesson, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revises a lesson as its next version, published or not as it was (<c>PUT /api/lessons/{id}</c>; coordinators); the
    /// earlier versions stay readable.
    /// </summary>
    /// <param name="id">The lesson's id.</param>
    /// <param name="lesson">The lesson as it now reads (<c>published</c> is ignored: publishing is its own step).</param>
    /// <param name="ifMatch">The ETag the revision is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the revised lesson and its new <c>ETag</c>, or the error.</returns>
    [Put("/api/lessons/{id}")]
    Task<ApiResponse<Lesson>> ReviseLessonAsync(Guid id, [Body] LessonRequest lesson, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>A lesson's earlier versions, newest first (<c>GET /api/lessons/{id}/revisions</c>; draft versions for coordinators only).</summary>
    /// <param name="id">The lesson's id.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of earlier versions.</returns>
    [Get("/api/lessons/{id}/revisions")]
    Task<PagedResult<Lesson>> ListLessonRevisionsAsync(Guid id, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Publishes a draft lesson (<c>POST /api/lessons/{id}/publish</c>; coordinators).</summary>
    /// <param name="id">The lesson's id.</param>
    /// <param name="ifMatch">The ETag the publication is based on (412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the published lesson and its new <c>ETag</c>, or the error (409 when already published).</returns>
    [Post("/api/lessons/{id}/publish")]
    Task<ApiResponse<Lesson>> PublishLessonAsync(Guid id, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Needs by theme, county and status; challenges; efforts; actors by kind; forums and meetings
    /// (<c>GET /api/reports/overview</c>; any role).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The overview.</returns>
    [Get("/api/reports/overview")]
    Task<Overview> GetOverviewAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// An assignment's financial account: budget, spending per category and effort, what remains, efforts over budget
    /// (<c>GET /api/reports/finance</c>; any role).
    /// </summary>
    /// <param name="assignment">The assignment's registration number, e.g. <c>KN2023/03505</c> (422 when not registered).</param>
    /// <param name="from">The period's first day, <c>YYYY-MM-DD</c>; give both days or neither (all time).</param>
    /// <param name="to">The period's last day, <c>YYYY-MM-DD</c>, at most ten years after <paramref name="from"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The financial account.</returns>
    [Get("/api/reports/finance")]
    Task<FinanceReport> GetFinanceAsync(
        string assignment, string? from = null, string? to = null, CancellationToken cancellationToken = default);

    /// <summary>The final report to the Government Offices as JSON (<c>GET /api/reports/final</c>; any role).</summary>
    /// <param name="assignment">The assignment's registration number, e.g. <c>KN2023/03505</c> (422 when not registered).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    [Get("/api/reports/final")]
    Task<ReportDocument> GetFinalReportAsync(string assignment, CancellationToken cancellationToken = default);

    /// <summary>
    /// The final report rendered to a format, as the raw response (<c>GET /api/reports/final?format=</c>; any role).
    /// It does not throw on an error status; prefer <c>DownloadFinalReportAsync</c> (see <see cref="ReportingApiExtensions"/>).
    /// </summary>
    /// <param name="assignment">The assignment's registration number, e.g. <c>KN2023/03505</c>.</param>
    /// <param name="format">One of <see cref="ReportFormats"/>.</param>
    /// <param name="dialect">For CSV, one of <see cref="CsvDialects"/>; Swedish Excel's when none is given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, to be disposed by the caller; its <c>Content-Disposition</c> names a file.</returns>
    [Get("/api/reports/final")]
    Task<HttpResponseMessage> GetFinalReportFileAsync(string assignment, string format, string? dialect = null, CancellationToken cancellationToken = default);

    /// <summary>Tillväxtverket's own costs for an assignment, newest first (<c>GET /api/costs</c>; any role).</summary>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of costs.</returns>
    [Get("/api/costs")]
    Task<PagedResult<AgencyCost>> ListAgencyCostsAsync([Query] string assignment, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>One of Tillväxtverket's own costs (<c>GET /api/costs/{id}</c>; any role).</summary>
    /// <param name="id">The cost's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cost.</returns>
    [Get("/api/costs/{id}")]
    Task<AgencyCost> GetAgencyCostAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records one of Tillväxtverket's own costs for an assignment, outside any effort (<c>POST /api/costs</c>;
    /// coordinators). It is never changed afterwards; a correction is a new entry.
    /// </summary>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="cost">The cost.</param>
    /// <param name="idempotencyKey">
    /// A key of the caller's choosing (e.g. a new UUID per form): a retry with the same key and body is answered with the
    /// first recording and records nothing again; with another body it is 422.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recorded cost.</returns>
    [Post("/api/costs")]
    Task<AgencyCost> RecordAgencyCostAsync(
        [Query] string assignment, [Body] AgencyCostRequest cost, [Header("Idempotency-Key")] string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>An assignment's budget plan per cost type as last saved (<c>GET /api/budget-plans</c>; any role); version 0 without lines before the first save.</summary>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the plan and its <c>ETag</c>.</returns>
    [Get("/api/budget-plans")]
    Task<ApiResponse<BudgetPlan>> GetBudgetPlanAsync([Query] string assignment, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves an assignment's whole budget plan as its next version (<c>PUT /api/budget-plans</c>; coordinators): each cost
    /// type at most once, together at most the assignment's budget. A saved version never changes.
    /// </summary>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="request">The plan's lines.</param>
    /// <param name="ifMatch">The ETag of the version the plan is based on (<c>"0"</c> before the first save; 412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the saved plan and its new <c>ETag</c>, or the error.</returns>
    [Put("/api/budget-plans")]
    Task<ApiResponse<BudgetPlan>> SaveBudgetPlanAsync(
        [Query] string assignment, [Body] BudgetPlanRequest request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Every saved version of an assignment's budget plan, newest first (<c>GET /api/budget-plans/versions</c>; any role).</summary>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of versions.</returns>
    [Get("/api/budget-plans/versions")]
    Task<PagedResult<BudgetPlan>> ListBudgetPlanVersionsAsync([Query] string assignment, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>The final report's written sections and cover facts as last saved (<c>GET /api/reports/final/texts</c>; any role).</summary>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cover's facts and every section, saved or not.</returns>
    [Get("/api/reports/final/texts")]
    Task<ReportTexts> GetFinalReportTextsAsync([Query] string assignment, CancellationToken cancellationToken = default);

    /// <summary>Saves a section of the final report as its next version (<c>PUT /api/reports/final/sections/{key}</c>; coordinators).</summary>
    /// <param name="key">The section, e.g. <c>summary</c>.</param>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="request">The text.</param>
    /// <param name="ifMatch">The ETag of the version the text is based on (<c>"0"</c> before the first save; 412 when stale, 428 when missing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the saved section and its new <c>ETag</c>, or the error.</returns>
    [Put("/api/reports/final/sections/{key}")]
    Task<ApiResponse<ReportSection>> SaveFinalReportSectionAsync(
        string key, [Query] string assignment, [Body] ReportSectionRequest request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Every saved version of a section, newest first (<c>GET /api/reports/final/sections/{key}/versions</c>; any role).</summary>
    /// <param name="key">The section.</param>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of versions.</returns>
    [Get("/api/reports/final/sections/{key}/versions")]
    Task<PagedResult<ReportSection>> ListFinalReportSectionVersionsAsync(
        string key, [Query] string assignment, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Saves the cover's facts as their next version (<c>PUT /api/reports/final/cover</c>; coordinators).</summary>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="request">The agency's case number, who decided and who presented.</param>
    /// <param name="ifMatch">The ETag of the version the facts are based on (<c>"0"</c> before the first save).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response: the saved facts and their new <c>ETag</c>, or the error.</returns>
    [Put("/api/reports/final/cover")]
    Task<ApiResponse<ReportCoverFacts>> SaveFinalReportCoverAsync(
        [Query] string assignment, [Body] ReportCoverRequest request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Freezes ("fastställer") the final report as it reads now, in every format, as the assignment's next version
    /// (<c>POST /api/reports/final/versions</c>; coordinators). 503 when the server cannot print PDFs (nothing is frozen).
    /// </summary>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version with the SHA-256 of each format's bytes.</returns>
    [Post("/api/reports/final/versions")]
    Task<ReportVersion> FreezeFinalReportAsync([Query] string assignment, CancellationToken cancellationToken = default);

    /// <summary>The frozen versions of an assignment's final report, newest first (<c>GET /api/reports/final/versions</c>; any role).</summary>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of versions.</returns>
    [Get("/api/reports/final/versions")]
    Task<PagedResult<ReportVersion>> ListFinalReportVersionsAsync(
        string assignment, int? page = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A frozen version in a format, byte for byte as frozen, as the raw response
    /// (<c>GET /api/reports/final/versions/{number}</c>; any role). Prefer <c>DownloadFinalReportVersionAsync</c>.
    /// </summary>
    /// <param name="number">The version number.</param>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="format">One of <see cref="ReportFormats"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, to be disposed by the caller.</returns>
    [Get("/api/reports/final/versions/{number}")]
    Task<HttpResponseMessage> GetFinalReportVersionFileAsync(int number, string assignment, string format, CancellationToken cancellationToken = default);

    /// <summary>The report for a period, both days included, as JSON (<c>GET /api/reports/progress</c>; any role).</summary>
    /// <param name="from">The period's first day, <c>YYYY-MM-DD</c>.</param>
    /// <param name="to">The period's last day, <c>YYYY-MM-DD</c>, at most ten years after <paramref name="from"/>.</param>
    /// <param name="assignment">The assignment's registration number; <c>KN2023/03505</c> when none is given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    [Get("/api/reports/progress")]
    Task<ReportDocument> GetProgressReportAsync(
        string from, string to, string? assignment = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The report for a period rendered to a format, as the raw response (<c>GET /api/reports/progress?format=</c>;
    /// any role). It does not throw on an error status; prefer <c>DownloadProgressReportAsync</c> (see
    /// <see cref="ReportingApiExtensions"/>).
    /// </summary>
    /// <param name="from">The period's first day, <c>YYYY-MM-DD</c>.</param>
    /// <param name="to">The period's last day, <c>YYYY-MM-DD</c>.</param>
    /// <param name="format">One of <see cref="ReportFormats"/>.</param>
    /// <param name="assignment">The assignment's registration number; <c>KN2023/03505</c> when none is given.</param>
    /// <param name="dialect">For CSV, one of <see cref="CsvDialects"/>; Swedish Excel's when none is given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, to be disposed by the caller; its <c>Content-Disposition</c> names a file.</returns>
    [Get("/api/reports/progress")]
    Task<HttpResponseMessage> GetProgressReportFileAsync(
        string from, string to, string format, string? assignment = null, string? dialect = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The audit trail: who changed what and when, each field before and after, newest first (<c>GET /api/audit</c>;
    /// coordinators, and an actor's user for its own actor's records).
    /// </summary>
    /// <param name="entity">One kind of record, one of <see cref="AuditEntities.All"/>.</param>
    /// <param name="id">One record's id (an assignment's registration number).</param>
    /// <param name="actor">An actor's records and the changes its users made.</param>
    /// <param name="from">The first day, <c>YYYY-MM-DD</c> in Swedish time.</param>
    /// <param name="to">The last day, <c>YYYY-MM-DD</c> in Swedish time.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size, 1 to 100 (20 by default).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of changes.</returns>
    [Get("/api/audit")]
    Task<PagedResult<AuditEntry>> GetAuditTrailAsync(
        string? entity = null, string? id = null, Guid? actor = null, string? from = null, string? to = null, int? page = null, int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The audit trail as a file for an auditor, as the raw response (<c>GET /api/audit?format=csv</c>): CSV, one record
    /// per changed field, at most 10,000 changes (422 beyond: narrow it). It does not throw on an error status.
    /// </summary>
    /// <param name="format"><c>csv</c>.</param>
    /// <param name="entity">One kind of record.</param>
    /// <param name="id">One record's id.</param>
    /// <param name="actor">An actor's records and the changes its users made.</param>
    /// <param name="from">The first day, <c>YYYY-MM-DD</c>.</param>
    /// <param name="to">The last day, <c>YYYY-MM-DD</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, to be disposed by the caller; its <c>Content-Disposition</c> names a file.</returns>
    [Get("/api/audit")]
    Task<HttpResponseMessage> GetAuditTrailFileAsync(
        string format, string? entity = null, string? id = null, Guid? actor = null, string? from = null, string? to = null, CancellationToken cancellationToken = default);
}
