using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using Platform.Client.Models;
using Platform.Messaging.Data;
using Platform.Reporting.Reports;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Data;

/// <summary>A format of a frozen version as stored: served byte for byte.</summary>
public sealed record FrozenFile(byte[] Content, string ContentType, string FileName, string Sha256);

/// <summary>
/// The frozen versions of each assignment's final report: the document and every format's bytes with their SHA-256,
/// numbered from 1 per assignment, never changed afterwards (the schema refuses it).
/// </summary>
public sealed class ReportVersionStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        v.assignment, v.number, v.frozen_at, v.frozen_by,
        ARRAY(SELECT f.format FROM report_version_files f WHERE f.assignment = v.assignment AND f.number = v.number ORDER BY f.format) AS formats,
        ARRAY(SELECT octet_length(f.content)::bigint FROM report_version_files f WHERE f.assignment = v.assignment AND f.number = v.number ORDER BY f.format) AS sizes,
        ARRAY(SELECT f.sha256 FROM report_version_files f WHERE f.assignment = v.assignment AND f.number = v.number ORDER BY f.format) AS hashes
        """;

    public Task<PagedResult<ReportVersion>> ListAsync(string assignment, PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, Columns, "FROM report_versions v WHERE v.assignment = @assignment", "v.number DESC", page, Read, cancellationToken,
            new NpgsqlParameter("assignment", assignment));

    /// <summary>The newest frozen version of an assignment's final report and its document; none before the first.</summary>
    public async Task<(FrozenVersion Version, ReportDocument Document)?> LatestAsync(string assignment, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT number, frozen_at, frozen_by, document FROM report_versions WHERE assignment = @assignment ORDER BY number DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter("assignment", assignment));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var version = new FrozenVersion(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2));
        return (version, JsonSerializer.Deserialize<ReportDocument>(reader.GetString(3), Json)!);
    }

    public async Task<FrozenFile?> FileAsync(string assignment, int number, string format, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT content, content_type, file_name, sha256 FROM report_version_files WHERE assignment = @assignment AND number = @number AND format = @format");
        command.Parameters.Add(new NpgsqlParameter("assignment", assignment));
        command.Parameters.Add(new NpgsqlParameter("number", number));
        command.Parameters.Add(new NpgsqlParameter("format", format));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new FrozenFile(reader.GetFieldValue<byte[]>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }

    /// <summary>
    /// Stores a frozen version with its files; none when that number was taken in the meantime (someone else froze the
    /// same version at the same moment), and then nothing is stored.
    /// </summary>
    public async Task<ReportVersion?> AddAsync(string assignment, ReportDocument document, IReadOnlyList<(string Format, RenderedReport File)> files, CancellationToken cancellationToken)
    {
        var version = document.Version ?? throw new ArgumentException("Only a frozen document is stored as a version.", nameof(document));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO report_versions (assignment, number, frozen_at, frozen_by, document)
            VALUES (@assignment, @number, @frozen_at, @frozen_by, @document::jsonb)
            ON CONFLICT (assignment, number) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter("assignment", assignment));
            insert.Parameters.Add(new NpgsqlParameter("number", version.Number));
            insert.Parameters.Add(new NpgsqlParameter("frozen_at", version.FrozenAt));
            insert.Parameters.Add(new NpgsqlParameter("frozen_by", version.FrozenBy));
            insert.Parameters.Add(new NpgsqlParameter("document", JsonSerializer.Serialize(document, Json)));
            if (await insert.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return null;
            }
        }

        var stored = new List<ReportVersionFile>();
        foreach (var (format, file) in files)
        {
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content));
            await using var insert = new NpgsqlCommand("""
                INSERT INTO report_version_files (assignment, number, format, content, content_type, file_name, sha256)
                VALUES (@assignment, @number, @format, @content, @content_type, @file_name, @sha256)
                """, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter("assignment", assignment));
            insert.Parameters.Add(new NpgsqlParameter("number", version.Number));
            insert.Parameters.Add(new NpgsqlParameter("format", format));
            insert.Parameters.Add(new NpgsqlParameter("content", file.Content));
            insert.Parameters.Add(new NpgsqlParameter("content_type", file.ContentType));
            insert.Parameters.Add(new NpgsqlParameter("file_name", file.FileName));
            insert.Parameters.Add(new NpgsqlParameter("sha256", sha256));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            stored.Add(new ReportVersionFile(format, file.Content.LongLength, sha256));
        }

        await transaction.CommitAsync(cancellationToken);
        return new ReportVersion(assignment, version, [.. stored.OrderBy(file => file.Format, StringComparer.Ordinal)]);
    }

    private static ReportVersion Read(NpgsqlDataReader reader)
    {
        var formats = reader.GetFieldValue<string[]>(reader.GetOrdinal("formats"));
        var sizes = reader.GetFieldValue<long[]>(reader.GetOrdinal("sizes"));
        var hashes = reader.GetFieldValue<string[]>(reader.GetOrdinal("hashes"));
        return new ReportVersion(
            reader.GetString(reader.GetOrdinal("assignment")),
            new FrozenVersion(reader.GetInt32(reader.GetOrdinal("number")), reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("frozen_at")), reader.GetString(reader.GetOrdinal("frozen_by"))),
            [.. formats.Select((format, i) => new ReportVersionFile(format, sizes[i], hashes[i]))]);
    }
}
