using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Data;
using Platform.NeedsIntake.Domain;

namespace Platform.NeedsIntake.Data;

public sealed class SimilarNeedsOptions
{
    public const string SectionName = "Needs:Similar";

    /// <summary>How many similar needs a submission answers with.</summary>
    public int Limit { get; set; } = 5;

    /// <summary>The least score (0..1) a need must reach to count as similar.</summary>
    public double MinScore { get; set; } = 0.2;
}

/// <summary>
/// Finds open needs that say the same thing in other words. Candidates share a Swedish stem with the new need
/// (GIN text search) or a title close in trigrams (GIN trigram index); each is scored by the larger of the title's
/// trigram similarity and the overlap (Jaccard) of the stemmed words of title and description, both in 0..1.
/// </summary>
public sealed class SimilarNeedsFinder(NpgsqlDataSource dataSource, IOptions<SimilarNeedsOptions> options)
{
    private const string Sql = $"""
        WITH q AS (
            SELECT tsvector_to_array(to_tsvector('swedish', $3 || ' ' || $4)) AS lexemes,
                   nullif(replace(plainto_tsquery('swedish', $3 || ' ' || $4)::text, ' & ', ' | '), '')::tsquery AS query
        )
        SELECT n.id, n.reference, n.title, s.score
        FROM q, needs n
        CROSS JOIN LATERAL (
            SELECT count(*)::float8 AS common FROM unnest(tsvector_to_array(n.search)) AS l (lexeme) WHERE l.lexeme = ANY (q.lexemes)
        ) c
        CROSS JOIN LATERAL (
            SELECT greatest(similarity(n.title, $3), c.common / nullif(cardinality(q.lexemes) + length(n.search) - c.common, 0)) AS score
        ) s
        WHERE {NeedStore.VisibleTo} AND n.id <> $5 AND n.status = ANY ($6)
          AND (n.search @@ q.query OR n.title % $3)
          AND s.score >= $7
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
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        NeedStore.AddViewerParameters(command.Parameters, viewer);
        command.Parameters.Add(Messaging.Data.Sql.Value(title));
        command.Parameters.Add(Messaging.Data.Sql.Value(description));
        command.Parameters.Add(Messaging.Data.Sql.Value(exceptId ?? Guid.Empty));
        command.Parameters.Add(Messaging.Data.Sql.Value(OpenStatuses));
        command.Parameters.Add(Messaging.Data.Sql.Value(settings.MinScore));
        command.Parameters.Add(Messaging.Data.Sql.Value(settings.Limit));

        var similar = new List<SimilarNeed>(settings.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            similar.Add(new SimilarNeed(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Math.Round(reader.GetDouble(3), 3)));
        }

        return similar;
    }
}
