using Npgsql;
using NpgsqlTypes;
using Platform.Client.Models;
using Platform.Contracts.Reporting;
using Platform.Messaging.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;
using LessonPage = Platform.Client.Models.PagedResult<Platform.Client.Models.Lesson>;

namespace Platform.Reporting.Data;

public sealed record LessonQuery(bool PublishedOnly, string? TargetGroup, Guid? EffortId, Guid? ChallengeId);

/// <summary>Lessons (lärdomar): drafts for coordinators, published ones for everyone, each publication an event.</summary>
public sealed class LessonStore(NpgsqlDataSource dataSource, Messaging.Outbox.Outbox outbox, TimeProvider timeProvider)
{
    private const string Columns = "id, title, text, target_groups, effort_ids, challenge_ids, published, published_at, created_at, version";

    public async Task<LessonPage> ListAsync(LessonQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        const string filter = """
            WHERE ($1 = false OR published)
              AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM unnest(target_groups) AS g WHERE lower(g) = lower($2)))
              AND ($3::uuid IS NULL OR $3 = ANY (effort_ids))
              AND ($4::uuid IS NULL OR $4 = ANY (challenge_ids))
            """;
        var (items, total) = await Sql.PageAsync(
            dataSource, $"SELECT {Columns} FROM lessons {filter} ORDER BY created_at DESC, id LIMIT $5 OFFSET $6", $"SELECT count(*) FROM lessons {filter}",
            parameters =>
            {
                parameters.Add(Sql.Value(query.PublishedOnly));
                parameters.Add(Sql.Nullable(query.TargetGroup, NpgsqlDbType.Text));
                parameters.Add(Sql.Nullable(query.EffortId, NpgsqlDbType.Uuid));
                parameters.Add(Sql.Nullable(query.ChallengeId, NpgsqlDbType.Uuid));
            },
            page.PageSize, page.Offset, Read, cancellationToken);
        return new LessonPage(items, total, page.Page, page.PageSize);
    }

    public async Task<Lesson?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM lessons WHERE id = $1");
        command.Parameters.Add(Sql.Value(id));
        return await Sql.ReadSingleAsync(command, Read, cancellationToken);
    }

    /// <summary>Records a lesson; its efforts and challenges must be known to the read models (422 otherwise).</summary>
    public async Task<WriteResult<Lesson>> CreateAsync(
        LessonData data, bool byCoordinator, string caller, string? correlationId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var recorded = LessonLifecycle.Record(Guid.CreateVersion7(), data, byCoordinator, now);
        if (recorded is not { Succeeded: true, Value: { } lesson })
        {
            return recorded;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var errors = new ValidationErrors();
        await RequireKnownAsync(connection, "SELECT id FROM rm_efforts WHERE id = ANY ($1) AND title IS NOT NULL", data.EffortIds, "effortIds", "effort", errors, cancellationToken);
        await RequireKnownAsync(connection, "SELECT id FROM rm_challenges WHERE id = ANY ($1) AND reference IS NOT NULL", data.ChallengeIds, "challengeIds", "challenge", errors, cancellationToken);
        if (errors.Any)
        {
            return WriteResult.Invalid<Lesson>(errors);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"INSERT INTO lessons ({Columns}, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        {
            Parameters =
            {
                Sql.Value(lesson.Id), Sql.Value(lesson.Title), Sql.Value(lesson.Text), Sql.Value(lesson.TargetGroups.ToArray()),
                Uuids(lesson.EffortIds), Uuids(lesson.ChallengeIds), Sql.Value(lesson.Published),
                Sql.Nullable(lesson.PublishedAt, NpgsqlDbType.TimestampTz), Sql.Value(now), Sql.Value(1), Sql.Value(caller),
            },
        });
        if (lesson.Published)
        {
            batch.BatchCommands.Add(outbox.CreateBatchCommand(Published(lesson, correlationId)));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return recorded;
    }

    /// <summary>Publishes a draft, as <see cref="LessonLifecycle.Publish"/> allows: <paramref name="version"/> is the one the caller saw (If-Match).</summary>
    public async Task<WriteResult<Lesson>> PublishAsync(Guid id, int? version, bool byCoordinator, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = new NpgsqlCommand($"SELECT {Columns} FROM lessons WHERE id = $1 FOR UPDATE", connection, transaction) { Parameters = { Sql.Value(id) } };
        if (await Sql.ReadSingleAsync(select, Read, cancellationToken) is not { } current)
        {
            return WriteResult.NotFound<Lesson>();
        }

        var published = LessonLifecycle.Publish(current, version, byCoordinator, timeProvider.GetUtcNow());
        if (published is not { Succeeded: true, Value: { } lesson })
        {
            return published;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE lessons SET published = true, published_at = $2, version = $3 WHERE id = $1")
        {
            Parameters = { Sql.Value(id), Sql.Value(lesson.PublishedAt!.Value), Sql.Value(lesson.Version) },
        });
        batch.BatchCommands.Add(outbox.CreateBatchCommand(Published(lesson, correlationId)));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return published;
    }

    private static LessonPublished Published(Lesson lesson, string? correlationId) => new()
    {
        LessonId = lesson.Id,
        Title = lesson.Title,
        TargetGroups = lesson.TargetGroups,
        EffortIds = lesson.EffortIds,
        ChallengeIds = lesson.ChallengeIds,
        OccurredAt = lesson.PublishedAt!.Value,
        CorrelationId = correlationId,
    };

    private static async Task RequireKnownAsync(
        NpgsqlConnection connection, string sql, IReadOnlyList<Guid> ids, string field, string what, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { Uuids(ids) } };
        var known = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            known.Add(reader.GetGuid(0));
        }

        foreach (var (id, index) in ids.Select((id, index) => (id, index)).Where(entry => !known.Contains(entry.id)))
        {
            errors.UnknownReferences[$"{field}[{index}]"] = [$"No {what} {id} is known to reporting."];
        }
    }

    private static NpgsqlParameter Uuids(IEnumerable<Guid> ids) => new() { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };

    private static Lesson Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetFieldValue<Guid[]>(4),
        reader.GetFieldValue<Guid[]>(5), reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        reader.GetFieldValue<DateTimeOffset>(8), reader.GetInt32(9));
}
