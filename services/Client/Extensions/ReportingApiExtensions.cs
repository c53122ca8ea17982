using System.Globalization;
using Platform.Client.Models;

namespace Platform.Client;

/// <summary>Downloads of the final and progress reports in any of <see cref="ReportFormats"/>.</summary>
public static class ReportingApiExtensions
{
    private const string GeneratedAtHeader = "X-Report-Generated-At";

    /// <summary>Downloads the final report to the Government Offices in a format (<c>GET /api/reports/final</c>).</summary>
    /// <param name="api">The reporting API.</param>
    /// <param name="assignment">The assignment's registration number, e.g. <c>KN2023/03505</c>.</param>
    /// <param name="format">One of <see cref="ReportFormats"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="dialect">For CSV, one of <see cref="CsvDialects"/>; Swedish Excel's when none is given.</param>
    /// <returns>The rendered report.</returns>
    /// <exception cref="PlatformApiException">The server answered with an error status (or a subclass of it).</exception>
    public static async Task<ReportFile> DownloadFinalReportAsync(
        this IReportingApi api, string assignment, string format, CancellationToken cancellationToken = default, string? dialect = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var response = await api.GetFinalReportFileAsync(assignment, format, dialect, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads a frozen version of the final report in a format, byte for byte as frozen.</summary>
    /// <param name="api">The reporting API.</param>
    /// <param name="number">The version number.</param>
    /// <param name="assignment">The assignment's registration number.</param>
    /// <param name="format">One of <see cref="ReportFormats"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The frozen file.</returns>
    /// <exception cref="PlatformApiException">The server answered with an error status (404: no such version).</exception>
    public static async Task<ReportFile> DownloadFinalReportVersionAsync(
        this IReportingApi api, int number, string assignment, string format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var response = await api.GetFinalReportVersionFileAsync(number, assignment, format, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads the report for a period, both days included, in a format (<c>GET /api/reports/progress</c>).</summary>
    /// <param name="api">The reporting API.</param>
    /// <param name="from">The period's first day, <c>YYYY-MM-DD</c>.</param>
    /// <param name="to">The period's last day, <c>YYYY-MM-DD</c>.</param>
    /// <param name="format">One of <see cref="ReportFormats"/>.</param>
    /// <param name="assignment">The assignment's registration number; <c>KN2023/03505</c> when none is given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="dialect">For CSV, one of <see cref="CsvDialects"/>; Swedish Excel's when none is given.</param>
    /// <returns>The rendered report.</returns>
    /// <exception cref="PlatformApiException">The server answered with an error status (or a subclass of it).</exception>
    public static async Task<ReportFile> DownloadProgressReportAsync(
        this IReportingApi api, string from, string to, string format, string? assignment = null, CancellationToken cancellationToken = default, string? dialect = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var response = await api.GetProgressReportFileAsync(from, to, format, assignment, dialect, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads the audit trail as CSV for an auditor (<c>GET /api/audit?format=csv</c>), at most 10,000 changes.</summary>
    /// <param name="api">The reporting API.</param>
    /// <param name="entity">One kind of record.</param>
    /// <param name="id">One record's id.</param>
    /// <param name="from">The first day, <c>YYYY-MM-DD</c>.</param>
    /// <param name="to">The last day, <c>YYYY-MM-DD</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file.</returns>
    /// <exception cref="PlatformApiException">The server answered with an error status (422: too many changes for one file).</exception>
    public static async Task<ReportFile> DownloadAuditTrailAsync(
        this IReportingApi api, string? entity = null, string? id = null, string? from = null, string? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var response = await api.GetAuditTrailFileAsync("csv", entity, id, null, from, to, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ReportFile> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await PlatformApiException.FromResponseAsync(response, PlatformRefitSettings.Default).ConfigureAwait(false);
        }

        var headers = response.Content.Headers;
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var fileName = headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"');
        DateTimeOffset? generatedAt =
            response.Headers.TryGetValues(GeneratedAtHeader, out var values)
            && DateTimeOffset.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                ? at
                : null;
        return new ReportFile(content, headers.ContentType?.ToString() ?? "application/octet-stream", fileName, generatedAt);
    }
}
