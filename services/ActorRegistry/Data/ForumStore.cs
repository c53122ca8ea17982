using Npgsql;
using NpgsqlTypes;
using Platform.ActorRegistry.Domain;
using Platform.Messaging.Data;
using Platform.Contracts.Actors;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Http;

namespace Platform.ActorRegistry.Data;

public sealed record ForumMember(Guid ActorId, string Role, DateTimeOffset JoinedAt);

public sealed record ForumResponse(Guid Id, string Name, string? Purpose, string Scope, Guid? ConvenorActorId, DateTimeOffset CreatedAt, IReadOnlyList<ForumMember> Members);

public sealed record MeetingResponse(
    Guid Id,
    Guid? ForumId,
    DateOnly Date,
    string Title,
    string? Agenda,
    string? Minutes,
    IReadOnlyList<Guid> AttendingActorIds,
    IReadOnlyList<Guid> NeedIds,
    IReadOnlyList<Guid> ChallengeIds,
    DateTimeOffset CreatedAt);

public enum CollaborationOutcome
{
    Done,
    NotFound,
    UnknownReference,
    AlreadyMember,
}

public sealed record CollaborationResult<T>(CollaborationOutcome Outcome, T? Value = default, ValidationErrors? Errors = null);

/// <summary>Collaboration forums (samverkansforum) with their members, and dialogue meetings (dialogmöten).</summary>
public sealed class ForumStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider timeProvider)
{
    public async Task<PagedResult<ForumResponse>> ListForumsAsync(string? scope, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = new List<Guid>();
        long total = 0;
        await using (var command = new NpgsqlCommand("""
            SELECT id, count(*) OVER () FROM forums WHERE ($1::text IS NULL OR scope = $1) ORDER BY name, id LIMIT $2 OFFSET $3
            """, connection) { Parameters = { Sql.Nullable(scope, NpgsqlDbType.Text), new() { Value = page.PageSize }, new() { Value = page.Offset } } })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
                total = reader.GetInt64(1);
            }
        }

        return new PagedResult<ForumResponse>(await ReadForumsAsync(connection, null, ids, cancellationToken), total, page.Page, page.PageSize);
    }

    public async Task<ForumResponse?> GetForumAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetForumAsync(connection, null, id, cancellationToken);
    }

    public async Task<CollaborationResult<ForumResponse>> CreateForumAsync(Guid id, ForumRequest forum, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (forum.ConvenorActorId is { } convenor && await MissingActorsAsync(connection, transaction, [convenor], cancellationToken) is { Count: > 0 })
        {
            return new(CollaborationOutcome.UnknownReference, Errors: new ValidationErrors { UnknownReferences = { ["convenorActorId"] = [$"Actor {convenor} does not exist."] } });
        }

        var now = timeProvider.GetUtcNow();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO forums (id, name, purpose, scope, convenor_actor_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)", connection, transaction)
        {
            Parameters =
            {
                new() { Value = id }, new() { Value = forum.Name! }, Sql.Nullable(forum.Purpose, NpgsqlDbType.Text),
                new() { Value = forum.Scope! }, Sql.Nullable(forum.ConvenorActorId, NpgsqlDbType.Uuid), new() { Value = now },
            },
        })
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await outbox.EnqueueAsync(transaction, new ForumCreated
        {
            ForumId = id, Name = forum.Name!, Scope = forum.Scope!, ConvenorActorId = forum.ConvenorActorId, CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        if (forum.ConvenorActorId is { } convenorId)
        {
            await AddMemberAsync(connection, transaction, id, convenorId, "convenor", now, correlationId, cancellationToken);
        }

        var created = (await GetForumAsync(connection, transaction, id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return new(CollaborationOutcome.Done, created);
    }

    public async Task<CollaborationResult<ForumResponse>> AddMemberAsync(Guid forumId, Guid actorId, string role, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM forums WHERE id = $1 FOR UPDATE", connection, transaction) { Parameters = { new() { Value = forumId } } })
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                return new(CollaborationOutcome.NotFound);
            }
        }

        if (await MissingActorsAsync(connection, transaction, [actorId], cancellationToken) is { Count: > 0 })
        {
            return new(CollaborationOutcome.UnknownReference, Errors: new ValidationErrors { UnknownReferences = { ["actorId"] = [$"Actor {actorId} does not exist."] } });
        }

        if (!await AddMemberAsync(connection, transaction, forumId, actorId, role, timeProvider.GetUtcNow(), correlationId, cancellationToken))
        {
            return new(CollaborationOutcome.AlreadyMember, await GetForumAsync(connection, transaction, forumId, cancellationToken));
        }

        var forum = await GetForumAsync(connection, transaction, forumId, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return new(CollaborationOutcome.Done, forum);
    }

    public async Task<PagedResult<MeetingResponse>> ListMeetingsAsync(Guid? forumId, DateOnly? from, DateOnly? to, PageRequest page, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, forum_id, date, title, agenda, minutes, attending_actor_ids, need_ids, challenge_ids, created_at, count(*) OVER ()
            FROM meetings
            WHERE ($1::uuid IS NULL OR forum_id = $1) AND ($2::date IS NULL OR date >= $2) AND ($3::date IS NULL OR date <= $3)
            ORDER BY date DESC, id
            LIMIT $4 OFFSET $5
            """);
        command.Parameters.Add(Sql.Nullable(forumId, NpgsqlDbType.Uuid));
        command.Parameters.Add(Sql.Nullable(from, NpgsqlDbType.Date));
        command.Parameters.Add(Sql.Nullable(to, NpgsqlDbType.Date));
        command.Parameters.Add(new NpgsqlParameter { Value = page.PageSize });
        command.Parameters.Add(new NpgsqlParameter { Value = page.Offset });
        var items = new List<MeetingResponse>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadMeeting(reader));
            total = reader.GetInt64(10);
        }

        return new PagedResult<MeetingResponse>(items, total, page.Page, page.PageSize);
    }

    public async Task<MeetingResponse?> GetMeetingAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, forum_id, date, title, agenda, minutes, attending_actor_ids, need_ids, challenge_ids, created_at FROM meetings WHERE id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadMeeting(reader) : null;
    }

    public async Task<CollaborationResult<MeetingResponse>> RecordMeetingAsync(Guid id, MeetingRequest meeting, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var errors = new ValidationErrors();
        if (meeting.ForumId is { } forumId)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM forums WHERE id = $1", connection, transaction) { Parameters = { new() { Value = forumId } } };
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                errors.UnknownReferences["forumId"] = [$"Forum {forumId} does not exist."];
            }
        }

        var missing = await MissingActorsAsync(connection, transaction, meeting.AttendingActorIds!, cancellationToken);
        if (missing.Count > 0)
        {
            errors.UnknownReferences["attendingActorIds"] = [$"Unknown actors: {string.Join(", ", missing)}."];
        }

        NameUnknown(errors, "needIds", meeting.NeedIds!, await KnownReferences.UnknownNeedsAsync(transaction, meeting.NeedIds!, cancellationToken),
            id => $"Need {id} is not known to the actor registry, which learns of needs from needs-intake's events: "
                + "if it was submitted moments ago, its event may not have arrived yet; retry shortly.");
        NameUnknown(errors, "challengeIds", meeting.ChallengeIds!, await KnownReferences.UnknownChallengesAsync(transaction, meeting.ChallengeIds!, cancellationToken),
            id => $"Challenge {id} is not known to the actor registry, which learns of challenges from challenge-tracking's events: "
                + "if it was identified moments ago, its event may not have arrived yet; retry shortly.");

        if (errors.Any)
        {
            return new(CollaborationOutcome.UnknownReference, Errors: errors);
        }

        var now = timeProvider.GetUtcNow();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO meetings (id, forum_id, date, title, agenda, minutes, attending_actor_ids, need_ids, challenge_ids, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = id }, Sql.Nullable(meeting.ForumId, NpgsqlDbType.Uuid), new() { Value = meeting.Date!.Value },
                new() { Value = meeting.Title! }, Sql.Nullable(meeting.Agenda, NpgsqlDbType.Text),
                Sql.Nullable(meeting.Minutes, NpgsqlDbType.Text), new() { Value = meeting.AttendingActorIds!.Distinct().ToArray() },
                new() { Value = meeting.NeedIds!.Distinct().ToArray() }, new() { Value = meeting.ChallengeIds!.Distinct().ToArray() }, new() { Value = now },
            },
        })
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await outbox.EnqueueAsync(transaction, new MeetingRecorded
        {
            MeetingId = id, ForumId = meeting.ForumId, Date = meeting.Date!.Value, Title = meeting.Title!,
            AttendingActorIds = [.. meeting.AttendingActorIds!.Distinct()], NeedIds = [.. meeting.NeedIds!.Distinct()], ChallengeIds = [.. meeting.ChallengeIds!.Distinct()],
            CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return new(CollaborationOutcome.Done, await GetMeetingAsync(id, cancellationToken));
    }

    /// <summary>Names each unknown id by its first place in the request (<c>needIds[2]</c>), so a client sees which to check or send again.</summary>
    private static void NameUnknown(ValidationErrors errors, string field, IReadOnlyList<Guid> ids, IReadOnlySet<Guid> unknown, Func<Guid, string> message)
    {
        var named = new HashSet<Guid>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (unknown.Contains(ids[i]) && named.Add(ids[i]))
            {
                errors.UnknownReferences[$"{field}[{i}]"] = [message(ids[i])];
            }
        }
    }

    private async Task<bool> AddMemberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid forumId, Guid actorId, string role, DateTimeOffset now, string? correlationId, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO forum_members (forum_id, actor_id, role, joined_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", connection, transaction)
        {
            Parameters = { new() { Value = forumId }, new() { Value = actorId }, new() { Value = role }, new() { Value = now } },
        };
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await outbox.EnqueueAsync(transaction, new ForumMemberAdded { ForumId = forumId, ActorId = actorId, Role = role, CorrelationId = correlationId, OccurredAt = now }, cancellationToken);
        return true;
    }

    private static async Task<List<Guid>> MissingActorsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT wanted FROM unnest($1::uuid[]) AS wanted WHERE NOT EXISTS (SELECT 1 FROM actors WHERE id = wanted)", connection, transaction)
        {
            Parameters = { new() { Value = ids.ToArray() } },
        };
        var missing = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            missing.Add(reader.GetGuid(0));
        }

        return missing;
    }

    private static async Task<ForumResponse?> GetForumAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken) =>
        (await ReadForumsAsync(connection, transaction, [id], cancellationToken)).SingleOrDefault();

    /// <summary>The forums with these ids, in the order given, each with its members: two queries for any number.</summary>
    private static async Task<List<ForumResponse>> ReadForumsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var forums = new Dictionary<Guid, ForumResponse>(ids.Count);
        await using (var command = new NpgsqlCommand("SELECT id, name, purpose, scope, convenor_actor_id, created_at FROM forums WHERE id = ANY ($1)", connection, transaction) { Parameters = { new() { Value = ids.ToArray() } } })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var forum = new ForumResponse(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetFieldValue<DateTimeOffset>(5), []);
                forums[forum.Id] = forum;
            }
        }

        var members = forums.Keys.ToDictionary(id => id, _ => new List<ForumMember>());
        await using (var command = new NpgsqlCommand("SELECT forum_id, actor_id, role, joined_at FROM forum_members WHERE forum_id = ANY ($1) ORDER BY joined_at, actor_id", connection, transaction) { Parameters = { new() { Value = ids.ToArray() } } })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                members[reader.GetGuid(0)].Add(new ForumMember(reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        return [.. ids.Where(forums.ContainsKey).Select(id => forums[id] with { Members = members[id] })];
    }

    private static MeetingResponse ReadMeeting(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetFieldValue<Guid[]>(6), reader.GetFieldValue<Guid[]>(7), reader.GetFieldValue<Guid[]>(8), reader.GetFieldValue<DateTimeOffset>(9));
}
