using System.Data;
using Npgsql;
using NpgsqlTypes;
using Platform.Client.Models;
using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Messaging.Data;
using Platform.Notifications.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Notifications.Data;

/// <summary>An actor's unsent e-mail: its address, whether it is the daily digest, and the entries.</summary>
public sealed record MailDue(Guid ActorId, string Email, bool Digest, IReadOnlyList<Notification> Entries);

/// <summary>
/// Each actor's feed (<see cref="FeedRules"/>), written in the consumer's transaction, read and marked read by its
/// users; and the e-mail settings and what is due to be e-mailed.
/// </summary>
public sealed class FeedStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    private const string Columns = "id, kind, subject_id, text, created_at, read_at";

    /// <summary>Writes the event's feed entries (call after <see cref="PlatformKnowledge.LearnAsync"/>).</summary>
    public async Task RecordAsync(NpgsqlTransaction transaction, IIntegrationEvent @event, CancellationToken cancellationToken)
    {
        var facts = await FactsAsync(transaction, @event, cancellationToken);
        foreach (var entry in FeedRules.EntriesFor(@event, facts))
        {
            await AddAsync(transaction, entry, @event.EventId, @event.OccurredAt, cancellationToken);
        }
    }

    /// <summary>Adds an entry dated when it happened, so the feed reads in the order things happened whatever order their events came in.</summary>
    public async Task AddAsync(NpgsqlTransaction transaction, FeedEntry entry, Guid eventId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await transaction.ExecuteAsync("""
            INSERT INTO notifications (id, actor_id, event_id, kind, subject_id, text, created_at) VALUES (@id, @actor, @event, @kind, @subject, @text, @now)
            ON CONFLICT (actor_id, event_id, kind) DO NOTHING
            """, cancellationToken,
            new("id", Guid.CreateVersion7()), new("actor", entry.ActorId), new("event", eventId), new("kind", entry.Kind), new("subject", entry.SubjectId),
            new("text", entry.Text), new("now", at));

    public Task<PagedResult<Notification>> ListAsync(Guid actorId, bool unreadOnly, PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, Columns, "FROM notifications WHERE actor_id = @actor AND (NOT @unread OR read_at IS NULL)", "created_at DESC, id DESC", page, Read,
            cancellationToken, new("actor", actorId), new("unread", unreadOnly));

    /// <summary>Marks one of the actor's entries read (once: the first time stands); null when it is not the actor's.</summary>
    public async Task<Notification?> MarkReadAsync(Guid actorId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            UPDATE notifications SET read_at = COALESCE(read_at, @now) WHERE id = @id AND actor_id = @actor RETURNING {Columns}
            """, connection)
        {
            Parameters = { new("id", id), new("actor", actorId), new("now", timeProvider.GetUtcNow()) },
        };
        return await Sql.ReadSingleAsync(command, Read, cancellationToken);
    }

    public async Task<int> MarkAllReadAsync(Guid actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE notifications SET read_at = @now WHERE actor_id = @actor AND read_at IS NULL", connection)
        {
            Parameters = { new("actor", actorId), new("now", timeProvider.GetUtcNow()) },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<NotificationSettings> GetSettingsAsync(Guid actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT email, delivery FROM notification_settings WHERE actor_id = @actor", connection) { Parameters = { new("actor", actorId) } };
        return await Sql.ReadSingleAsync(command, row => new NotificationSettings(row.IsDBNull("email") ? null : row.GetString("email"), row.GetString("delivery")), cancellationToken)
            ?? new NotificationSettings(null, NotificationDeliveries.None);
    }

    /// <summary>Saves the settings; e-mail starts with the entries that arrive from now on, not the feed's past.</summary>
    public async Task<NotificationSettings> SaveSettingsAsync(Guid actorId, NotificationSettings settings, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO notification_settings (actor_id, email, delivery, updated_at) VALUES (@actor, @email, @delivery, @now)
                    ON CONFLICT (actor_id) DO UPDATE SET email = excluded.email, delivery = excluded.delivery, updated_at = excluded.updated_at
                    """)
                {
                    Parameters = { new("actor", actorId), Sql.Nullable("email", settings.Email, NpgsqlDbType.Text), new("delivery", settings.Delivery), new("now", now) },
                },
                new("UPDATE notifications SET emailed_at = @now WHERE actor_id = @actor AND emailed_at IS NULL")
                {
                    Parameters = { new("actor", actorId), new("now", now) },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return settings;
    }

    /// <summary>
    /// The e-mails due now: for <c>immediate</c>, every entry not yet e-mailed; for <c>daily</c>, all of them at once
    /// when the last digest is a day old.
    /// </summary>
    public async Task<IReadOnlyList<MailDue>> MailDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT s.actor_id, s.email, s.delivery = 'daily' AS digest, n.{Columns.Replace(", ", ", n.", StringComparison.Ordinal)}
            FROM notification_settings s
            JOIN notifications n ON n.actor_id = s.actor_id AND n.emailed_at IS NULL
            WHERE s.email IS NOT NULL
              AND (s.delivery = 'immediate' OR (s.delivery = 'daily' AND COALESCE(s.last_digest_at, s.updated_at) <= @now - interval '1 day'))
            ORDER BY s.actor_id, n.created_at, n.id
            LIMIT 1000
            """, connection)
        {
            Parameters = { new("now", now) },
        };
        var due = new Dictionary<Guid, (string Email, bool Digest, List<Notification> Entries)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var actor = reader.GetGuid("actor_id");
            if (!due.TryGetValue(actor, out var mail))
            {
                due[actor] = mail = (reader.GetString("email"), reader.GetBoolean("digest"), []);
            }

            mail.Entries.Add(Read(reader));
        }

        return [.. due.Select(pair => new MailDue(pair.Key, pair.Value.Email, pair.Value.Digest, pair.Value.Entries))];
    }

    /// <summary>
    /// The turn to e-mail, held until disposed, or null while another instance of the service holds it: instances
    /// e-mail one at a time, so none sends an entry another is sending (a transaction's advisory lock, released however
    /// the holder ends).
    /// </summary>
    public async Task<IAsyncDisposable?> TryTakeMailingTurnAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction) { Parameters = { new("key", MailingLockKey) } };
            if ((bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                return new MailingTurn(connection, transaction);
            }

            await transaction.DisposeAsync();
            await connection.DisposeAsync();
            return null;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private const long MailingLockKey = 0x4E4F54_4D41494C; // "NOT" "MAIL"

    private sealed class MailingTurn(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    public async Task MarkEmailedAsync(MailDue mail, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("UPDATE notifications SET emailed_at = @now WHERE id = ANY (@ids)") { Parameters = { new("ids", mail.Entries.Select(entry => entry.Id).ToArray()), new("now", now) } },
                new("UPDATE notification_settings SET last_digest_at = @now WHERE actor_id = @actor AND @digest")
                {
                    Parameters = { new("actor", mail.ActorId), new("now", now), new("digest", mail.Digest) },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<FeedFacts> FactsAsync(NpgsqlTransaction transaction, IIntegrationEvent @event, CancellationToken cancellationToken)
    {
        (Guid? needId, Guid? effortId, Guid? forumId) = @event switch
        {
            NeedTriaged e => (e.NeedId, null, null),
            NeedLinkedToChallenge e => (e.NeedId, null, null),
            NeedResolved e => (e.NeedId, null, null),
            EffortRevised e => (null, e.EffortId, null),
            EffortProgressReported e => (null, e.EffortId, null),
            EffortCompleted e => (null, e.EffortId, null),
            ForumMemberAdded e => (null, null, e.ForumId),
            ForumMemberRemoved e => (null, null, e.ForumId),
            ForumMemberRoleChanged e => (null, null, e.ForumId),
            _ => ((Guid?)null, (Guid?)null, (Guid?)null),
        };
        if (needId is null && effortId is null && forumId is null)
        {
            return new FeedFacts();
        }

        await using var command = new NpgsqlCommand("""
            SELECT (SELECT submitter_actor_id FROM needs WHERE id = @need) AS submitter, (SELECT reference FROM needs WHERE id = @need) AS reference,
                (SELECT title FROM efforts WHERE id = @effort) AS effort_title, (SELECT actor_ids FROM efforts WHERE id = @effort) AS effort_actors,
                (SELECT name FROM forums WHERE id = @forum) AS forum_name
            """, transaction.Connection, transaction)
        {
            Parameters =
            {
                Sql.Nullable("need", needId, NpgsqlDbType.Uuid), Sql.Nullable("effort", effortId, NpgsqlDbType.Uuid), Sql.Nullable("forum", forumId, NpgsqlDbType.Uuid),
            },
        };
        return (await Sql.ReadSingleAsync(command, row => new FeedFacts(
            row.GetFieldValue<Guid?>("submitter"), row.IsDBNull("reference") ? null : row.GetString("reference"),
            row.IsDBNull("effort_title") ? null : row.GetString("effort_title"), row.IsDBNull("effort_actors") ? null : row.GetFieldValue<Guid[]>("effort_actors"),
            row.IsDBNull("forum_name") ? null : row.GetString("forum_name")), cancellationToken))!;
    }

    private static Notification Read(NpgsqlDataReader row) => new(
        row.GetGuid("id"), row.GetString("kind"), row.GetString("subject_id"), row.GetString("text"), row.GetFieldValue<DateTimeOffset>("created_at"),
        row.GetFieldValue<DateTimeOffset?>("read_at"));
}
