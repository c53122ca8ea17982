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
        if (await LockAsync(transaction, forumId, cancellationToken) is null)
        {
            return WriteResult.NotFound<Forum>();
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
        await BumpVersionAsync(transaction, forumId, cancellationToken);
        var joined = (await GetForumAsync(connection, transaction, forumId, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Created(joined);
    }

    /// <summary>Edits a forum's name, purpose, scope, convenor and assignments (If-Match); its members change on their own.</summary>
    public async Task<WriteResult<Forum>> UpdateForumAsync(Guid id, int? expectedVersion, ForumData forum, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(transaction, id, cancellationToken);
        if (current is null)
        {
            return WriteResult.NotFound<Forum>();
        }

        if (expectedVersion is { } expected && current.Version != expected)
        {
            return WriteResult.Stale(current);
        }

        var errors = new ValidationErrors();
        if (forum.ConvenorActorId is { } convenor && convenor != current.ConvenorActorId
            && (await KnownReferences.UnknownActorsAsync(transaction, [convenor], cancellationToken)).Count > 0)
        {
            errors.UnknownReferences["convenorActorId"] = [$"Actor {convenor} does not exist."];
        }

        await KnownReferences.CheckAssignmentsAsync(transaction, forum.Assignments, errors, cancellationToken);
        if (errors.Any)
        {
            return WriteResult.Invalid<Forum>(errors);
        }

        if (current.Name == forum.Name && current.Purpose == forum.Purpose && current.Scope == forum.Scope && current.ConvenorActorId == forum.ConvenorActorId
            && current.Assignments.ToHashSet().SetEquals(forum.Assignments))
        {
            return WriteResult.Updated(current);
        }

        await using (var update = new NpgsqlCommand("""
            UPDATE forums SET name = @name, purpose = @purpose, scope = @scope, convenor_actor_id = @convenor_actor_id, assignments = @assignments, version = version + 1
            WHERE id = @id
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("name", forum.Name);
            update.Parameters.AddNullable("purpose", NpgsqlDbType.Text, forum.Purpose);
            update.Parameters.AddWithValue("scope", forum.Scope);
            update.Parameters.AddNullable("convenor_actor_id", NpgsqlDbType.Uuid, forum.ConvenorActorId);
            update.Parameters.AddWithValue("assignments", forum.Assignments.ToArray());
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await outbox.EnqueueAsync(transaction, new ForumUpdated
        {
            ForumId = id, Version = current.Version + 1, Name = forum.Name, Purpose = forum.Purpose, Scope = forum.Scope, ConvenorActorId = forum.ConvenorActorId,
            Assignments = forum.Assignments, CorrelationId = correlationId, OccurredAt = timeProvider.GetUtcNow(),
        }, cancellationToken);
        var updated = (await GetForumAsync(connection, transaction, id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Updated(updated);
    }

    /// <summary>Removes a member; a second removal (or an actor never a member) is a conflict (409).</summary>
    public Task<WriteResult<Forum>> RemoveMemberAsync(Guid forumId, Guid actorId, string? correlationId, CancellationToken cancellationToken) =>
        ChangeMemberAsync(forumId, actorId, null, cancellationToken, async (transaction, member, now) =>
        {
            await transaction.ExecuteAsync("DELETE FROM forum_members WHERE forum_id = @forum_id AND actor_id = @actor_id", cancellationToken,
                new NpgsqlParameter("forum_id", forumId), new NpgsqlParameter("actor_id", actorId));
            return new ForumMemberRemoved { ForumId = forumId, ActorId = actorId, Role = member.Role, CorrelationId = correlationId, OccurredAt = now };
        });

    /// <summary>Gives a member another role (If-Match on the forum); an actor that is no member is a conflict (409).</summary>
    public Task<WriteResult<Forum>> ChangeRoleAsync(Guid forumId, Guid actorId, int? expectedVersion, string role, string? correlationId, CancellationToken cancellationToken) =>
        ChangeMemberAsync(forumId, actorId, expectedVersion, cancellationToken, async (transaction, member, now) =>
        {
            if (member.Role == role)
            {
                return null;
            }

            await transaction.ExecuteAsync("UPDATE forum_members SET role = @role WHERE forum_id = @forum_id AND actor_id = @actor_id", cancellationToken,
                new NpgsqlParameter("forum_id", forumId), new NpgsqlParameter("actor_id", actorId), new NpgsqlParameter("role", role));
            return new ForumMemberRoleChanged { ForumId = forumId, ActorId = actorId, Role = role, PreviousRole = member.Role, CorrelationId = correlationId, OccurredAt = now };
        });

    /// <summary>
    /// One change of a member under a lock on the forum: 404 without the forum, 412 when stale, 409 when the actor is no
    /// member; <paramref name="change"/> writes it and gives its event (none when nothing changed), and the forum's
    /// version rises.
    /// </summary>
    private async Task<WriteResult<Forum>> ChangeMemberAsync(
        Guid forumId, Guid actorId, int? expectedVersion, CancellationToken cancellationToken,
        Func<NpgsqlTransaction, ForumMember, DateTimeOffset, Task<Platform.Contracts.IntegrationEvent?>> change)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var forum = await LockAsync(transaction, forumId, cancellationToken);
        if (forum is null)
        {
            return WriteResult.NotFound<Forum>();
        }

        if (expectedVersion is { } expected && forum.Version != expected)
        {
            return WriteResult.Stale(forum);
        }

        var (member, refusal) = ForumRules.Membership(forum, actorId);
        if (member is null)
        {
            return WriteResult.Conflict("Not a member.", refusal!, forum);
        }

        if (await change(transaction, member, timeProvider.GetUtcNow()) is not { } @event)
        {
            return WriteResult.Updated(forum);
        }

        await BumpVersionAsync(transaction, forumId, cancellationToken);
        await outbox.EnqueueAsync(transaction, @event, cancellationToken);
        var changed = (await GetForumAsync(connection, transaction, forumId, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Updated(changed);
    }

    /// <summary>The forum, locked: its members stay as read until the change commits.</summary>
    private static async Task<Forum?> LockAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await transaction.ExecuteAsync("SELECT 1 FROM forums WHERE id = @id FOR UPDATE", cancellationToken, new NpgsqlParameter("id", id));
        return await GetForumAsync(transaction.Connection!, transaction, id, cancellationToken);
    }

    private static Task BumpVersionAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("UPDATE forums SET version = version + 1 WHERE id = @id", cancellationToken, new NpgsqlParameter("id", id));

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
            "SELECT id, name, purpose, scope, convenor_actor_id, assignments, created_at, version FROM forums WHERE id = ANY (@ids)", connection, transaction))
        {
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var forum = new Forum(reader.Get<Guid>("id"), reader.Get<string>("name"), reader.GetStringOrNull("purpose"), reader.Get<string>("scope"),
                    reader.GetOrNull<Guid>("convenor_actor_id"), reader.Get<DateTimeOffset>("created_at"), [], reader.Get<string[]>("assignments"), reader.Get<int>("version"));
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
