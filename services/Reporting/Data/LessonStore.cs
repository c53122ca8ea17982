using System.Data;
using Npgsql;
using NpgsqlTypes;
using Platform.Client.Models;
using Platform.Contracts.Reporting;
using Platform.Messaging.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;
using LessonPage = Platform.Client.Models.PagedResult<Platform.Client.Models.Lesson>;

namespace Platform.Reporting.Data;

/// <summary>A search of lessons; <paramref name="Published"/> true: published ones only, false: drafts only, null: both.</summary>
public sealed record LessonQuery(bool? Published, string? TargetGroup, Guid? EffortId, Guid? ChallengeId);

/// <summary>Lessons (lärdomar): drafts for coordinators, published ones for everyone, each publication an event.</summary>
public sealed class LessonStore(NpgsqlDataSource dataSource, Messaging.Outbox.Outbox outbox, TimeProvider timeProvider)
{
    private const string Columns = "id, title, text, target_groups, effort_ids, challenge_ids, published, published_at, created_at, version, assignments, documented_on";

    public Task<LessonPage> ListAsync(LessonQuery query, PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, Columns, """
            FROM lessons
            WHERE (@published::boolean IS NULL OR published = @published)
              AND (@target_group::text IS NULL OR EXISTS (SELECT 1 FROM unnest(target_groups) AS g WHERE lower(g) = lower(@target_group)))
              AND (@effort::uuid IS NULL OR @effort = ANY (effort_ids))
              AND (@challenge::uuid IS NULL OR @challenge = ANY (challenge_ids))
            """, "created_at DESC, id", page, Read, cancellationToken,
            Sql.Nullable("published", query.Published, NpgsqlDbType.Boolean),
            Sql.Nullable("target_group", query.TargetGroup, NpgsqlDbType.Text),
            Sql.Nullable("effort", query.EffortId, NpgsqlDbType.Uuid),
            Sql.Nullable("challenge", query.ChallengeId, NpgsqlDbType.Uuid));

