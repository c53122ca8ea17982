using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Messaging.Data;

namespace Platform.Notifications.Data;

/// <summary>
/// What the service keeps of the platform from its events: actors' kinds; needs' submitters, references,
/// confidentiality, theme and counties; challenges' theme and counties; efforts' titles and actors; forums' names.
/// Enough to decide who may see an event, which filters it passes and whom a feed entry is for. A row is written only
/// when it changes: many needs link to one challenge, and consumers writing its row each time would wait on each other.
/// </summary>
public static class PlatformKnowledge
{
    public static Task LearnAsync(NpgsqlTransaction transaction, IIntegrationEvent @event, CancellationToken cancellationToken) => @event switch
    {
        ActorRegistered e => ActorAsync(transaction, e.ActorId, e.Kind, cancellationToken),
        ActorUpdated e => ActorAsync(transaction, e.ActorId, e.Kind, cancellationToken),
        NeedSubmitted e => transaction.ExecuteAsync("""
            INSERT INTO needs (id, submitter_actor_id, confidential, theme, county_codes, reference) VALUES (@id, @submitter, @confidential, @theme, @counties, @reference)
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken,
            new("id", e.NeedId), new("submitter", e.SubmittedByActorId), new("confidential", e.Confidential), new("theme", e.Theme),
            new("counties", e.CountyCodes.ToArray()), new("reference", e.Reference)),
        NeedTriaged e => transaction.ExecuteAsync("UPDATE needs SET theme = @theme WHERE id = @id", cancellationToken, new("id", e.NeedId), new("theme", e.Theme)),
        ChallengeIdentified e => transaction.ExecuteAsync(
            "INSERT INTO challenges (id, theme) VALUES (@id, @theme) ON CONFLICT (id) DO UPDATE SET theme = excluded.theme", cancellationToken,
            new("id", e.ChallengeId), new("theme", e.Theme)),
        NeedLinkedToChallenge e => transaction.ExecuteAsync(
            "UPDATE challenges SET county_codes = @counties WHERE id = @id AND county_codes IS DISTINCT FROM @counties", cancellationToken,
            new("id", e.ChallengeId), new("counties", e.CountyCodes.ToArray())),
        EffortLaunched e => EffortAsync(transaction, e.EffortId, 1, e.Title, [e.LeadActorId], cancellationToken),
        EffortRevised e => EffortAsync(transaction, e.EffortId, e.Version, e.Title, [e.LeadActorId, .. e.Participants.Select(participant => participant.ActorId)], cancellationToken),
        ForumCreated e => ForumAsync(transaction, e.ForumId, e.Name, cancellationToken),
        ForumUpdated e => ForumAsync(transaction, e.ForumId, e.Name, cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>What the event tells of, as <see cref="DependsOn"/> names it, so events that waited for it can go ahead.</summary>
    public static string? Introduces(IIntegrationEvent @event) => @event switch
    {
        NeedSubmitted e => $"needs:{e.NeedId}",
        EffortLaunched e => $"efforts:{e.EffortId}",
        EffortRevised e => $"efforts:{e.EffortId}",
        ForumCreated e => $"forums:{e.ForumId}",
        ForumUpdated e => $"forums:{e.ForumId}",
        _ => null,
    };

    /// <summary>
    /// What the event is about that the service must know of first, as <c>table:id</c>, or null: the need of a need's
    /// event (but its submission), the effort of a progress report or completion, the forum of a membership change.
    /// </summary>
    public static string? DependsOn(IIntegrationEvent @event) => @event switch
    {
        NeedTriaged e => $"needs:{e.NeedId}",
        NeedWithdrawn e => $"needs:{e.NeedId}",
        NeedResolved e => $"needs:{e.NeedId}",
        NeedLinkedToChallenge e => $"needs:{e.NeedId}",
        EffortProgressReported e => $"efforts:{e.EffortId}",
        EffortCompleted e => $"efforts:{e.EffortId}",
        ForumMemberAdded e => $"forums:{e.ForumId}",
        ForumMemberRemoved e => $"forums:{e.ForumId}",
        ForumMemberRoleChanged e => $"forums:{e.ForumId}",
        _ => null,
    };

    /// <summary>Whether the service knows the subject <see cref="DependsOn"/> named.</summary>
    public static async Task<bool> KnowsAsync(NpgsqlTransaction transaction, string subject, CancellationToken cancellationToken)
    {
        var (table, id) = (subject[..subject.IndexOf(':', StringComparison.Ordinal)], Guid.Parse(subject[(subject.IndexOf(':', StringComparison.Ordinal) + 1)..]));
        if (table is not ("needs" or "efforts" or "forums"))
        {
            throw new ArgumentException($"No subject of this service is kept in {table}.", nameof(subject));
        }

        await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table} WHERE id = @id)", transaction.Connection, transaction) { Parameters = { new("id", id) } };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static Task ActorAsync(NpgsqlTransaction transaction, Guid id, string kind, CancellationToken cancellationToken) => transaction.ExecuteAsync(
        "INSERT INTO actors (id, kind) VALUES (@id, @kind) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind WHERE actors.kind <> excluded.kind", cancellationToken,
        new("id", id), new("kind", kind));

    /// <summary>An effort as its newest version says, whatever order the launch and revisions arrive in.</summary>
    private static Task EffortAsync(NpgsqlTransaction transaction, Guid id, int version, string title, Guid[] actors, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("""
            INSERT INTO efforts (id, version, title, actor_ids) VALUES (@id, @version, @title, @actors)
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title, actor_ids = excluded.actor_ids WHERE efforts.version < excluded.version
            """, cancellationToken, new("id", id), new("version", version), new("title", title), new("actors", actors.Distinct().ToArray()));

    private static Task ForumAsync(NpgsqlTransaction transaction, Guid id, string name, CancellationToken cancellationToken) => transaction.ExecuteAsync(
        "INSERT INTO forums (id, name) VALUES (@id, @name) ON CONFLICT (id) DO UPDATE SET name = excluded.name", cancellationToken, new("id", id), new("name", name));
}
