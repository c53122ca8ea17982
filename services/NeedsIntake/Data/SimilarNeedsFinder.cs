using System.ComponentModel.DataAnnotations;
using System.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Client.Models;
using Platform.NeedsIntake.Domain;

namespace Platform.NeedsIntake.Data;

public sealed class SimilarNeedsOptions
{
    public const string SectionName = "Needs:Similar";

    /// <summary>How many similar needs a submission answers with.</summary>
    [Range(1, 20)]
    public int Limit { get; set; } = 5;

    /// <summary>The least score (0..1) a need must reach to count as similar.</summary>
    [Range(0.0, 1.0)]
    public double MinScore { get; set; } = 0.2;

    /// <summary>How many of the new text's rarest stems (longest first among equally rare) candidates must share one of.</summary>
    [Range(1, 100)]
    public int RareStems { get; set; } = 8;

    /// <summary>Stems in more than this share of needs are too common to find candidates by.</summary>
    [Range(0.01, 1.0)]
    public double MaxStemShare { get; set; } = 0.2;

    /// <summary>The newest needs with each rare stem that are considered: what bounds a lookup's work however many needs are stored.</summary>
    [Range(1, 10_000)]
    public int CandidatesPerStem { get; set; } = 50;

    /// <summary>At most this many of them, those sharing the most rare stems, are ranked.</summary>
    [Range(10, 100_000)]
    public int CandidateLimit { get; set; } = 100;

    /// <summary>How many of the candidates with the most stems in common get the (costlier) trigram comparison of titles.</summary>
    [Range(1, 1_000)]
    public int ScoredCandidates { get; set; } = 20;
}

/// <summary>
/// Finds open needs that say the same thing in other words. Candidates are the <c>CandidatesPerStem</c> newest needs with
/// each of the new text's rarest Swedish stems (<c>need_stems</c>; stem counts from <see cref="LexemeStatistics"/>, so
/// the common words every need shares do not make every need a candidate; before the first count, the longest stems),
/// the <c>CandidateLimit</c> sharing the most of them. Each candidate's overlap is the Jaccard index of its stems and
/// the new text's, counted by merging the two text vectors (|A ∩ B| = |A| + |B| - |A ∪ B|, in C, no row per stem); the
/// <c>ScoredCandidates</c> with the largest overlap are scored: the larger of the titles' trigram similarity and the
/// overlap, both in 0..1. Every step reads a bounded number of rows, so a lookup costs the same among 10,000 needs as
/// among 1,000,000.
/// </summary>
/// <remarks>
/// The statement keeps PostgreSQL's estimate of its cost low (the stem totals are read by a scalar subquery, not joined
/// as a table): a high estimate makes PostgreSQL JIT-compile every lookup, which costs more than the lookup itself.
/// </remarks>
public sealed class SimilarNeedsFinder(NpgsqlDataSource dataSource, IOptions<SimilarNeedsOptions> options)
{
    private const string Query = $"""
        WITH q AS MATERIALIZED (
            SELECT to_tsvector('swedish', @title || ' ' || @description) AS vector
        ), words AS MATERIALIZED (
            SELECT l.lexeme, coalesce((SELECT s.ndoc FROM need_lexemes s WHERE s.lexeme = l.lexeme), 0) AS ndoc
            FROM q, unnest(tsvector_to_array(q.vector)) AS l (lexeme)
        ), rare AS MATERIALIZED (
            SELECT lexeme FROM words
            WHERE ndoc <= greatest(50, (SELECT needs FROM need_lexeme_totals) * @maxStemShare)
            ORDER BY ndoc, length(lexeme) DESC, lexeme
            LIMIT @rareStems
        ), found AS (
            SELECT s.need_id, count(*) AS shared, max(s.created_at) AS newest
            FROM rare r CROSS JOIN LATERAL (
                SELECT t.need_id, t.created_at FROM need_stems t WHERE t.lexeme = r.lexeme ORDER BY t.created_at DESC LIMIT @candidatesPerStem
            ) s
            GROUP BY s.need_id
            ORDER BY shared DESC, newest DESC
            LIMIT @candidateLimit
        ), candidates AS (
            SELECT n.id, n.reference, n.title, n.created_at,
                   (length(n.search) + length(q.vector) - length(n.search || q.vector))::float8 / nullif(length(n.search || q.vector), 0) AS overlap
            FROM found f JOIN needs n ON n.id = f.need_id, q
            WHERE n.status = ANY (@openStatuses) AND {NeedStore.VisibleTo}
            ORDER BY overlap DESC, n.created_at DESC
            LIMIT @scoredCandidates
        )
        SELECT c.id, c.reference, c.title, s.score
        FROM candidates c
        CROSS JOIN LATERAL (SELECT greatest(similarity(c.title, @title), c.overlap) AS score) s
        WHERE s.score >= @minScore
        ORDER BY s.score DESC, c.created_at DESC
        LIMIT @limit
        """;

    private static readonly string[] OpenStatuses = [.. NeedStatuses.Open];

    public async Task<IReadOnlyList<SimilarNeed>> FindAsync(string title, string description, Viewer viewer, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, title, description, viewer, cancellationToken);
    }

    /// <summary>Open needs visible to <paramref name="viewer"/> like the given text, best first, on a connection outside any transaction.</summary>
    public async Task<IReadOnlyList<SimilarNeed>> FindAsync(NpgsqlConnection connection, string title, string description, Viewer viewer, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // The service's connections plan every statement for its parameters (plan_cache_mode); this one's plan does not
        // depend on them and took as long to make as to run, so the prepared statement keeps one generic plan.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL plan_cache_mode = force_generic_plan"));
        var command = new NpgsqlBatchCommand(Query);
        batch.BatchCommands.Add(command);
        NeedStore.AddViewerParameters(command.Parameters, viewer);
        command.Parameters.Add(new("title", title));
        command.Parameters.Add(new("description", description));
        command.Parameters.Add(new("openStatuses", OpenStatuses));
        command.Parameters.Add(new("minScore", settings.MinScore));
        command.Parameters.Add(new("limit", settings.Limit));
        command.Parameters.Add(new("maxStemShare", settings.MaxStemShare));
        command.Parameters.Add(new("rareStems", settings.RareStems));
        command.Parameters.Add(new("candidatesPerStem", settings.CandidatesPerStem));
        command.Parameters.Add(new("candidateLimit", settings.CandidateLimit));
        command.Parameters.Add(new("scoredCandidates", settings.ScoredCandidates));

        var similar = new List<SimilarNeed>(settings.Limit);
        // The reader starts at the lookup's rows: SET returns none.
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                similar.Add(new SimilarNeed(reader.GetGuid("id"), reader.GetString("reference"), reader.GetString("title"), Math.Round(reader.GetDouble("score"), 3)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return similar;
    }
}
