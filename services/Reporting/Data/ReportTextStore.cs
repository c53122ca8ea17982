using Npgsql;
using Platform.Client.Models;
using Platform.Messaging.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Data;

/// <summary>
/// The written parts of each assignment's final report: the sections and the cover's facts, each save a new version
/// (the schema refuses to change or remove one), the newest the one the report shows.
/// </summary>
public sealed class ReportTextStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <summary>The newest cover facts and section texts of an assignment; every section is there, empty until saved.</summary>
    public async Task<ReportTexts> GetAsync(string assignment, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, assignment, cancellationToken);
    }

    /// <summary>As <see cref="GetAsync(string, CancellationToken)"/>, in a report's snapshot.</summary>
    public static async Task<ReportTexts> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string assignment, CancellationToken cancellationToken)
    {
        var saved = new Dictionary<string, ReportSection>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("""
            SELECT DISTINCT ON (section) section, version, text, saved_by, saved_at FROM report_sections
            WHERE assignment = @assignment ORDER BY section, version DESC
            """, connection, transaction) { Parameters = { new("assignment", assignment) } })
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = reader.GetString(0);
                saved[key] = new ReportSection(key, ReportWriting.Section(key)?.Title ?? key, reader.GetString(2), reader.GetInt32(1), reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4));
            }
        }

        var cover = new ReportCoverFacts(null, null, null, 0, null, null);
        await using (var command = new NpgsqlCommand("""
            SELECT version, agency_case_number, decided_by, presented_by, saved_by, saved_at FROM report_covers
            WHERE assignment = @assignment ORDER BY version DESC LIMIT 1
            """, connection, transaction) { Parameters = { new("assignment", assignment) } })
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                cover = new ReportCoverFacts(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(0), reader.GetString(4),
                    reader.GetFieldValue<DateTimeOffset>(5));
            }
        }

        return new ReportTexts(assignment, cover,
            [.. ReportWriting.Sections.Select(section => saved.GetValueOrDefault(section.Key) ?? new ReportSection(section.Key, section.Title, string.Empty, 0, null, null))]);
    }

    /// <summary>Every saved version of one section, newest first.</summary>
    public Task<PagedResult<ReportSection>> VersionsAsync(string assignment, SectionDefinition section, PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, "section, version, text, saved_by, saved_at", "FROM report_sections WHERE assignment = @assignment AND section = @section",
            "version DESC", page,
            row => new ReportSection(section.Key, section.Title, row.GetString(2), row.GetInt32(1), row.GetString(3), row.GetFieldValue<DateTimeOffset>(4)),
            cancellationToken, new NpgsqlParameter("assignment", assignment), new NpgsqlParameter("section", section.Key));

    /// <summary>Saves a section's text as its next version when <paramref name="expectedVersion"/> is its newest (412 otherwise); the same text saves nothing.</summary>
    public Task<WriteResult<ReportSection>> SaveSectionAsync(
        string assignment, SectionDefinition section, int? expectedVersion, string text, string by, CancellationToken cancellationToken) =>
        SaveAsync(assignment, expectedVersion, texts => texts.Sections.Single(saved => saved.Key == section.Key), current => current.Text == text,
            (transaction, version, now) => transaction.ExecuteAsync("""
                INSERT INTO report_sections (assignment, section, version, text, saved_by, saved_at) VALUES (@assignment, @section, @version, @text, @by, @now)
                """, cancellationToken, new("assignment", assignment), new("section", section.Key), new("version", version), new("text", text), new("by", by), new("now", now)),
            cancellationToken);

    /// <summary>Saves the cover's facts as their next version when <paramref name="expectedVersion"/> is the newest (412 otherwise).</summary>
    public Task<WriteResult<ReportCoverFacts>> SaveCoverAsync(
        string assignment, int? expectedVersion, (string AgencyCaseNumber, string DecidedBy, string PresentedBy) facts, string by, CancellationToken cancellationToken) =>
        SaveAsync(assignment, expectedVersion, texts => texts.Cover,
            current => (current.AgencyCaseNumber, current.DecidedBy, current.PresentedBy) == (facts.AgencyCaseNumber, facts.DecidedBy, facts.PresentedBy),
            (transaction, version, now) => transaction.ExecuteAsync("""
                INSERT INTO report_covers (assignment, version, agency_case_number, decided_by, presented_by, saved_by, saved_at)
                VALUES (@assignment, @version, @case_number, @decided_by, @presented_by, @by, @now)
                """, cancellationToken, new("assignment", assignment), new("version", version), new("case_number", facts.AgencyCaseNumber),
                new("decided_by", facts.DecidedBy), new("presented_by", facts.PresentedBy), new("by", by), new("now", now)),
            cancellationToken);

    /// <summary>
    /// One save under the assignment's lock (two coordinators saving at once get one version each, or a 412): refused
    /// when the version is stale, answered with the current one when nothing changes, else the next version inserted.
    /// </summary>
    private async Task<WriteResult<T>> SaveAsync<T>(
        string assignment, int? expectedVersion, Func<ReportTexts, T> current, Func<T, bool> unchanged, Func<NpgsqlTransaction, int, DateTimeOffset, Task> insert,
        CancellationToken cancellationToken)
        where T : class, IVersioned
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await transaction.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('report_texts:' || @assignment))", cancellationToken, new NpgsqlParameter("assignment", assignment));
        var before = current(await GetAsync(connection, transaction, assignment, cancellationToken));
        if (expectedVersion is { } expected && expected != before.Version)
        {
            return WriteResult.Stale(before);
        }

        if (unchanged(before))
        {
            return WriteResult.Updated(before);
        }

        await insert(transaction, before.Version + 1, timeProvider.GetUtcNow());
        var after = current(await GetAsync(connection, transaction, assignment, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(after);
    }
}
