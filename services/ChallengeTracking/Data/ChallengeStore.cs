using Platform.Messaging.Data;
using System.Data;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Platform.ChallengeTracking.Clustering;
using Platform.ChallengeTracking.Domain;
using Platform.Client.Models;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Http;
using ChallengePage = Platform.Client.Models.PagedResult<Platform.Client.Models.Challenge>;

namespace Platform.ChallengeTracking.Data;

public sealed record ChallengeQuery(string? Text, string? Theme, string? Status, string? CountyCode, bool? CrossCounty);

public sealed record NewChallenge(string Theme, string Title, string Description, Guid? LeadActorId, bool NeutralTitle = false);

/// <summary>A need as clustering reads it: its text, and whether that text is confidential.</summary>
internal sealed record ClusteredNeed(
    Guid Id, string Theme, string Title, string Description, bool Confidential, IReadOnlyList<string> MunicipalityCodes, Guid? ChallengeId, bool Automatic = true);

/// <summary>A need event arrived before the need's <see cref="NeedSubmitted"/>; the message is retried.</summary>
public sealed class NeedNotYetKnownException(Guid needId) : Exception($"Need {needId} is not known yet.");

/// <summary>
/// Challenges in <c>challengesdb</c>: clustering of submitted needs, the coordinators' relinks, merges and status
/// changes, and the derived counties, cross-county flag and establishments, which are recomputed from the linked needs
/// on every change. Each change enqueues its events in the same transaction.
/// </summary>
public sealed class ChallengeStore(NpgsqlDataSource dataSource, Outbox outbox, Clusterer clusterer, TimeProvider timeProvider)
{
    private const string ChallengeColumns = """
        c.id, c.reference, c.theme, c.title, c.description, c.status, c.lead_actor_id, c.automatic,
        ARRAY(SELECT n.id FROM needs n WHERE n.challenge_id = c.id AND NOT (n.status = ANY ('{rejected,withdrawn}')) ORDER BY n.submitted_at, n.id) AS need_ids,
        c.county_codes, c.cross_county, c.establishment_ids,
        ARRAY(SELECT e.effort_id FROM effort_challenges e WHERE e.challenge_id = c.id ORDER BY e.effort_id) AS effort_ids,
        c.merged_into, c.assignments, c.version, c.created_at, c.updated_at
        """;

    private const string ListFrom = """
        FROM challenges c
        WHERE (@q::text IS NULL OR c.reference = upper(@q) OR strpos(lower(c.title || ' ' || c.description), lower(@q)) > 0)
          AND (@theme::text IS NULL OR c.theme = @theme)
          AND (@status::text IS NULL OR c.status = @status)
          AND (@county::text IS NULL OR @county = ANY (c.county_codes))
          AND (@cross_county::boolean IS NULL OR c.cross_county = @cross_county)
        """;

    public Task<ChallengePage> ListAsync(ChallengeQuery query, PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, ChallengeColumns, ListFrom, "c.created_at DESC, c.id", page, ReadChallenge, cancellationToken,
            Sql.Nullable("q", query.Text, NpgsqlDbType.Text), Sql.Nullable("theme", query.Theme, NpgsqlDbType.Text),
            Sql.Nullable("status", query.Status, NpgsqlDbType.Text), Sql.Nullable("county", query.CountyCode, NpgsqlDbType.Text), Sql.Nullable("cross_county", query.CrossCounty, NpgsqlDbType.Boolean));

    public async Task<Challenge?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    /// <summary>The terms told in an explanation.</summary>
    public const int ExplainedTerms = 12;

    /// <summary>
    /// Why a challenge holds together (<see cref="ClusterIndex.Explain"/>): its weightiest terms, taken from the words of
    /// its needs that are not confidential only, and each need's similarity to it; null when there is no such challenge.
    /// </summary>
    public async Task<ChallengeExplanation?> ExplainAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if ((await ExistingAsync(connection, transaction, [id], cancellationToken)).Count == 0)
        {
            return null;
        }

