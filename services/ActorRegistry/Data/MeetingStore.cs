using Platform.Contracts.Actors;
using Platform.Messaging.Outbox;

namespace Platform.ActorRegistry.Data;

/// <summary>Dialogue meetings (dialogmöten), with the actors that attended and the needs and challenges they discussed.</summary>
/// <summary>Which meetings a list holds: each filter optional, all of them together.</summary>
public sealed record MeetingQuery(
    Guid? ForumId = null, DateOnly? From = null, DateOnly? To = null, string? Assignment = null, Guid? ActorId = null, Guid? NeedId = null, Guid? ChallengeId = null,
    string? Status = null);

public sealed class MeetingStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider timeProvider)
{
    private const string Columns = "id, forum_id, date, title, agenda, minutes, attending_actor_ids, need_ids, challenge_ids, assignments, created_at, status, version";

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
              AND (@status::text IS NULL OR status = @status)
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
        command.Parameters.AddNullable("status", NpgsqlDbType.Text, query.Status);
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

    /// <summary>
    /// Records the meeting when its forum, actors, needs and challenges are known (422 naming each one that is not) and
    /// its state fits its date (<see cref="MeetingRules.Status"/>).
    /// </summary>
    public async Task<WriteResult<Meeting>> RecordMeetingAsync(Guid id, MeetingData meeting, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (status, errors) = await CheckAsync(transaction, meeting, cancellationToken);
        if (errors.Any)
        {
            return WriteResult.Invalid<Meeting>(errors);
        }

        var now = timeProvider.GetUtcNow();
        Guid[] attending = [.. meeting.AttendingActorIds.Distinct()], needs = [.. meeting.NeedIds.Distinct()], challenges = [.. meeting.ChallengeIds.Distinct()];
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO meetings (id, forum_id, date, title, agenda, minutes, attending_actor_ids, need_ids, challenge_ids, assignments, created_at, status)
            VALUES (@id, @forum_id, @date, @title, @agenda, @minutes, @attending_actor_ids, @need_ids, @challenge_ids, @assignments, @now, @status)
            """, connection, transaction))
        {
            AddFields(insert.Parameters, id, meeting, status, attending, needs, challenges, now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await outbox.EnqueueAsync(transaction, new MeetingRecorded
        {
            MeetingId = id, ForumId = meeting.ForumId, Date = meeting.Date, Title = meeting.Title, Status = status,
            AttendingActorIds = attending, NeedIds = needs, ChallengeIds = challenges, Assignments = meeting.Assignments,
            CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Created((await GetMeetingAsync(id, cancellationToken))!);
    }

    /// <summary>
    /// Edits a meeting (If-Match) with the same checks as <see cref="RecordMeetingAsync"/>: every field as given, its
    /// state as asked (or by its date). An edit that changes nothing writes nothing.
    /// </summary>
    public async Task<WriteResult<Meeting>> UpdateMeetingAsync(Guid id, int? expectedVersion, MeetingData meeting, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var select = new NpgsqlCommand($"SELECT {Columns} FROM meetings WHERE id = @id FOR UPDATE", connection, transaction))
        {
            select.Parameters.AddWithValue("id", id);
            var current = await Sql.ReadSingleAsync(select, Read, cancellationToken);
            if (current is null)
            {
                return WriteResult.NotFound<Meeting>();
            }

            if (expectedVersion is { } expected && current.Version != expected)
            {
                return WriteResult.Stale(current);
            }

            var (status, errors) = await CheckAsync(transaction, meeting, cancellationToken);
            if (errors.Any)
            {
                return WriteResult.Invalid<Meeting>(errors);
            }

            Guid[] attending = [.. meeting.AttendingActorIds.Distinct()], needs = [.. meeting.NeedIds.Distinct()], challenges = [.. meeting.ChallengeIds.Distinct()];
            var edited = current with
            {
                ForumId = meeting.ForumId, Date = meeting.Date, Title = meeting.Title, Agenda = meeting.Agenda, Minutes = meeting.Minutes, Status = status,
                AttendingActorIds = attending, NeedIds = needs, ChallengeIds = challenges, Assignments = meeting.Assignments,
            };
            if (MeetingRules.Same(current, edited))
            {
                return WriteResult.Updated(current);
            }

            var now = timeProvider.GetUtcNow();
            await using var update = new NpgsqlCommand("""
                UPDATE meetings SET forum_id = @forum_id, date = @date, title = @title, agenda = @agenda, minutes = @minutes, attending_actor_ids = @attending_actor_ids,
                    need_ids = @need_ids, challenge_ids = @challenge_ids, assignments = @assignments, status = @status, version = version + 1
                WHERE id = @id
                """, connection, transaction);
            AddFields(update.Parameters, id, meeting, status, attending, needs, challenges, now);
            await update.ExecuteNonQueryAsync(cancellationToken);
            await outbox.EnqueueAsync(transaction, new MeetingUpdated
            {
                MeetingId = id, Version = current.Version + 1, ForumId = meeting.ForumId, Date = meeting.Date, Title = meeting.Title, Status = status,
                AttendingActorIds = attending, NeedIds = needs, ChallengeIds = challenges, Assignments = meeting.Assignments,
                CorrelationId = correlationId, OccurredAt = now,
            }, cancellationToken);
        }

        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Updated((await GetMeetingAsync(id, cancellationToken))!);
    }

    /// <summary>The meeting's state, and what is wrong with what it names (422) or with its state against its date (400).</summary>
    private async Task<(string Status, ValidationErrors Errors)> CheckAsync(NpgsqlTransaction transaction, MeetingData meeting, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (status, refusal) = MeetingRules.Status(meeting.Status, meeting.Date, SwedishTime.Today(timeProvider));
        if (refusal is not null)
        {
            errors.Malformed["status"] = [refusal];
        }

        if (meeting.ForumId is { } forumId)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM forums WHERE id = @id", transaction.Connection, transaction);
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
        return (status, errors);
    }

    private static void AddFields(
        NpgsqlParameterCollection parameters, Guid id, MeetingData meeting, string status, Guid[] attending, Guid[] needs, Guid[] challenges, DateTimeOffset now)
    {
        parameters.AddWithValue("id", id);
        parameters.AddNullable("forum_id", NpgsqlDbType.Uuid, meeting.ForumId);
        parameters.AddWithValue("date", meeting.Date);
        parameters.AddWithValue("title", meeting.Title);
        parameters.AddNullable("agenda", NpgsqlDbType.Text, meeting.Agenda);
        parameters.AddNullable("minutes", NpgsqlDbType.Text, meeting.Minutes);
        parameters.AddWithValue("attending_actor_ids", attending);
        parameters.AddWithValue("need_ids", needs);
        parameters.AddWithValue("challenge_ids", challenges);
        parameters.AddWithValue("assignments", meeting.Assignments.ToArray());
        parameters.AddWithValue("status", status);
        parameters.AddWithValue("now", now);
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
        row.Get<DateTimeOffset>("created_at"), row.Get<string>("status"), row.Get<int>("version"));
}
