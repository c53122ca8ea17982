using Platform.Contracts.Actors;
using Platform.Messaging.Outbox;

namespace Platform.ActorRegistry.Data;

/// <summary>Collaboration forums (samverkansforum) with their members.</summary>
public sealed class ForumStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider timeProvider)
{
    /// <summary>Forums by name, of a scope, for an assignment, or with a member; each filter optional.</summary>
    public async Task<Platform.Client.Models.PagedResult<Forum>> ListForumsAsync(
        string? scope, string? assignment, PageRequest page, CancellationToken cancellationToken, Guid? memberId = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        Platform.Client.Models.PagedResult<Guid> ids;
        await using (var command = new NpgsqlCommand(
            """
            SELECT id, count(*) OVER () AS total FROM forums
            WHERE (@scope::text IS NULL OR scope = @scope) AND (@assignment::text IS NULL OR assignments @> ARRAY[@assignment::text])
              AND (@member::uuid IS NULL OR EXISTS (SELECT 1 FROM forum_members m WHERE m.forum_id = forums.id AND m.actor_id = @member))
            ORDER BY name, id LIMIT @limit OFFSET @offset
            """, connection))
        {
            command.Parameters.AddNullable("scope", NpgsqlDbType.Text, scope);
            command.Parameters.AddNullable("assignment", NpgsqlDbType.Text, assignment);
            command.Parameters.AddNullable("member", NpgsqlDbType.Uuid, memberId);
            command.Parameters.AddWithValue("limit", page.PageSize);
            command.Parameters.AddWithValue("offset", page.Offset);
            ids = await command.ReadPageAsync(page, row => row.Get<Guid>("id"), cancellationToken);
        }

        return new Platform.Client.Models.PagedResult<Forum>(await ReadForumsAsync(connection, null, ids.Items, cancellationToken), ids.Total, page.Page, page.PageSize);
    }

    public async Task<Forum?> GetForumAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetForumAsync(connection, null, id, cancellationToken);
    }

    /// <summary>Creates the forum; its convenor, when it has one, becomes its first member (<see cref="ForumRoles.Convenor"/>).</summary>
    public async Task<WriteResult<Forum>> CreateForumAsync(Guid id, ForumData forum, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var errors = new ValidationErrors();
        if (forum.ConvenorActorId is { } convenor && (await KnownReferences.UnknownActorsAsync(transaction, [convenor], cancellationToken)).Count > 0)
        {
            errors.UnknownReferences["convenorActorId"] = [$"Actor {convenor} does not exist."];
        }

        await KnownReferences.CheckAssignmentsAsync(transaction, forum.Assignments, errors, cancellationToken);
        if (errors.Any)
        {
            return WriteResult.Invalid<Forum>(errors);
        }

        var now = timeProvider.GetUtcNow();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO forums (id, name, purpose, scope, convenor_actor_id, assignments, created_at)
            VALUES (@id, @name, @purpose, @scope, @convenor_actor_id, @assignments, @now)
            """,
            connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("name", forum.Name);
            insert.Parameters.AddNullable("purpose", NpgsqlDbType.Text, forum.Purpose);
            insert.Parameters.AddWithValue("scope", forum.Scope);
            insert.Parameters.AddNullable("convenor_actor_id", NpgsqlDbType.Uuid, forum.ConvenorActorId);
            insert.Parameters.AddWithValue("assignments", forum.Assignments.ToArray());
            insert.Parameters.AddWithValue("now", now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await outbox.EnqueueAsync(transaction, new ForumCreated
        {
            ForumId = id, Name = forum.Name, Scope = forum.Scope, ConvenorActorId = forum.ConvenorActorId, Assignments = forum.Assignments,
            CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        if (forum.ConvenorActorId is { } convenorId)
        {
            await InsertMemberAsync(transaction, id, convenorId, ForumRoles.Convenor, now, correlationId, cancellationToken);
        }

        var created = (await GetForumAsync(connection, transaction, id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Created(created);
    }

    /// <summary>Adds an existing actor to the forum with a role, once (<see cref="ForumRules.RefusalToJoin"/>).</summary>
    public async Task<WriteResult<Forum>> AddMemberAsync(Guid forumId, Guid actorId, string role, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM forums WHERE id = @id FOR UPDATE", connection, transaction))
        {
            // Locked, so the members read below are the members while this one is added.
            exists.Parameters.AddWithValue("id", forumId);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                return WriteResult.NotFound<Forum>();
            }
        }

        if ((await KnownReferences.UnknownActorsAsync(transaction, [actorId], cancellationToken)).Count > 0)
        {
            return WriteResult.UnknownReference<Forum>("actorId", $"Actor {actorId} does not exist.");
        }

        var forum = (await GetForumAsync(connection, transaction, forumId, cancellationToken))!;
        if (ForumRules.RefusalToJoin(forum, actorId) is { } refusal)
        {
            return WriteResult.Conflict("Already a member.", refusal, forum);
        }

        await InsertMemberAsync(transaction, forumId, actorId, role, timeProvider.GetUtcNow(), correlationId, cancellationToken);
        var joined = (await GetForumAsync(connection, transaction, forumId, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Created(joined);
    }

    private async Task InsertMemberAsync(
        NpgsqlTransaction transaction, Guid forumId, Guid actorId, string role, DateTimeOffset now, string? correlationId, CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO forum_members (forum_id, actor_id, role, joined_at) VALUES (@forum_id, @actor_id, @role, @now)", transaction.Connection, transaction))
        {
            insert.Parameters.AddWithValue("forum_id", forumId);
            insert.Parameters.AddWithValue("actor_id", actorId);
            insert.Parameters.AddWithValue("role", role);
            insert.Parameters.AddWithValue("now", now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await outbox.EnqueueAsync(transaction, new ForumMemberAdded { ForumId = forumId, ActorId = actorId, Role = role, CorrelationId = correlationId, OccurredAt = now }, cancellationToken);
    }

    private static async Task<Forum?> GetForumAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken) =>
        (await ReadForumsAsync(connection, transaction, [id], cancellationToken)).SingleOrDefault();

    /// <summary>The forums with these ids, in the order given, each with its members: two queries for any number.</summary>
    private static async Task<List<Forum>> ReadForumsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var forums = new Dictionary<Guid, Forum>(ids.Count);
        await using (var command = new NpgsqlCommand(
            "SELECT id, name, purpose, scope, convenor_actor_id, assignments, created_at FROM forums WHERE id = ANY (@ids)", connection, transaction))
        {
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var forum = new Forum(reader.Get<Guid>("id"), reader.Get<string>("name"), reader.GetStringOrNull("purpose"), reader.Get<string>("scope"),
                    reader.GetOrNull<Guid>("convenor_actor_id"), reader.Get<DateTimeOffset>("created_at"), [], reader.Get<string[]>("assignments"));
                forums[forum.Id] = forum;
            }
        }

        var members = forums.Keys.ToDictionary(id => id, _ => new List<ForumMember>());
        await using (var command = new NpgsqlCommand(
            "SELECT forum_id, actor_id, role, joined_at FROM forum_members WHERE forum_id = ANY (@ids) ORDER BY joined_at, actor_id", connection, transaction))
        {
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                members[reader.Get<Guid>("forum_id")].Add(new ForumMember(reader.Get<Guid>("actor_id"), reader.Get<string>("role"), reader.Get<DateTimeOffset>("joined_at")));
            }
        }

        return [.. ids.Where(forums.ContainsKey).Select(id => forums[id] with { Members = members[id] })];
    }
}