        var open = new HashSet<Guid>();
        await using (var command = new NpgsqlCommand("SELECT id FROM needs WHERE challenge_id = @id AND NOT confidential", connection, transaction) { Parameters = { new("id", id) } })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                open.Add(reader.GetGuid(0));
            }
        }

        var explained = await clusterer.ReadAsync(transaction, index => index.Explain(id, open, ExplainedTerms), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ChallengeExplanation(
            [.. (explained?.Terms ?? []).Select(term => new ChallengeTerm(term.Term, Math.Round(term.Weight, 3)))],
            [.. (explained?.Similarities ?? new Dictionary<Guid, double>()).OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key)
                .Select(pair => new NeedSimilarity(pair.Key, Math.Round(pair.Value, 3)))]);
    }

    /// <summary>The ids among <paramref name="ids"/> that are challenges.</summary>
    public static async Task<HashSet<Guid>> ExistingAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id FROM challenges WHERE id = ANY (@ids)", connection, transaction) { Parameters = { new("ids", ids.ToArray()) } };
        var found = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetGuid("id"));
        }

        return found;
    }

    public async Task<WriteResult<Challenge>> CreateAsync(NewChallenge challenge, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Clusterer.LockAsync(transaction, cancellationToken);
        var id = await InsertChallengeAsync(transaction, challenge, automatic: false, correlationId, cancellationToken);
        var created = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Created(created);
    }

    /// <summary>Clusters a submitted need: links it to the best open challenge of its theme above the threshold, or opens one.</summary>
    public async Task ClusterAsync(NpgsqlTransaction transaction, NeedSubmitted need, CancellationToken cancellationToken)
    {
        // Clustering's lock is held until the commit and orders every clustering write: few round trips under it.
        var (features, stored) = await Clusterer.LockForNeedAsync(transaction, need.NeedId, need.Title, need.Description, cancellationToken);
        if (stored)
        {
            return; // the same need published again under another message id
        }

        var match = await clusterer.BestMatchAsync(transaction, need.Theme, features, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var clustered = new ClusteredNeed(need.NeedId, need.Theme, need.Title, need.Description, need.Confidential, need.MunicipalityCodes, null);
        var (challengeId, score) = await ChooseChallengeAsync(transaction, clustered, match, need.CorrelationId, cancellationToken);
        // Stored already linked: one row version and one change for the index to read, not an insert and an update.
        await transaction.ExecuteAsync("""
            INSERT INTO needs (id, reference, theme, title, description, municipality_codes, county_codes, establishment_id, status, features, weights, features_version,
                submitted_at, confidential, challenge_id, score, automatic)
            VALUES (@id, @reference, @theme, @title, @description, @municipality_codes, @county_codes, @establishment_id, 'submitted', @features, @weights, @features_version,
                @submitted_at, @confidential, @challenge_id, @score, true)
            """, cancellationToken,
            new("id", need.NeedId), new("reference", need.Reference), new("theme", need.Theme), new("title", need.Title), new("description", need.Description),
            new("municipality_codes", need.MunicipalityCodes.ToArray()), new("county_codes", need.CountyCodes.ToArray()),
            Sql.Nullable("establishment_id", need.EstablishmentId, NpgsqlDbType.Uuid), new("features", features.Keys.ToArray()),
            new("weights", features.Values.ToArray()), new("features_version", TextFeatures.Version), new("submitted_at", need.OccurredAt),
            new("confidential", need.Confidential), new("challenge_id", challengeId), new("score", score));

        // A need joining adds its counties and establishment to the challenge's: no pass over the challenge's other needs.
        await using var join = new NpgsqlCommand("""
            UPDATE challenges SET
                county_codes = ARRAY(SELECT DISTINCT x FROM unnest(county_codes || @counties) AS x ORDER BY x),
                cross_county = (county_codes || @counties) @> ARRAY['24', '25'],
                establishment_ids = CASE WHEN @establishment::uuid IS NULL OR @establishment = ANY (establishment_ids) THEN establishment_ids
                    ELSE ARRAY(SELECT x FROM unnest(establishment_ids || @establishment) AS x ORDER BY x) END,
                version = version + 1, updated_at = @now
            WHERE id = @id
            RETURNING county_codes, cross_county, neutral_title
            """, transaction.Connection, transaction)
        {
            Parameters =
            {
                new("id", challengeId), new("counties", need.CountyCodes.ToArray()), Sql.Nullable("establishment", need.EstablishmentId, NpgsqlDbType.Uuid), new("now", now),
            },
        };
        string[] counties;
        bool crossCounty, neutral;
        await using (var reader = await join.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (counties, crossCounty, neutral) = (reader.GetFieldValue<string[]>(0), reader.GetBoolean(1), reader.GetBoolean(2));
        }

        if (neutral && !need.Confidential)
        {
            await AdoptPublicTitleAsync(transaction, challengeId, need.CorrelationId, now, cancellationToken);
        }

        await EnqueueLinkAsync(transaction, need.NeedId, challengeId, null, score, automatic: true, counties, crossCounty, need.CorrelationId, now, cancellationToken);
    }

    /// <summary>
    /// Applies a triage: the status, and a corrected theme moves the need to the best challenge of the new theme, unless
    /// a coordinator put it where it is (a relink): clustering never moves such a need back.
    /// </summary>
    public async Task TriageAsync(NpgsqlTransaction transaction, NeedTriaged triaged, CancellationToken cancellationToken)
    {
        await Clusterer.LockAsync(transaction, cancellationToken);
        var need = await FindNeedAsync(transaction, triaged.NeedId, cancellationToken) ?? throw new NeedNotYetKnownException(triaged.NeedId);
        var now = timeProvider.GetUtcNow();
        if (triaged.Theme != need.Theme && !need.Automatic)
        {
            await transaction.ExecuteAsync("UPDATE needs SET theme = @theme, change_seq = nextval('change_seq') WHERE id = @id", cancellationToken,
                new("id", triaged.NeedId), new("theme", triaged.Theme));
            await SetNeedStatusAsync(transaction, triaged.NeedId, triaged.Status, need.ChallengeId, now, cancellationToken);
        }
        else if (triaged.Theme != need.Theme)
        {
            var features = await Clusterer.FeaturesAsync(transaction, need.Title, need.Description, cancellationToken);
            var match = await clusterer.BestMatchAsync(transaction, triaged.Theme, features, cancellationToken);
            await transaction.ExecuteAsync(
                "UPDATE needs SET theme = @theme, status = @status, change_seq = nextval('change_seq') WHERE id = @id", cancellationToken,
                new("id", triaged.NeedId), new("theme", triaged.Theme), new("status", triaged.Status));
            await LinkAutomaticallyAsync(transaction, need with { Theme = triaged.Theme }, match, triaged.CorrelationId, now, cancellationToken);
        }
        else
        {
            await SetNeedStatusAsync(transaction, triaged.NeedId, triaged.Status, need.ChallengeId, now, cancellationToken);
        }
    }

    /// <summary>Records a need's new status (withdrawn, resolved); a need that stops counting leaves its challenge's counties and establishments.</summary>
    public async Task SetNeedStatusAsync(NpgsqlTransaction transaction, Guid needId, string status, CancellationToken cancellationToken)
    {
        await Clusterer.LockAsync(transaction, cancellationToken);
        var need = await FindNeedAsync(transaction, needId, cancellationToken) ?? throw new NeedNotYetKnownException(needId);
        await SetNeedStatusAsync(transaction, needId, status, need.ChallengeId, timeProvider.GetUtcNow(), cancellationToken);
    }

    /// <summary>A coordinator moves a need into challenge <paramref name="id"/> (If-Match on that challenge).</summary>
    public Task<WriteResult<Challenge>> RelinkAsync(Guid id, int? expectedVersion, Guid needId, string? correlationId, CancellationToken cancellationToken) =>
        ChangeAsync(id, expectedVersion, (transaction, target) => MoveNeedAsync(transaction, target, needId, correlationId, cancellationToken), cancellationToken);

    /// <summary>
    /// A coordinator merges challenge <paramref name="mergedId"/> into <paramref name="id"/>: its needs and efforts move,
    /// it is archived, and the merge is kept as a label that the two challenges' needs belong together.
    /// </summary>
    public Task<WriteResult<Challenge>> MergeAsync(Guid id, int? expectedVersion, Guid mergedId, string? correlationId, CancellationToken cancellationToken) =>
        ChangeAsync(id, expectedVersion, async (transaction, target) =>
        {
            var alike = await clusterer.ReadAsync(transaction, index => index.AverageLinkage(index.Members(id), index.Members(mergedId)), cancellationToken);
            await ClusteringLabels.RecordAsync(transaction, target.Theme, alike, together: true, ClusteringLabels.Merge, timeProvider.GetUtcNow(), cancellationToken);
            return await MergeIntoAsync(transaction, target, mergedId, correlationId, cancellationToken);
        }, cancellationToken);

    /// <summary>A coordinator sets the status of challenge <paramref name="id"/> (If-Match); the change is published with its note.</summary>
    public Task<WriteResult<Challenge>> ChangeStatusAsync(Guid id, int? expectedVersion, string status, string? note, string? correlationId, CancellationToken cancellationToken) =>
        ChangeAsync(id, expectedVersion, (transaction, current) => WriteStatusAsync(transaction, current, status, note, correlationId, cancellationToken), cancellationToken);

    /// <summary>Sets the registered assignments the challenge is reported under (422 naming each unknown one); the same set changes nothing.</summary>
    public Task<WriteResult<Challenge>> SetAssignmentsAsync(
        Guid id, int? expectedVersion, IReadOnlyList<string> assignments, string? correlationId, CancellationToken cancellationToken) =>
        ChangeAsync(id, expectedVersion, (transaction, current) => WriteAssignmentsAsync(transaction, current, assignments, correlationId, cancellationToken), cancellationToken);

    /// <summary>
    /// A coordinator's own title and description: kept from then on (a neutral title is no longer replaced by a need's),
    /// announced in <see cref="ChallengeUpdated"/>; the same text changes nothing.
    /// </summary>
    public Task<WriteResult<Challenge>> EditAsync(
        Guid id, int? expectedVersion, string title, string description, string? correlationId, CancellationToken cancellationToken) =>
        ChangeAsync(id, expectedVersion, async (transaction, current) =>
        {
            if (current.Title == title && current.Description == description)
            {
                return WriteResult.Updated(current);
            }

            var now = timeProvider.GetUtcNow();
            await transaction.ExecuteAsync("""
                UPDATE challenges SET title = @title, description = @description, neutral_title = false, version = version + 1, updated_at = @now,
                    change_seq = nextval('change_seq')
                WHERE id = @id
                """, cancellationToken, new("id", id), new("title", title), new("description", description), new("now", now));
            await outbox.EnqueueAsync(transaction, new ChallengeUpdated
            {
                ChallengeId = id, Title = title, Description = description, CorrelationId = correlationId, OccurredAt = now,
            }, cancellationToken);
            var challenge = (await GetAsync(transaction.Connection!, transaction, id, cancellationToken))!;
            await outbox.CommitAsync(transaction, cancellationToken);
            return WriteResult.Updated(challenge);
        }, cancellationToken);

    /// <summary>
    /// A coordinator's change to challenge <paramref name="id"/>, under the clustering lock: refused when the challenge
    /// does not exist, <c>If-Match</c> names an older version or the challenge is closed; committed when it writes.
    /// </summary>
    private async Task<WriteResult<Challenge>> ChangeAsync(
        Guid id, int? expectedVersion, Func<NpgsqlTransaction, Challenge, Task<WriteResult<Challenge>>> change, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Clusterer.LockAsync(transaction, cancellationToken);
        var current = await GetAsync(connection, transaction, id, cancellationToken);
        return Refusal(current, expectedVersion) ?? await change(transaction, current!);
    }

    private async Task<WriteResult<Challenge>> MoveNeedAsync(NpgsqlTransaction transaction, Challenge target, Guid needId, string? correlationId, CancellationToken cancellationToken)
    {
        var id = target.Id;
        if (await FindNeedAsync(transaction, needId, cancellationToken) is not { } need)
        {
            return WriteResult.UnknownReference<Challenge>("needId", $"Need {needId} is not known to challenge tracking.");
        }

        if (!ChallengeRules.RelinkMoves(need.ChallengeId, id))
        {
            return WriteResult.Updated(target);
        }

        // The move says the need is like the needs it joins and unlike those it leaves.
        var now = timeProvider.GetUtcNow();
        var (joins, leaves) = await clusterer.ReadAsync(transaction, index => (
            index.AverageLinkage([needId], index.Members(id).Where(member => member != needId)),
            need.ChallengeId is { } from ? index.AverageLinkage([needId], index.Members(from).Where(member => member != needId)) : null), cancellationToken);
        await ClusteringLabels.RecordAsync(transaction, target.Theme, joins, together: true, ClusteringLabels.Relink, now, cancellationToken);
        await ClusteringLabels.RecordAsync(transaction, target.Theme, leaves, together: false, ClusteringLabels.Relink, now, cancellationToken);
        var challenge = await LinkByHandAsync(transaction, need, id, correlationId, now, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Updated(challenge);
    }

    /// <summary>
    /// Splits groups of needs off challenge <paramref name="challenge"/>, each into a challenge of its own, as a
    /// coordinator placing them by hand (clustering never moves them back); commits.
    /// </summary>
    internal async Task<WriteResult<Challenge>> SplitOffAsync(
        NpgsqlTransaction transaction, Challenge challenge, IReadOnlyList<IReadOnlyList<Guid>> groups, string? correlationId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var group in groups)
        {
            var needs = new List<ClusteredNeed>();
            foreach (var needId in group)
            {
                needs.Add(await FindNeedAsync(transaction, needId, cancellationToken) ?? throw new NeedNotYetKnownException(needId));
            }

            var first = needs.FirstOrDefault(need => !need.Confidential) ?? needs[0];
            var (title, description) = first.Confidential ? ChallengeTitles.Neutral(challenge.Theme, first.MunicipalityCodes) : (first.Title, first.Description);
            var created = await InsertChallengeAsync(
                transaction, new NewChallenge(challenge.Theme, title, description, null, NeutralTitle: first.Confidential), automatic: false, correlationId, cancellationToken);
            foreach (var need in needs)
            {
                await LinkByHandAsync(transaction, need, created, correlationId, now, cancellationToken);
            }
        }

        var after = (await GetAsync(transaction.Connection!, transaction, challenge.Id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Updated(after);
    }

    /// <summary>Links a need to a challenge as a coordinator does: clustering never moves it back. Returns the challenge as it is.</summary>
    private async Task<Challenge> LinkByHandAsync(
        NpgsqlTransaction transaction, ClusteredNeed need, Guid challengeId, string? correlationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await transaction.ExecuteAsync(
            "UPDATE needs SET challenge_id = @challenge_id, score = 1, automatic = false, change_seq = nextval('change_seq') WHERE id = @id", cancellationToken,
            new("id", need.Id), new("challenge_id", challengeId));
        await RecomputeAsync(transaction, [challengeId, .. need.ChallengeId is { } previous ? [previous] : Array.Empty<Guid>()], now, cancellationToken);
        await AdoptPublicTitleAsync(transaction, challengeId, correlationId, now, cancellationToken);
        return await EnqueueNeedLinkedAsync(transaction, need.Id, challengeId, need.ChallengeId, score: 1, automatic: false, correlationId, now, cancellationToken);
    }

    /// <summary>Merges challenge <paramref name="mergedId"/> into <paramref name="target"/>; commits when it writes.</summary>
    internal async Task<WriteResult<Challenge>> MergeIntoAsync(NpgsqlTransaction transaction, Challenge target, Guid mergedId, string? correlationId, CancellationToken cancellationToken)
    {
        var (connection, id) = (transaction.Connection!, target.Id);
        if (!ChallengeRules.CanMerge(id, mergedId))
        {
            return WriteResult.Invalid<Challenge>(new ValidationErrors { Malformed = { ["challengeId"] = [ChallengeRules.MergeIntoItself] } });
        }

        var merged = await GetAsync(connection, transaction, mergedId, cancellationToken);
        if (merged is null)
        {
            return WriteResult.UnknownReference<Challenge>("challengeId", $"Challenge {mergedId} is not known.");
        }

        if (ChallengeRules.IsClosed(merged.Status, merged.MergedInto))
        {
            return Closed(merged);
        }

        var now = timeProvider.GetUtcNow();
        var moved = new List<Guid>();
        await using (var move = new NpgsqlCommand(
            "UPDATE needs SET challenge_id = @target, change_seq = nextval('change_seq') WHERE challenge_id = @merged RETURNING id", connection, transaction)
        {
            Parameters = { new("target", id), new("merged", mergedId) },
        })
        await using (var reader = await move.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                moved.Add(reader.GetGuid("id"));
            }
        }

        await using (var close = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("INSERT INTO effort_challenges (effort_id, challenge_id) SELECT effort_id, @target FROM effort_challenges WHERE challenge_id = @merged ON CONFLICT DO NOTHING")
                {
                    Parameters = { new("target", id), new("merged", mergedId) },
                },
                new("""
                    UPDATE challenges SET status = 'archived', merged_into = @target, version = version + 1, updated_at = @now, change_seq = nextval('change_seq')
                    WHERE id = @merged
                    """)
                {
                    Parameters = { new("target", id), new("merged", mergedId), new("now", now) },
                },
            },
        })
        {
            await close.ExecuteNonQueryAsync(cancellationToken);
        }

        await RecomputeAsync(transaction, [id, mergedId], now, cancellationToken);
        await AdoptPublicTitleAsync(transaction, id, correlationId, now, cancellationToken);
        await outbox.EnqueueAsync(transaction, new ChallengesMerged { TargetChallengeId = id, MergedChallengeId = mergedId, MovedNeedIds = moved, CorrelationId = correlationId, OccurredAt = now }, cancellationToken);
        await outbox.EnqueueAsync(transaction, new ChallengeStatusChanged
        {
            ChallengeId = mergedId, PreviousStatus = merged.Status, Status = ChallengeStatuses.Archived, Note = $"Merged into {id}.", CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        var afterMerge = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Updated(afterMerge);
    }

    private async Task<WriteResult<Challenge>> WriteAssignmentsAsync(
        NpgsqlTransaction transaction, Challenge current, IReadOnlyList<string> assignments, string? correlationId, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        for (var i = 0; i < assignments.Count; i++)
        {
            if (!await EffortStore.AssignmentKnownAsync(transaction, assignments[i], cancellationToken))
            {
                errors.UnknownReferences[$"assignments[{i}]"] = [
                    $"Assignment {assignments[i]} is not known. Register it first (POST /api/assignments); one registered a moment ago may not have arrived yet, so try again shortly."];
            }
        }

        if (errors.Any)
        {
            return WriteResult.Invalid<Challenge>(errors);
        }

        if (current.Assignments.Order(StringComparer.Ordinal).SequenceEqual(assignments.Order(StringComparer.Ordinal)))
        {
            return WriteResult.Updated(current);
        }

        var now = timeProvider.GetUtcNow();
        await transaction.ExecuteAsync(
            "UPDATE challenges SET assignments = @assignments, version = version + 1, updated_at = @now, change_seq = nextval('change_seq') WHERE id = @id",
            cancellationToken, new("id", current.Id), new("assignments", assignments.ToArray()), new("now", now));
        await outbox.EnqueueAsync(transaction, new ChallengeAssignmentsChanged
        {
            ChallengeId = current.Id, Assignments = assignments, CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        var challenge = (await GetAsync(transaction.Connection!, transaction, current.Id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Updated(challenge);
    }

    private async Task<WriteResult<Challenge>> WriteStatusAsync(
        NpgsqlTransaction transaction, Challenge current, string status, string? note, string? correlationId, CancellationToken cancellationToken)
    {
        var id = current.Id;
        if (!ChallengeStatuses.Changes(current.Status, status))
        {
            return WriteResult.Updated(current);
        }

        var now = timeProvider.GetUtcNow();
        await transaction.ExecuteAsync(
            "UPDATE challenges SET status = @status, version = version + 1, updated_at = @now, change_seq = nextval('change_seq') WHERE id = @id", cancellationToken,
            new("id", id), new("status", status), new("now", now));
        await outbox.EnqueueAsync(transaction, new ChallengeStatusChanged
        {
            ChallengeId = id, PreviousStatus = current.Status, Status = status, Note = note, CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        var challenge = (await GetAsync(transaction.Connection!, transaction, id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Updated(challenge);
    }

    private async Task LinkAutomaticallyAsync(
        NpgsqlTransaction transaction, ClusteredNeed need, ClusterMatch? match, string? correlationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (needId, previous) = (need.Id, need.ChallengeId);
        var (challengeId, score) = await ChooseChallengeAsync(transaction, need, match, correlationId, cancellationToken);
        await transaction.ExecuteAsync(
            "UPDATE needs SET challenge_id = @challenge_id, score = @score, automatic = true, change_seq = nextval('change_seq') WHERE id = @id", cancellationToken,
            new("id", needId), new("challenge_id", challengeId), new("score", score));
        await RecomputeAsync(transaction, previous is { } old && old != challengeId ? [challengeId, old] : [challengeId], now, cancellationToken);
        if (!need.Confidential)
        {
            await AdoptPublicTitleAsync(transaction, challengeId, correlationId, now, cancellationToken);
        }

        await EnqueueNeedLinkedAsync(transaction, needId, challengeId, previous, score, automatic: true, correlationId, now, cancellationToken);
    }

    /// <summary>The challenge clustering puts the need in, with its score (rounded as stored): the best match, or a new one (score 1).</summary>
    private async Task<(Guid ChallengeId, double Score)> ChooseChallengeAsync(
        NpgsqlTransaction transaction, ClusteredNeed need, ClusterMatch? match, string? correlationId, CancellationToken cancellationToken)
    {
        if (match is { } found && found.Score >= clusterer.Threshold)
        {
            return (found.ChallengeId, Math.Round(found.Score, 4));
        }

        var (title, description) = need.Confidential ? ChallengeTitles.Neutral(need.Theme, need.MunicipalityCodes) : (need.Title, need.Description);
        var challengeId = await InsertChallengeAsync(
            transaction, new NewChallenge(need.Theme, title, description, null, NeutralTitle: need.Confidential), automatic: true, correlationId, cancellationToken);
        return (challengeId, 1);
    }

    /// <summary>Publishes that the need is linked to the challenge, with the counties the challenge now spans; returns the challenge as it is.</summary>
    private async Task<Challenge> EnqueueNeedLinkedAsync(
        NpgsqlTransaction transaction, Guid needId, Guid challengeId, Guid? previousChallengeId, double score, bool automatic, string? correlationId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var challenge = (await GetAsync(transaction.Connection!, transaction, challengeId, cancellationToken))!;
        await EnqueueLinkAsync(
            transaction, needId, challengeId, previousChallengeId, score, automatic, challenge.CountyCodes, challenge.CrossCounty, correlationId, now, cancellationToken);
        return challenge;
    }

    private Task EnqueueLinkAsync(
        NpgsqlTransaction transaction, Guid needId, Guid challengeId, Guid? previousChallengeId, double score, bool automatic, IReadOnlyList<string> counties,
        bool crossCounty, string? correlationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(transaction, new NeedLinkedToChallenge
        {
            NeedId = needId,
            ChallengeId = challengeId,
            PreviousChallengeId = previousChallengeId,
            Score = score,
            Automatic = automatic,
            CountyCodes = counties,
            CrossCounty = crossCounty,
            CorrelationId = correlationId,
            OccurredAt = now,
        }, cancellationToken);

    private async Task<Guid> InsertChallengeAsync(NpgsqlTransaction transaction, NewChallenge challenge, bool automatic, string? correlationId, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var now = timeProvider.GetUtcNow();
        var title = Shorten(challenge.Title, ChallengeRules.MaxTitleLength);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO challenges (id, reference, theme, title, description, status, lead_actor_id, automatic, created_at, updated_at, neutral_title)
            SELECT @id, 'UTM-' || @year || '-' || CASE WHEN n < 10000 THEN lpad(n::text, 4, '0') ELSE n::text END, @theme, @title, @description,
                'identified', @lead_actor_id, @automatic, @now, @now, @neutral_title
            FROM nextval('challenge_reference_seq') AS n
            RETURNING reference
            """, transaction.Connection, transaction)
        {
            Parameters =
            {
                new("id", id), new("year", now.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture)), new("theme", challenge.Theme), new("title", title),
                new("description", challenge.Description), Sql.Nullable("lead_actor_id", challenge.LeadActorId, NpgsqlDbType.Uuid), new("automatic", automatic),
                new("now", now), new("neutral_title", challenge.NeutralTitle),
            },
        };
        var reference = (string)(await insert.ExecuteScalarAsync(cancellationToken))!;
        await outbox.EnqueueAsync(transaction, new ChallengeIdentified
        {
            ChallengeId = id, Reference = reference, Theme = challenge.Theme, Title = title, Status = ChallengeStatuses.Identified,
            CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        return id;
    }

    private static async Task SetNeedStatusAsync(NpgsqlTransaction transaction, Guid needId, string status, Guid? challengeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await transaction.ExecuteAsync(
            "UPDATE needs SET status = @status, change_seq = nextval('change_seq') WHERE id = @id", cancellationToken, new("id", needId), new("status", status));
        if (challengeId is { } id)
        {
            await RecomputeAsync(transaction, [id], now, cancellationToken);
        }
    }

    /// <summary>Counties, cross-county and establishments of the challenges, from their needs that count.</summary>
    private static Task RecomputeAsync(NpgsqlTransaction transaction, Guid[] challengeIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("""
            UPDATE challenges c SET county_codes = d.counties, cross_county = d.counties @> ARRAY['24', '25'], establishment_ids = d.establishments,
                version = c.version + 1, updated_at = @now
            FROM (
                SELECT c2.id,
                    ARRAY(SELECT DISTINCT x FROM needs n CROSS JOIN unnest(n.county_codes) AS x
                          WHERE n.challenge_id = c2.id AND NOT (n.status = ANY ('{rejected,withdrawn}')) ORDER BY x) AS counties,
                    ARRAY(SELECT DISTINCT n.establishment_id FROM needs n
                          WHERE n.challenge_id = c2.id AND n.establishment_id IS NOT NULL AND NOT (n.status = ANY ('{rejected,withdrawn}')) ORDER BY n.establishment_id) AS establishments
                FROM challenges c2 WHERE c2.id = ANY (@ids)
            ) d
            WHERE c.id = d.id
            """, cancellationToken, new("ids", challengeIds), new("now", now));

    private static async Task<ClusteredNeed?> FindNeedAsync(NpgsqlTransaction transaction, Guid needId, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            "SELECT theme, title, description, confidential, municipality_codes, challenge_id, automatic FROM needs WHERE id = @id", transaction.Connection, transaction)
        {
            Parameters = { new("id", needId) },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ClusteredNeed(needId, reader.GetString("theme"), reader.GetString("title"), reader.GetString("description"), reader.GetBoolean("confidential"),
                reader.GetFieldValue<string[]>("municipality_codes"), reader.GetFieldValue<Guid?>("challenge_id"), reader.GetBoolean("automatic"))
            : null;
    }

    /// <summary>
    /// A challenge with a neutral title takes the title and description of its earliest public need that counts, once
    /// it has one, and says so in <see cref="ChallengeUpdated"/>.
    /// </summary>
    private async Task AdoptPublicTitleAsync(NpgsqlTransaction transaction, Guid challengeId, string? correlationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var adopt = new NpgsqlCommand("""
            UPDATE challenges c SET title = left(n.title, 200), description = n.description, neutral_title = false,
                version = c.version + 1, updated_at = @now, change_seq = nextval('change_seq')
            FROM (
                SELECT title, description FROM needs
                WHERE challenge_id = @id AND NOT confidential AND NOT (status = ANY ('{rejected,withdrawn}'))
                ORDER BY submitted_at, id LIMIT 1
            ) n
            WHERE c.id = @id AND c.neutral_title
            RETURNING c.title, c.description
            """, transaction.Connection, transaction)
        {
            Parameters = { new("id", challengeId), new("now", now) },
        };
        string title, description;
        await using (var reader = await adopt.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return;
            }

            (title, description) = (reader.GetString("title"), reader.GetString("description"));
        }

        await outbox.EnqueueAsync(transaction, new ChallengeUpdated
        {
            ChallengeId = challengeId, Title = title, Description = description, CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
    }

    /// <summary>Why <paramref name="current"/> takes no change now (it does not exist, If-Match names an older version, it is closed), or null.</summary>
    private static WriteResult<Challenge>? Refusal(Challenge? current, int? expectedVersion) => current switch
    {
        null => WriteResult.NotFound<Challenge>(),
        _ when expectedVersion is { } expected && current.Version != expected => WriteResult.Stale(current),
        _ when ChallengeRules.IsClosed(current.Status, current.MergedInto) => Closed(current),
        _ => null,
    };

    private static WriteResult<Challenge> Closed(Challenge challenge) =>
        WriteResult.Conflict(ChallengeRules.ClosedTitle, ChallengeRules.ClosedDetail(challenge.Id, challenge.MergedInto), challenge);

    internal static async Task<Challenge?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"SELECT {ChallengeColumns} FROM challenges c WHERE c.id = @id", connection, transaction) { Parameters = { new("id", id) } };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadChallenge(reader) : null;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length];

    private static Challenge ReadChallenge(NpgsqlDataReader row) => new(
        row.GetGuid("id"), row.GetString("reference"), row.GetString("theme"), row.GetString("title"), row.GetString("description"), row.GetString("status"),
        row.GetFieldValue<Guid?>("lead_actor_id"), row.GetBoolean("automatic"), row.GetFieldValue<Guid[]>("need_ids"), row.GetFieldValue<string[]>("county_codes"),
        row.GetBoolean("cross_county"), row.GetFieldValue<Guid[]>("establishment_ids"), row.GetFieldValue<Guid[]>("effort_ids"), row.GetFieldValue<Guid?>("merged_into"),
        row.GetFieldValue<string[]>("assignments"), row.GetInt32("version"), row.GetFieldValue<DateTimeOffset>("created_at"), row.GetFieldValue<DateTimeOffset>("updated_at"));
}
