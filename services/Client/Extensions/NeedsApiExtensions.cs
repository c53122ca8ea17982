using System.Net.Http.Headers;
using System.Text;
using Platform.Client.Models;
using Refit;

namespace Platform.Client;

/// <summary>Conveniences over <see cref="INeedsApi"/>: submission with a fresh idempotency key, and CSV import.</summary>
public static class NeedsApiExtensions
{
    /// <summary>
    /// Submits a need with a new idempotency key (a GUID), so that retries of this one call, by a resilience handler
    /// for example, never create a second need. To retry across calls, pass your own key to
    /// <see cref="INeedsApi.SubmitNeedAsync"/> instead.
    /// </summary>
    /// <param name="api">The needs API.</param>
    /// <param name="need">The need.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The response: 201 with the need (including its similar open needs), its <c>ETag</c> and <c>Location</c>, or the
    /// error.
    /// </returns>
    public static Task<ApiResponse<Need>> SubmitAsync(this INeedsApi api, NeedRequest need, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.SubmitNeedAsync(need, Guid.NewGuid().ToString("N"), cancellationToken);
    }

    /// <summary>Imports needs from a CSV file, all rows or none (<c>POST /api/needs/import</c>).</summary>
    /// <param name="api">The needs API.</param>
    /// <param name="csv">The file, RFC 4180 CSV in UTF-8 with a header row; read to its end and disposed with the request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The imported needs.</returns>
    /// <exception cref="ValidationFailedException">A row is malformed; nothing was imported.</exception>
    /// <exception cref="UnprocessableException">A row refers to something that does not exist; nothing was imported.</exception>
    public static async Task<NeedImportResult> ImportCsvAsync(this INeedsApi api, Stream csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(csv);
        using var content = new StreamContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = Encoding.UTF8.WebName };
        return await api.ImportAsync(content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports needs from CSV text, all rows or none (<c>POST /api/needs/import</c>).</summary>
    /// <param name="api">The needs API.</param>
    /// <param name="csv">The RFC 4180 CSV text with a header row; it is sent as UTF-8.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The imported needs.</returns>
    /// <exception cref="ValidationFailedException">A row is malformed; nothing was imported.</exception>
    /// <exception cref="UnprocessableException">A row refers to something that does not exist; nothing was imported.</exception>
    public static async Task<NeedImportResult> ImportCsvAsync(this INeedsApi api, string csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(csv);
        using var content = new StringContent(csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), "text/csv");
        return await api.ImportAsync(content, cancellationToken).ConfigureAwait(false);
    }
}