    public async Task<Lesson?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM lessons WHERE id = @id");
        command.Parameters.Add(new NpgsqlParameter("id", id));
        return await Sql.ReadSingleAsync(command, Read, cancellationToken);
    }

    /// <summary>Records a lesson; its efforts and challenges must be known to the read models (422 otherwise).</summary>
    public async Task<WriteResult<Lesson>> CreateAsync(
        LessonData data, bool byCoordinator, string caller, string? correlationId, CancellationToken cancellationToken)
    {
        var recorded = LessonLifecycle.Record(Guid.CreateVersion7(), data, byCoordinator, Now());
        if (recorded is not { Succeeded: true, Value: { } lesson })
        {
            return recorded;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var errors = new ValidationErrors();
        await RequireKnownAsync(connection, "SELECT id FROM rm_efforts WHERE id = ANY (@ids) AND title IS NOT NULL", data.EffortIds, "effortIds", "effort", errors, cancellationToken);
        await RequireKnownAsync(connection, "SELECT id FROM rm_challenges WHERE id = ANY (@ids) AND reference IS NOT NULL", data.ChallengeIds, "challengeIds", "challenge", errors, cancellationToken);
        await RequireRegisteredAsync(connection, data.Assignments, errors, cancellationToken);
        if (errors.Any)
        {
            return WriteResult.Invalid<Lesson>(errors);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            INSERT INTO lessons ({Columns}, created_by)
            VALUES (@id, @title, @text, @target_groups, @effort_ids, @challenge_ids, @published, @published_at, @created_at, @version, @assignments, @documented_on, @created_by)
            """)
        {
            Parameters =
            {
                new("id", lesson.Id),
                new("title", lesson.Title),
                new("text", lesson.Text),
                new("target_groups", lesson.TargetGroups.ToArray()),
                Uuids("effort_ids", lesson.EffortIds),
                Uuids("challenge_ids", lesson.ChallengeIds),
                new("published", lesson.Published),
                Sql.Nullable("published_at", lesson.PublishedAt, NpgsqlDbType.TimestampTz),
                new("created_at", lesson.CreatedAt),
                new("version", lesson.Version),
                new("assignments", lesson.Assignments.ToArray()),
                new("documented_on", lesson.DocumentedOn),
                new("created_by", caller),
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
        await using var select = new NpgsqlCommand($"SELECT {Columns} FROM lessons WHERE id = @id FOR UPDATE", connection, transaction)
        {
            Parameters = { new("id", id) },
        };
        if (await Sql.ReadSingleAsync(select, Read, cancellationToken) is not { } current)
        {
            return WriteResult.NotFound<Lesson>();
        }

        var published = LessonLifecycle.Publish(current, version, byCoordinator, Now());
        if (published is not { Succeeded: true, Value: { } lesson })
        {
            return published;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE lessons SET published = true, published_at = @published_at, version = @version WHERE id = @id")
        {
            Parameters = { new("id", id), new("published_at", lesson.PublishedAt!.Value), new("version", lesson.Version) },
        });
        batch.BatchCommands.Add(outbox.CreateBatchCommand(Published(lesson, correlationId)));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return published;
    }

    /// <summary>
    /// Revises a lesson as <see cref="LessonLifecycle.Revise"/> allows (<paramref name="version"/> is the one the caller
    /// saw): the version it replaces is kept in <c>lesson_revisions</c>; a published lesson's revision is announced.
    /// </summary>
    public async Task<WriteResult<Lesson>> ReviseAsync(
        Guid id, int? version, LessonData data, bool byCoordinator, string caller, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = new NpgsqlCommand($"SELECT {Columns} FROM lessons WHERE id = @id FOR UPDATE", connection, transaction)
        {
            Parameters = { new("id", id) },
        };
        if (await Sql.ReadSingleAsync(select, Read, cancellationToken) is not { } current || !LessonLifecycle.IsVisibleTo(current, byCoordinator))
        {
            return WriteResult.NotFound<Lesson>();
        }

        var revised = LessonLifecycle.Revise(current, data, version, byCoordinator);
        if (revised is not { Succeeded: true, Value: { } lesson } || lesson.Version == current.Version)
        {
            return revised;
        }

        var errors = new ValidationErrors();
        await RequireKnownAsync(connection, "SELECT id FROM rm_efforts WHERE id = ANY (@ids) AND title IS NOT NULL", data.EffortIds, "effortIds", "effort", errors, cancellationToken);
        await RequireKnownAsync(connection, "SELECT id FROM rm_challenges WHERE id = ANY (@ids) AND reference IS NOT NULL", data.ChallengeIds, "challengeIds", "challenge", errors, cancellationToken);
        await RequireRegisteredAsync(connection, data.Assignments, errors, cancellationToken);
        if (errors.Any)
        {
            return WriteResult.Invalid<Lesson>(errors);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            INSERT INTO lesson_revisions (lesson_id{Columns["id".Length..]}, replaced_at, replaced_by)
            SELECT {Columns}, @now, @by FROM lessons WHERE id = @id
            """)
        {
            Parameters = { new("id", id), new("now", Now()), new("by", caller) },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE lessons SET title = @title, text = @text, target_groups = @target_groups, effort_ids = @effort_ids, challenge_ids = @challenge_ids,
                assignments = @assignments, documented_on = @documented_on, version = @version
            WHERE id = @id
            """)
        {
            Parameters =
            {
                new("id", id), new("title", lesson.Title), new("text", lesson.Text), new("target_groups", lesson.TargetGroups.ToArray()),
                Uuids("effort_ids", lesson.EffortIds), Uuids("challenge_ids", lesson.ChallengeIds), new("assignments", lesson.Assignments.ToArray()),
                new("documented_on", lesson.DocumentedOn), new("version", lesson.Version),
            },
        });
        if (lesson.Published)
        {
            batch.BatchCommands.Add(outbox.CreateBatchCommand(new LessonRevised
            {
                LessonId = lesson.Id, Version = lesson.Version, Title = lesson.Title, TargetGroups = lesson.TargetGroups, EffortIds = lesson.EffortIds,
                ChallengeIds = lesson.ChallengeIds, CorrelationId = correlationId, OccurredAt = Now(),
            }));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return revised;
    }

    /// <summary>A lesson's earlier versions, newest first; published ones only for whoever may not see drafts.</summary>
    public Task<LessonPage> RevisionsAsync(Guid id, bool publishedOnly, PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, $"lesson_id AS id{Columns["id".Length..]}",
            "FROM lesson_revisions WHERE lesson_id = @id AND (@published_only = false OR published)", "version DESC", page, Read, cancellationToken,
            new("id", id), new("published_only", publishedOnly));

    private DateTimeOffset Now() => Sql.Now(timeProvider);

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

        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { Uuids("ids", ids) } };
        var known = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            known.Add(reader.GetGuid("id"));
        }

        foreach (var (id, index) in ids.Select((id, index) => (id, index)).Where(entry => !known.Contains(entry.id)))
        {
            errors.UnknownReferences[$"{field}[{index}]"] = [$"No {what} {id} is known to reporting."];
        }
    }

    /// <summary>Records each of <paramref name="references"/> that is not a registered assignment, named by its place.</summary>
    private static async Task RequireRegisteredAsync(NpgsqlConnection connection, IReadOnlyList<string> references, ValidationErrors errors, CancellationToken cancellationToken)
    {
        for (var i = 0; i < references.Count; i++)
        {
            if (await AssignmentStore.GetAsync(connection, null, references[i], cancellationToken) is null)
            {
                errors.UnknownReferences[$"assignments[{i}]"] = [$"No assignment {references[i]} is registered."];
            }
        }
    }

    private static NpgsqlParameter Uuids(string name, IEnumerable<Guid> ids) => new(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() };

    private static Lesson Read(NpgsqlDataReader row) => new(
        row.GetGuid("id"),
        row.GetString("title"),
        row.GetString("text"),
        row.GetFieldValue<string[]>("target_groups"),
        row.GetFieldValue<Guid[]>("effort_ids"),
        row.GetFieldValue<Guid[]>("challenge_ids"),
        row.GetBoolean("published"),
        row.IsDBNull("published_at") ? null : row.GetFieldValue<DateTimeOffset>("published_at"),
        row.GetFieldValue<DateTimeOffset>("created_at"),
        row.GetInt32("version"),
        row.GetFieldValue<string[]>("assignments"),
        row.GetFieldValue<DateOnly>("documented_on"));
}
