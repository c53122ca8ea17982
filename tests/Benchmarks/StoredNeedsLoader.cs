using Npgsql;
using NpgsqlTypes;
using Platform.ChallengeTracking.Clustering;

namespace Platform.Benchmarks;

/// <summary>
/// Needs already stored, bulk-loaded with binary COPY (not through the API) into every service that keeps needs:
/// needs-intake (linked needs, text-searchable), challenge-tracking (open challenges of about 100 needs each, the needs
/// with their clustering features) and reporting (<see cref="ReportBenchmark.LoadAsync"/>). Each challenge holds
/// variations of one of the 48 development needs, as the API's needs of the same text would be clustered.
/// </summary>
public static class StoredNeedsLoader
{
    /// <summary>Loaded needs' texts start here in <see cref="NeedTexts.Generate"/>: apart from the scenarios' own, and a multiple of the 48 templates.</summary>
    private const int FirstText = 48_000_000;

    private const int NeedsPerChallenge = 100;

    public static async Task LoadAsync(BenchmarkPlatform platform, int first, int count, Guid submitter)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var templates = NeedTexts.Templates.Count;
        // A multiple of the templates, so need i's challenge (i modulo the challenges) holds needs of i's template only.
        var challenges = Math.Max(1, count / NeedsPerChallenge / templates) * templates;
        var challengeIds = Enumerable.Range(0, challenges).Select(_ => Guid.CreateVersion7()).ToArray();
        var createdAt = DateTimeOffset.UtcNow.AddYears(-3);
        await LoadChallengeTrackingAsync(await platform.ConnectionStringAsync("challengesdb"), first, count, challengeIds, createdAt);
        await LoadNeedsIntakeAsync(await platform.ConnectionStringAsync("needsdb"), first, count, challengeIds, submitter, createdAt);
        await ReportBenchmark.LoadAsync(await platform.ConnectionStringAsync("reportingdb"), first, count, challenges, $"L{first}");
        platform.Preloaded += count;
        Console.WriteLine($"loader: {count:N0} needs in {challenges:N0} challenges stored in {started.Elapsed.TotalSeconds:N0} s");
    }

    private static async Task LoadChallengeTrackingAsync(string connectionString, int first, int count, Guid[] challengeIds, DateTimeOffset createdAt)
    {
        await using var connection = await OpenAsync(connectionString);
        // The features of each template's full text: a loaded need is clustered by what it is a variation of.
        var features = new List<(string[] Keys, float[] Weights)>();
        foreach (var template in NeedTexts.Templates)
        {
            await using var stems = new NpgsqlCommand("SELECT tsvector_to_array(to_tsvector('swedish', $1))", connection) { Parameters = { new() { Value = $"{template.Title} {template.Description}" } } };
            var extracted = TextFeatures.Extract(template.Title, template.Description, (string[])(await stems.ExecuteScalarAsync())!);
            features.Add(([.. extracted.Keys], [.. extracted.Values]));
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY challenges (id, reference, theme, title, description, status, automatic, county_codes, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var j = 0; j < challengeIds.Length; j++)
            {
                var template = NeedTexts.Templates[j % NeedTexts.Templates.Count];
                await copy.WriteRowAsync(default, challengeIds[j], $"UTM-L{first}-{j:D6}", template.Theme, template.Title, template.Description, "identified", true,
                    new[] { "25" }, createdAt, createdAt);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY needs (id, reference, theme, title, description, municipality_codes, county_codes, status, challenge_id, score, automatic, features, weights,
                        submitted_at, features_version) FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = first; i < first + count; i++)
            {
                var (template, title, description, code) = NeedTexts.Generate(FirstText + i);
                var (keys, weights) = features[(FirstText + i) % NeedTexts.Templates.Count];
                await copy.StartRowAsync();
                await copy.WriteAsync(NeedId(i), NpgsqlDbType.Uuid);
                await copy.WriteAsync(Reference(i), NpgsqlDbType.Text);
                await copy.WriteAsync(template.Theme, NpgsqlDbType.Text);
                await copy.WriteAsync(title, NpgsqlDbType.Text);
                await copy.WriteAsync(description, NpgsqlDbType.Text);
                await copy.WriteAsync(new[] { code }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(new[] { code[..2] }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync("linked", NpgsqlDbType.Text);
                await copy.WriteAsync(challengeIds[i % challengeIds.Length], NpgsqlDbType.Uuid);
                await copy.WriteAsync(0.5, NpgsqlDbType.Double);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(keys, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(weights, NpgsqlDbType.Array | NpgsqlDbType.Real);
                await copy.WriteAsync(createdAt.AddSeconds(i), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(TextFeatures.Version, NpgsqlDbType.Integer);
            }

            await copy.CompleteAsync();
        }

        await ExecuteAsync(connection, "VACUUM ANALYZE challenges, needs");
    }

    private static async Task LoadNeedsIntakeAsync(string connectionString, int first, int count, Guid[] challengeIds, Guid submitter, DateTimeOffset createdAt)
    {
        await using var connection = await OpenAsync(connectionString);
        // Building the text indexes once after the rows is what a bulk load does; row by row, 1,000,000 needs' GIN and
        // stem insertions take many minutes. The stems themselves come from the insert trigger, as for any insert.
        var rebuild = count >= 100_000;
        if (rebuild)
        {
            await ExecuteAsync(connection, "DROP INDEX needs_search");
            await ExecuteAsync(connection, "DROP INDEX need_stems_newest");
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY needs (id, reference, title, description, theme, submitted_by_actor_id, submitter_kind, municipality_codes, county_codes, urgency, status,
                        challenge_id, challenge_linked_at, created_at, updated_at) FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = first; i < first + count; i++)
            {
                var (template, title, description, code) = NeedTexts.Generate(FirstText + i);
                var at = createdAt.AddSeconds(i);
                await copy.WriteRowAsync(default, NeedId(i), Reference(i), title, description, template.Theme, submitter, "municipality",
                    new[] { code }, new[] { code[..2] }, template.Urgency, "linked", challengeIds[i % challengeIds.Length], at, at, at);
            }

            await copy.CompleteAsync();
        }

        if (rebuild)
        {
            await ExecuteAsync(connection, "SET maintenance_work_mem = '1GB'");
            await ExecuteAsync(connection, "CREATE INDEX needs_search ON needs USING gin (search) WITH (fastupdate = off)");
            await ExecuteAsync(connection, "CREATE INDEX need_stems_newest ON need_stems (lexeme, created_at DESC, need_id)");
        }

        await ExecuteAsync(connection, "VACUUM ANALYZE needs, need_stems");
    }

    /// <summary>A connection whose statements and COPYs may run for as long as a bulk load takes (the insert trigger's stems of 1,000,000 needs run at the COPY's end).</summary>
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The same need's id in every service: derived from its number, as the events would carry it.</summary>
    private static Guid NeedId(int i) => new($"{0x4c4f4144:x8}-0000-7000-8000-{i:x12}");

    private static string Reference(int i) => $"BEH-2019-L{i:D7}";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
