using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Data;
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

    /// <summary>At most this many needs sharing a rare stem are ranked; bounds the cost when a text has only common words.</summary>
    [Range(10, 100_000)]
    public int CandidateLimit { get; set; } = 200;
}

/// <summary>
/// Finds open needs that say the same thing in other words. Candidates share one of the new text's rarest Swedish
/// stems (GIN text search; stem counts from <see cref="LexemeStatistics"/>, so the common words every need shares
/// do not make every need a candidate; before the first count, the longest stems), at most <c>CandidateLimit</c> of
/// them; the 50 best by text-search rank are scored: the larger of the titles' trigram similarity and the overlap
/// (Jaccard) of the stemmed words of title and description, both in 0..1.
/// </summary>
public sealed class SimilarNeedsFinder(NpgsqlDataSource dataSource, IOptions<SimilarNeedsOptions> options)
{
    private const string Query = $"""
        WITH words AS (
            SELECT l.lexeme, coalesce(s.ndoc, 0) AS ndoc
            FROM unnest(tsvector_to_array(to_tsvector('swedish', $3 || ' ' || $4))) AS l (lexeme)
            LEFT JOIN need_lexemes s ON s.lexeme = l.lexeme
        ), totals AS MATERIALIZED (
            SELECT needs FROM need_lexeme_totals
        ), q AS MATERIALIZED (
            SELECT array_agg(lexeme) AS lexemes,
                   (SELECT string_agg(quote_literal(lexeme), ' | ') FROM (
                        SELECT lexeme FROM words, totals
                        WHERE ndoc <= greatest(50, totals.needs * $9)
                        ORDER BY ndoc, length(lexeme) DESC, lexeme
                        LIMIT $10) rare)::tsquery AS query
            FROM words
        ), candidates AS (
            SELECT c.id FROM (
                SELECT n.id, n.search FROM needs n, q
                WHERE n.search @@ q.query AND n.status = ANY ($6) AND n.id <> $5 AND {NeedStore.VisibleTo}
                LIMIT $11
            ) c, q
            ORDER BY ts_rank(c.search, q.query) DESC
            LIMIT 50
        )
        SELECT n.id, n.reference, n.title, s.score
        FROM candidates, q, needs n
        CROSS JOIN LATERAL (
            SELECT count(*)::float8 AS common FROM unnest(tsvector_to_array(n.search)) AS l (lexeme) WHERE l.lexeme = ANY (q.lexemes)
        ) c
        CROSS JOIN LATERAL (
            SELECT greatest(similarity(n.title, $3), c.common / nullif(cardinality(q.lexemes) + length(n.search) - c.common, 0)) AS score
        ) s
        WHERE n.id = candidates.id AND s.score >= $7
        ORDER BY s.score DESC, n.created_at DESC
        LIMIT $8
        """;

    private static readonly string[] OpenStatuses = [.. NeedStatuses.Open];

    public async Task<IReadOnlyList<SimilarNeed>> FindAsync(string title, string description, Viewer viewer, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, null, title, description, null, viewer, cancellationToken);
    }

    /// <summary>Open needs visible to <paramref name="viewer"/> like the given text, best first; <paramref name="exceptId"/> is left out.</summary>
    public async Task<IReadOnlyList<SimilarNeed>> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string title, string description, Guid? exceptId, Viewer viewer, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var command = new NpgsqlCommand(Query, connection, transaction);
        NeedStore.AddViewerParameters(command.Parameters, viewer);
        command.Parameters.Add(Sql.Value(title));
        command.Parameters.Add(Sql.Value(description));
        command.Parameters.Add(Sql.Value(exceptId ?? Guid.Empty));
        command.Parameters.Add(Sql.Value(OpenStatuses));
        command.Parameters.Add(Sql.Value(settings.MinScore));
        command.Parameters.Add(Sql.Value(settings.Limit));
        command.Parameters.Add(Sql.Value(settings.MaxStemShare));
        command.Parameters.Add(Sql.Value(settings.RareStems));
        command.Parameters.Add(Sql.Value(settings.CandidateLimit));

        var similar = new List<SimilarNeed>(settings.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            similar.Add(new SimilarNeed(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Math.Round(reader.GetDouble(3), 3)));
        }

        return similar;
    }
}
