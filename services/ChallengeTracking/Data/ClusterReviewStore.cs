using System.Data;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.ChallengeTracking.Clustering;
using Platform.ChallengeTracking.Domain;
using Platform.Client.Models;
using Platform.Messaging.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.ChallengeTracking.Data;

public sealed record SuggestionQuery(string Status, string? Kind, string? Theme);

/// <summary>The coordinators' decisions about needs being alike, kept as written (<c>clustering_labels</c>).</summary>
public static class ClusteringLabels
{
    public const string SuggestionAccepted = "suggestion-accepted";
    public const string SuggestionDismissed = "suggestion-dismissed";
    public const string Relink = "relink";
    public const string Merge = "merge";

    /// <summary>Records that needs <paramref name="similarity"/> alike were put together or kept apart; nothing when there was nothing to compare.</summary>
    public static Task RecordAsync(
        NpgsqlTransaction transaction, string theme, double? similarity, bool together, string source, DateTimeOffset now, CancellationToken cancellationToken) =>
        similarity is { } alike
            ? transaction.ExecuteAsync(
                "INSERT INTO clustering_labels (theme, similarity, together, source, recorded_at) VALUES (@theme, @similarity, @together, @source, @now)",
                cancellationToken, new("theme", theme), new("similarity", alike), new("together", together), new("source", source), new("now", now))
            : Task.CompletedTask;

    public static async Task<Dictionary<string, List<ClusteringLabel>>> ByThemeAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, List<ClusteringLabel>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT theme, similarity, together FROM clustering_labels", transaction.Connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var theme = reader.GetString(0);
            if (!labels.TryGetValue(theme, out var list))
            {
                labels[theme] = list = [];
            }

            list.Add(new ClusteringLabel(reader.GetDouble(1), reader.GetBoolean(2)));
        }

        return labels;
    }
}

