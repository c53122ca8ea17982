using Platform.Contracts.Actors;
using Platform.Messaging.Outbox;

namespace Platform.ActorRegistry.Data;

/// <summary>Dialogue meetings (dialogmöten), with the actors that attended and the needs and challenges they discussed.</summary>
/// <summary>Which meetings a list holds: each filter optional, all of them together.</summary>
public sealed record MeetingQuery(
    Guid? ForumId = null, DateOnly? From = null, DateOnly? To = null, string? Assignment = null, Guid? ActorId = null, Guid? NeedId = null, Guid? ChallengeId = null);

public sealed class MeetingStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider timeProvider)
{
    private const string Columns = "id, forum_id, date, title, agenda, minutes, attending_actor_ids, need_ids, challenge_ids, assignments, created_at";

    public async Task<Platform.Client.Models.PagedResult<Meeting>> ListMeetingsAsync(MeetingQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}, count(*) OVER () AS total
            FROM meetings
            WHERE (@forum::uuid IS NULL OR forum_id = @forum) AND (@from::date IS NULL OR date >= @from) AND (@to::date IS NULL OR date <= @to)
              AND (@assignment::text IS NULL OR assignments @> ARRAY[@assignment::text])
              AND (@actor::uuid IS NULL OR attending_actor_ids @> ARRAY[@actor::uuid])
              AND (@need::uuid IS NULL OR need_ids @> ARRAY[@need::uuid])
              AND (@challenge::uuid IS NULL OR challenge_ids @> ARRAY[@challenge::uuid])
            ORDER BY date DESC, id
            LIMIT @limit OFFSET @offset
            """);
        command.Parameters.AddNullable("forum", NpgsqlDbType.Uuid, query.ForumId);
        command.Parameters.AddNullable("from", NpgsqlDbType.Date, query.From);
        command.Parameters.AddNullable("to", NpgsqlDbType.Date, query.To);
        command.Parameters.AddNullable("assignment", NpgsqlDbType.Text, query.Assignment);
        command.Parameters.AddNullable("actor", NpgsqlDbType.Uuid, query.ActorId);
        command.Parameters.AddNullable("need", NpgsqlDbType.Uuid, query.NeedId);
        command.Parameters.AddNullable("challenge", NpgsqlDbType.Uuid, query.ChallengeId);
        command.Parameters.AddWithValue("limit", page.PageSize);
        command.Parameters.AddWithValue("offset", page.Offset);
        return await command.ReadPageAsync(page, Read, cancellationToken);
    }

    public async Task<Meeting?> GetMeetingAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM meetings WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await Sql.ReadSingleAsync(command, Read, cancellationToken);
    }

    /// <summary>Records the meeting when its forum, actors, needs and challenges are known (422 naming each one that is not).</summary>
    public async Task<WriteResult<Meeting>> RecordMeetingAsync(Guid id, MeetingData meeting, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var errors = new ValidationErrors();
        if (meeting.ForumId is { } forumId)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM forums WHERE id = @id", connection, transaction);
            exists.Parameters.AddWithValue("id", forumId);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                errors.UnknownReferences["forumId"] = [$"Forum {forumId} does not exist."];
            }
        }

        var missing = await KnownReferences.UnknownActorsAsync(transaction, meeting.AttendingActorIds, cancellationToken);
        if (missing.Count > 0)
        {
            errors.UnknownReferences["attendingActorIds"] = [$"Unknown actors: {string.Join(", ", meeting.AttendingActorIds.Where(missing.Contains).Distinct())}."];
        }

        NameUnknown(errors, "needIds", meeting.NeedIds, await KnownReferences.UnknownNeedsAsync(transaction, meeting.NeedIds, cancellationToken),
            id => $"Need {id} is not known to the actor registry, which learns of needs from needs-intake's events: "
                + "if it was submitted moments ago, its event may not have arrived yet; retry shortly.");
        NameUnknown(errors, "challengeIds", meeting.ChallengeIds, await KnownReferences.UnknownChallengesAsync(transaction, meeting.ChallengeIds, cancellationToken),
            id => $"Challenge {id} is not known to the actor registry, which learns of challenges from challenge-tracking's events: "
                + "if it was identified moments ago, its event may not have arrived yet; retry shortly.");
        await KnownReferences.CheckAssignmentsAsync(transaction, meeting.Assignments, errors, cancellationToken);

        if (errors.Any)
        {
            return WriteResult.Invalid<Meeting>(errors);
        }

        var now = timeProvider.GetUtcNow();
        Guid[] attending = [.. meeting.AttendingActorIds.Distinct()], needs = [.. meeting.NeedIds.Distinct()], challenges = [.. meeting.ChallengeIds.Distinct()];
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO meetings (id, forum_id, date, title, agenda, minutes, attending_actor_ids, need_ids, challenge_ids, assignments, created_at)
            VALUES (@id, @forum_id, @date, @title, @agenda, @minutes, @attending_actor_ids, @need_ids, @challenge_ids, @assignments, @now)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddNullable("forum_id", NpgsqlDbType.Uuid, meeting.ForumId);
            insert.Parameters.AddWithValue("date", meeting.Date);
            insert.Parameters.AddWithValue("title", meeting.Title);
            insert.Parameters.AddNullable("agenda", NpgsqlDbType.Text, meeting.Agenda);
            insert.Parameters.AddNullable("minutes", NpgsqlDbType.Text, meeting.Minutes);
            insert.Parameters.AddWithValue("attending_actor_ids", attending);
            insert.Parameters.AddWithValue("need_ids", needs);
            insert.Parameters.AddWithValue("challenge_ids", challenges);
            insert.Parameters.AddWithValue("assignments", meeting.Assignments.ToArray());
            insert.Parameters.AddWithValue("now", now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await outbox.EnqueueAsync(transaction, new MeetingRecorded
        {
            MeetingId = id, ForumId = meeting.ForumId, Date = meeting.Date, Title = meeting.Title,
            AttendingActorIds = attending, NeedIds = needs, ChallengeIds = challenges, Assignments = meeting.Assignments,
            CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Created((await GetMeetingAsync(id, cancellationToken))!);
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

    private static Meeting Read(NpgsqlDataReader row) => new(
        row.Get<Guid>("id"), row.GetOrNull<Guid>("forum_id"), row.Get<DateOnly>("date"), row.Get<string>("title"),
        row.GetStringOrNull("agenda"), row.GetStringOrNull("minutes"),
        row.Get<Guid[]>("attending_actor_ids"), row.Get<Guid[]>("need_ids"), row.Get<Guid[]>("challenge_ids"), row.Get<string[]>("assignments"),
        row.Get<DateTimeOffset>("created_at"));
}