/// <summary>
/// The review of the open challenges (<see cref="ClusterIndex.Suggest"/>): each run proposes what it finds now, leaving
/// out what coordinators dismissed, and withdraws the undecided suggestions it no longer makes; coordinators accept (the merge or split is made)
/// or dismiss a suggestion, and either decision is kept as a label that sets the theme's threshold. Runs under the
/// clustering lock, so it sees the challenges as they are and no need is clustered meanwhile.
/// </summary>
public sealed class ClusterReviewStore(
    NpgsqlDataSource dataSource, Clusterer clusterer, ChallengeStore challenges, IOptions<ClusteringOptions> options, TimeProvider timeProvider)
{
    private const string Columns = """
        s.id, s.kind, s.theme, s.challenge_id, c.reference AS challenge_reference, c.title AS challenge_title,
        s.merged_challenge_id, m.reference AS merged_reference, m.title AS merged_title, s.groups::text AS groups,
        ARRAY(SELECT n.id FROM needs n WHERE n.id = ANY (s.need_ids) ORDER BY n.id) AS known_need_ids,
        ARRAY(SELECT n.reference FROM needs n WHERE n.id = ANY (s.need_ids) ORDER BY n.id) AS need_references,
        ARRAY(SELECT n.title FROM needs n WHERE n.id = ANY (s.need_ids) ORDER BY n.id) AS need_titles,
        s.similarity, s.threshold, s.status, s.proposed_at, s.decided_at, s.decided_by
        """;

    private const string From = """
        FROM cluster_suggestions s
        JOIN challenges c ON c.id = s.challenge_id
        LEFT JOIN challenges m ON m.id = s.merged_challenge_id
        WHERE s.status = @status AND (@kind::text IS NULL OR s.kind = @kind) AND (@theme::text IS NULL OR s.theme = @theme)
        """;

    public Task<PagedResult<ChallengeSuggestion>> ListAsync(SuggestionQuery query, PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, Columns, From, "s.similarity DESC, s.id", page, Read, cancellationToken,
            new("status", query.Status), Sql.Nullable("kind", query.Kind, NpgsqlDbType.Text), Sql.Nullable("theme", query.Theme, NpgsqlDbType.Text));

    /// <summary>Runs the review: proposes what it finds now and withdraws the undecided suggestions it no longer makes.</summary>
    public async Task<ClusterReview> ReviewAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Clusterer.LockAsync(transaction, cancellationToken);
        var labels = await ClusteringLabels.ByThemeAsync(transaction, cancellationToken);
        var configured = options.Value.ReviewThreshold;
        double ThresholdOf(string theme) => ReviewThresholds.For(labels.GetValueOrDefault(theme) ?? [], configured);
        var (suggestions, themes) = await clusterer.ReadAsync(transaction, index => (index.Suggest(ThresholdOf), index.OpenThemes()), cancellationToken);

        var fingerprints = suggestions.Select(Fingerprint).ToArray();
        var now = timeProvider.GetUtcNow();
        var withdrawn = await transaction.ExecuteAsync(
            "UPDATE cluster_suggestions SET status = 'withdrawn', decided_at = @now WHERE status = 'open' AND NOT (fingerprint = ANY (@fingerprints))",
            cancellationToken, new NpgsqlParameter("fingerprints", fingerprints), new NpgsqlParameter("now", now));
        // Every suggestion in one statement: a review of many challenges holds the clustering lock for one round trip.
        var rows = suggestions.Select((suggestion, i) => new Dictionary<string, object?>
        {
            ["id"] = Guid.CreateVersion7(), ["kind"] = suggestion.Kind, ["theme"] = suggestion.Theme, ["challenge_id"] = suggestion.ChallengeId,
            ["merged_challenge_id"] = suggestion.MergedChallengeId, ["groups"] = suggestion.Groups, ["need_ids"] = suggestion.NeedIds,
            ["similarity"] = suggestion.Similarity, ["threshold"] = Math.Round(ThresholdOf(suggestion.Theme), 4), ["fingerprint"] = fingerprints[i],
        });
        var proposed = await transaction.ExecuteAsync("""
            INSERT INTO cluster_suggestions (id, kind, theme, challenge_id, merged_challenge_id, groups, need_ids, similarity, threshold, fingerprint, status, proposed_at)
            SELECT x.id, x.kind, x.theme, x.challenge_id, x.merged_challenge_id, x.groups, ARRAY(SELECT jsonb_array_elements_text(x.need_ids)::uuid),
                x.similarity, x.threshold, x.fingerprint, 'open', @now
            FROM jsonb_to_recordset(@rows::jsonb) AS x(id uuid, kind text, theme text, challenge_id uuid, merged_challenge_id uuid, groups jsonb, need_ids jsonb,
                similarity double precision, threshold double precision, fingerprint text)
            WHERE NOT EXISTS (SELECT 1 FROM cluster_suggestions s WHERE s.fingerprint = x.fingerprint AND s.status IN ('open', 'dismissed'))
            """, cancellationToken, new("rows", JsonSerializer.Serialize(rows)), new("now", now));

        await using var count = new NpgsqlCommand("SELECT count(*) FROM cluster_suggestions WHERE status = 'open'", connection, transaction);
        var open = (int)(long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        var thresholds = themes.Union(labels.Keys).Order(StringComparer.Ordinal)
            .Select(theme => new ThemeThreshold(theme, Math.Round(ThresholdOf(theme), 4), labels.GetValueOrDefault(theme)?.Count ?? 0)).ToList();
        return new ClusterReview(proposed, withdrawn, open, thresholds);
    }

    /// <summary>
    /// A coordinator accepts a suggestion: the merge or split is made, as by hand, and kept as a label. Refused (409) when
    /// it was decided already, or when its challenges changed since it was proposed (the next review proposes afresh).
    /// </summary>
    public Task<WriteResult<ChallengeSuggestion>> AcceptAsync(Guid id, string decidedBy, string? correlationId, CancellationToken cancellationToken) =>
        DecideAsync(id, accepted: true, decidedBy, async (transaction, suggestion, challenge) =>
        {
            var made = suggestion.Kind == ClusterSuggestion.Merge
                ? await challenges.MergeIntoAsync(transaction, challenge, suggestion.MergedChallenge!.Id, correlationId, cancellationToken)
                : await challenges.SplitOffAsync(transaction, challenge, [.. suggestion.Groups.Select(group => (IReadOnlyList<Guid>)[.. group.Select(need => need.Id)])],
                    correlationId, cancellationToken);
            return made.Succeeded ? null : WriteResult.Conflict<ChallengeSuggestion>(made.Title ?? SuggestionOutdated, made.Detail ?? string.Empty);
        }, cancellationToken);

    /// <summary>A coordinator dismisses a suggestion: it is not proposed again while its challenges hold the same needs, and it is kept as a label.</summary>
    public Task<WriteResult<ChallengeSuggestion>> DismissAsync(Guid id, string decidedBy, CancellationToken cancellationToken) =>
        DecideAsync(id, accepted: false, decidedBy, async (transaction, _, _) =>
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>Features again, in batches, the stored needs featured by an older version of <see cref="TextFeatures"/>; returns how many.</summary>
    public async Task<int> RefeatureAsync(int batchSize, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await Clusterer.LockAsync(transaction, cancellationToken);
            var stale = new List<(Guid Id, string Title, string Description)>();
            await using (var select = new NpgsqlCommand(
                "SELECT id, title, description FROM needs WHERE features_version < @version ORDER BY id LIMIT @limit", connection, transaction)
            {
                Parameters = { new("version", TextFeatures.Version), new("limit", batchSize) },
            })
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    stale.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            if (stale.Count == 0)
            {
                return total;
            }

            foreach (var (needId, title, description) in stale)
            {
                var features = await Clusterer.FeaturesAsync(transaction, title, description, cancellationToken);
                await transaction.ExecuteAsync("""
                    UPDATE needs SET features = @features, weights = @weights, features_version = @version, change_seq = nextval('change_seq') WHERE id = @id
                    """, cancellationToken,
                    new("id", needId), new("features", features.Keys.ToArray()), new("weights", features.Values.ToArray()), new("version", TextFeatures.Version));
            }

            await transaction.CommitAsync(cancellationToken);
            total += stale.Count;
        }
    }

    public const string SuggestionDecided = "The suggestion was decided already.";
    public const string SuggestionOutdated = "The challenges changed since the suggestion was made.";

    private const string OutdatedDetail =
        "A need was added, moved or closed, or a challenge was closed, since the review proposed this; the review proposes afresh from the challenges as they are.";

    /// <summary>
    /// Records a decision on an open suggestion and its label, then lets <paramref name="act"/> make it and commit, or
    /// refuse (its answer, and nothing is written).
    /// </summary>
    private async Task<WriteResult<ChallengeSuggestion>> DecideAsync(
        Guid id, bool accepted, string decidedBy, Func<NpgsqlTransaction, ChallengeSuggestion, Challenge, Task<WriteResult<ChallengeSuggestion>?>> act,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Clusterer.LockAsync(transaction, cancellationToken);
        if (await GetAsync(connection, transaction, id, cancellationToken) is not { } suggestion)
        {
            return WriteResult.NotFound<ChallengeSuggestion>();
        }

        if (suggestion.Status == SuggestionStatuses.Withdrawn)
        {
            return WriteResult.Conflict(SuggestionOutdated, OutdatedDetail, suggestion);
        }

        if (suggestion.Status != SuggestionStatuses.Open)
        {
            return WriteResult.Conflict(SuggestionDecided, $"It was {suggestion.Status} by {suggestion.DecidedBy} at {suggestion.DecidedAt:u}.", suggestion);
        }

        var challenge = (await ChallengeStore.GetAsync(connection, transaction, suggestion.Challenge.Id, cancellationToken))!;
        if (accepted && !await StillAsProposedAsync(transaction, id, cancellationToken))
        {
            return WriteResult.Conflict(SuggestionOutdated, OutdatedDetail, suggestion);
        }

        var now = timeProvider.GetUtcNow();
        await transaction.ExecuteAsync(
            "UPDATE cluster_suggestions SET status = @status, decided_at = @now, decided_by = @by WHERE id = @id", cancellationToken,
            new("id", id), new("status", accepted ? SuggestionStatuses.Accepted : SuggestionStatuses.Dismissed), new("now", now), new("by", decidedBy));

        // Accepting a merge or dismissing a split says the needs belong together; the other two say they do not.
        var together = accepted == (suggestion.Kind == ClusterSuggestion.Merge);
        await ClusteringLabels.RecordAsync(transaction, suggestion.Theme, suggestion.Similarity, together,
            accepted ? ClusteringLabels.SuggestionAccepted : ClusteringLabels.SuggestionDismissed, now, cancellationToken);
        if (await act(transaction, suggestion, challenge) is { } refused)
        {
            return refused;
        }

        return WriteResult.Updated((await GetAsync(connection, null, id, cancellationToken))!);
    }

    /// <summary>Whether the suggestion's challenges are open and hold the needs they held when it was proposed.</summary>
    private static async Task<bool> StillAsProposedAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT bool_and(c.status = ANY (@open) AND c.merged_into IS NULL) FROM challenges c WHERE c.id IN (s.challenge_id, s.merged_challenge_id))
               AND ARRAY(SELECT n.id FROM needs n WHERE n.challenge_id IN (s.challenge_id, s.merged_challenge_id) AND NOT (n.status = ANY (@not_counted)) ORDER BY n.id)
                   = ARRAY(SELECT x FROM unnest(s.need_ids) AS x ORDER BY x)
            FROM cluster_suggestions s WHERE s.id = @id
            """, transaction.Connection, transaction)
        {
            Parameters = { new("id", id), new("open", ChallengeStatuses.Open.ToArray()), new("not_counted", NeedStatuses.NotCounted.ToArray()) },
        };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<ChallengeSuggestion?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {Columns} FROM cluster_suggestions s
            JOIN challenges c ON c.id = s.challenge_id
            LEFT JOIN challenges m ON m.id = s.merged_challenge_id
            WHERE s.id = @id
            """, connection, transaction)
        {
            Parameters = { new("id", id) },
        };
        return await Sql.ReadSingleAsync(command, Read, cancellationToken);
    }

    /// <summary>The same proposal in any run: its kind, its challenges, the needs they hold and the needs it moves.</summary>
    private static string Fingerprint(ClusterSuggestion suggestion)
    {
        var groups = string.Join(';', suggestion.Groups.Select(group => string.Join(',', group.Order())).Order(StringComparer.Ordinal));
        var text = $"{suggestion.Kind}|{suggestion.ChallengeId}|{suggestion.MergedChallengeId}|{string.Join(',', suggestion.NeedIds.Order())}|{groups}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static ChallengeSuggestion Read(NpgsqlDataReader row)
    {
        var ids = row.GetFieldValue<Guid[]>("known_need_ids");
        var (references, titles) = (row.GetFieldValue<string[]>("need_references"), row.GetFieldValue<string[]>("need_titles"));
        var needs = ids.Select((id, i) => new SuggestedNeed(id, references[i], titles[i])).ToDictionary(need => need.Id);
        var groups = JsonSerializer.Deserialize<List<List<Guid>>>(row.GetString("groups"))!;
        return new ChallengeSuggestion(
            row.GetGuid("id"), row.GetString("kind"), row.GetString("theme"),
            new SuggestedChallenge(row.GetGuid("challenge_id"), row.GetString("challenge_reference"), row.GetString("challenge_title")),
            row.GetFieldValue<Guid?>("merged_challenge_id") is { } merged
                ? new SuggestedChallenge(merged, row.GetString("merged_reference"), row.GetString("merged_title"))
                : null,
            [.. groups.Select(group => (IReadOnlyList<SuggestedNeed>)[.. group.Where(needs.ContainsKey).Select(need => needs[need])])],
            row.GetDouble("similarity"), row.GetDouble("threshold"), row.GetString("status"), row.GetFieldValue<DateTimeOffset>("proposed_at"),
            row.GetFieldValue<DateTimeOffset?>("decided_at"), row.IsDBNull("decided_by") ? null : row.GetString("decided_by"));
    }
}
