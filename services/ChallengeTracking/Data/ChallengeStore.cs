using Npgsql;
using NpgsqlTypes;
using Platform.ChallengeTracking.Clustering;
using Platform.ChallengeTracking.Domain;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Messaging.Data;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Http;

namespace Platform.ChallengeTracking.Data;

public sealed record ChallengeResponse(
    Guid Id,
    string Reference,
    string Theme,
    string Title,
    string Description,
    string Status,
    Guid? LeadActorId,
    bool Automatic,
    IReadOnlyList<Guid> NeedIds,
    IReadOnlyList<string> CountyCodes,
    bool CrossCounty,
    IReadOnlyList<Guid> EstablishmentIds,
    IReadOnlyList<Guid> EffortIds,
    Guid? MergedInto,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record ChallengeQuery(string? Theme, string? Status, string? CountyCode, bool? CrossCounty);

public sealed record NewChallenge(string Theme, string Title, string Description, Guid? LeadActorId, bool NeutralTitle = false);

/// <summary>A need as clustering reads it: its text, and whether that text is confidential.</summary>
internal sealed record ClusteredNeed(Guid Id, string Theme, string Title, string Description, bool Confidential, IReadOnlyList<string> MunicipalityCodes, Guid? ChallengeId);

public enum ChallengeOutcome
{
    Done,
    NotFound,
    ReferenceNotFound,
    Stale,
    Closed,
    SameChallenge,
}

public sealed record ChallengeWriteResult(ChallengeOutcome Outcome, ChallengeResponse? Challenge = null);

/// <summary>A need event arrived before the need's <see cref="NeedSubmitted"/>; the message is retried.</summary>
public sealed class NeedNotYetKnownException(Guid needId) : Exception($"Need {needId} is not known yet.");

/// <summary>
/// Challenges in <c>challengesdb</c>: clustering of submitted needs, the coordinators' relinks, merges and status
/// changes, and the derived counties, cross-county flag and establishments, which are recomputed from the linked needs
/// on every change. Each change enqueues its events in the same transaction.
/// </summary>
public sealed class ChallengeStore(NpgsqlDataSource dataSource, Outbox outbox, Clusterer clusterer, TimeProvider timeProvider)
{
    private const string Columns = """
        c.id, c.reference, c.theme, c.title, c.description, c.status, c.lead_actor_id, c.automatic,
        ARRAY(SELECT n.id FROM needs n WHERE n.challenge_id = c.id AND NOT (n.status = ANY ('{rejected,withdrawn}')) ORDER BY n.submitted_at, n.id),
        c.county_codes, c.cross_county, c.establishment_ids,
        ARRAY(SELECT e.effort_id FROM effort_challenges e WHERE e.challenge_id = c.id ORDER BY e.effort_id),
        c.merged_into, c.version, c.created_at, c.updated_at
        """;

    private const string ListFilter = """
        WHERE ($1::text IS NULL OR c.theme = $1)
          AND ($2::text IS NULL OR c.status = $2)
          AND ($3::text IS NULL OR $3 = ANY (c.county_codes))
          AND ($4::boolean IS NULL OR c.cross_county = $4)
        """;

    public async Task<PagedResult<ChallengeResponse>> ListAsync(ChallengeQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var (items, total) = await Sql.PageAsync(
            dataSource, $"SELECT {Columns} FROM challenges c {ListFilter} ORDER BY c.created_at DESC, c.id LIMIT $5 OFFSET $6",
            $"SELECT count(*) FROM challenges c {ListFilter}", parameters => AddFilter(parameters, query), page.PageSize, page.Offset, Read, cancellationToken);
        return new PagedResult<ChallengeResponse>(items, total, page.Page, page.PageSize);
    }

    public async Task<ChallengeResponse?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    /// <summary>The ids among <paramref name="ids"/> that are challenges.</summary>
    public static async Task<HashSet<Guid>> ExistingAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id FROM challenges WHERE id = ANY ($1)", connection, transaction) { Parameters = { Sql.Value(ids.ToArray()) } };
        var found = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetGuid(0));
        }

        return found;
    }

    public async Task<ChallengeResponse> CreateAsync(NewChallenge challenge, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Clusterer.LockAsync(transaction, cancellationToken);
        var id = await InsertChallengeAsync(transaction, challenge, automatic: false, correlationId, cancellationToken);
        var created = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return created;
    }

    /// <summary>Clusters a submitted need: links it to the best open challenge of its theme above the threshold, or opens one.</summary>
    public async Task ClusterAsync(NpgsqlTransaction transaction, NeedSubmitted need, CancellationToken cancellationToken)
    {
        await Clusterer.LockAsync(transaction, cancellationToken);
        if (await NeedExistsAsync(transaction, need.NeedId, cancellationToken))
        {
            return; // the same need published again under another message id
        }

        var features = await Clusterer.FeaturesAsync(transaction, need.Title, need.Description, cancellationToken);
        var match = await clusterer.BestMatchAsync(transaction, need.Theme, features, cancellationToken);
        var now = timeProvider.GetUtcNow();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO needs (id, reference, theme, title, description, municipality_codes, county_codes, establishment_id, status, features, weights, submitted_at, confidential)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'submitted', $9, $10, $11, $12)
            """, transaction.Connection, transaction)
        {
            Parameters =
            {
                Sql.Value(need.NeedId), Sql.Value(need.Reference), Sql.Value(need.Theme), Sql.Value(need.Title), Sql.Value(need.Description),
                Sql.Value(need.MunicipalityCodes.ToArray()), Sql.Value(need.CountyCodes.ToArray()), Sql.Nullable(need.EstablishmentId, NpgsqlDbType.Uuid),
                Sql.Value(features.Keys.ToArray()), Sql.Value(features.Values.ToArray()), Sql.Value(need.OccurredAt), Sql.Value(need.Confidential),
            },
        })
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var clustered = new ClusteredNeed(need.NeedId, need.Theme, need.Title, need.Description, need.Confidential, need.MunicipalityCodes, null);
        await LinkAutomaticallyAsync(transaction, clustered, match, need.CorrelationId, now, cancellationToken);
    }

    /// <summary>Applies a triage: the status, and a corrected theme moves the need to the best challenge of the new theme.</summary>
    public async Task TriageAsync(NpgsqlTransaction transaction, NeedTriaged triaged, CancellationToken cancellationToken)
    {
        await Clusterer.LockAsync(transaction, cancellationToken);
        var need = await FindNeedAsync(transaction, triaged.NeedId, cancellationToken) ?? throw new NeedNotYetKnownException(triaged.NeedId);
        var now = timeProvider.GetUtcNow();
        if (triaged.Theme != need.Theme)
        {
            var features = await Clusterer.FeaturesAsync(transaction, need.Title, need.Description, cancellationToken);
            var match = await clusterer.BestMatchAsync(transaction, triaged.Theme, features, cancellationToken);
            await SetNeedAsync(transaction, triaged.NeedId, "theme = $2, status = $3", cancellationToken, Sql.Value(triaged.Theme), Sql.Value(triaged.Status));
            await LinkAutomaticallyAsync(transaction, need with { Theme = triaged.Theme }, match, triaged.CorrelationId, now, cancellationToken);
        }
        else
        {
            await SetStatusAsync(transaction, triaged.NeedId, triaged.Status, need.ChallengeId, now, cancellationToken);
        }
    }

    public async Task SetStatusAsync(NpgsqlTransaction transaction, Guid needId, string status, CancellationToken cancellationToken)
    {
        await Clusterer.LockAsync(transaction, cancellationToken);
        var need = await FindNeedAsync(transaction, needId, cancellationToken) ?? throw new NeedNotYetKnownException(needId);
        await SetStatusAsync(transaction, needId, status, need.ChallengeId, timeProvider.GetUtcNow(), cancellationToken);
    }

    /// <summary>A coordinator moves a need into challenge <paramref name="id"/> (If-Match on that challenge).</summary>
    public async Task<ChallengeWriteResult> RelinkAsync(Guid id, int? expectedVersion, Guid needId, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Clusterer.LockAsync(transaction, cancellationToken);
        if (await CheckWritableAsync(transaction, id, expectedVersion, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (await FindNeedAsync(transaction, needId, cancellationToken) is not { } need)
        {
            return new ChallengeWriteResult(ChallengeOutcome.ReferenceNotFound);
        }

        if (need.ChallengeId == id)
        {
            return new ChallengeWriteResult(ChallengeOutcome.SameChallenge, await GetAsync(connection, transaction, id, cancellationToken));
        }

        var now = timeProvider.GetUtcNow();
        await SetNeedAsync(transaction, needId, "challenge_id = $2, score = 1, automatic = false", cancellationToken, Sql.Value(id));
        await RecomputeAsync(transaction, [id, .. need.ChallengeId is { } previous ? [previous] : Array.Empty<Guid>()], now, cancellationToken);
        await AdoptPublicTitleAsync(transaction, id, correlationId, now, cancellationToken);
        var challenge = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await outbox.EnqueueAsync(transaction, new NeedLinkedToChallenge
        {
            NeedId = needId,
            ChallengeId = id,
            PreviousChallengeId = need.ChallengeId,
            Score = 1,
            Automatic = false,
            CountyCodes = challenge.CountyCodes,
            CrossCounty = challenge.CrossCounty,
            CorrelationId = correlationId,
            OccurredAt = now,
        }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return new ChallengeWriteResult(ChallengeOutcome.Done, challenge);
    }

    /// <summary>Merges challenge <paramref name="mergedId"/> into <paramref name="id"/>: its needs and efforts move, it is archived.</summary>
    public async Task<ChallengeWriteResult> MergeAsync(Guid id, int? expectedVersion, Guid mergedId, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Clusterer.LockAsync(transaction, cancellationToken);
        if (await CheckWritableAsync(transaction, id, expectedVersion, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (id == mergedId)
        {
            return new ChallengeWriteResult(ChallengeOutcome.SameChallenge, await GetAsync(connection, transaction, id, cancellationToken));
        }

        var merged = await GetAsync(connection, transaction, mergedId, cancellationToken);
        if (merged is null)
        {
            return new ChallengeWriteResult(ChallengeOutcome.ReferenceNotFound);
        }

        if (merged.MergedInto is not null || merged.Status == ChallengeStatuses.Archived)
        {
            return new ChallengeWriteResult(ChallengeOutcome.Closed, merged);
        }

        var now = timeProvider.GetUtcNow();
        var moved = new List<Guid>();
        await using (var move = new NpgsqlCommand(
            "UPDATE needs SET challenge_id = $1, change_seq = nextval('change_seq') WHERE challenge_id = $2 RETURNING id", connection, transaction)
        {
            Parameters = { Sql.Value(id), Sql.Value(mergedId) },
        })
        await using (var reader = await move.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                moved.Add(reader.GetGuid(0));
            }
        }

        await using (var close = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("INSERT INTO effort_challenges (effort_id, challenge_id) SELECT effort_id, $1 FROM effort_challenges WHERE challenge_id = $2 ON CONFLICT DO NOTHING")
                {
                    Parameters = { Sql.Value(id), Sql.Value(mergedId) },
                },
                new("""
                    UPDATE challenges SET status = 'archived', merged_into = $1, version = version + 1, updated_at = $3, change_seq = nextval('change_seq')
                    WHERE id = $2
                    """)
                {
                    Parameters = { Sql.Value(id), Sql.Value(mergedId), Sql.Value(now) },
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
        var target = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return new ChallengeWriteResult(ChallengeOutcome.Done, target);
    }

    public async Task<ChallengeWriteResult> ChangeStatusAsync(Guid id, int? expectedVersion, string status, string? note, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Clusterer.LockAsync(transaction, cancellationToken);
        var current = await GetAsync(connection, transaction, id, cancellationToken);
        if (current is null)
        {
            return new ChallengeWriteResult(ChallengeOutcome.NotFound);
        }

        if (expectedVersion is { } expected && current.Version != expected)
        {
            return new ChallengeWriteResult(ChallengeOutcome.Stale, current);
        }

        if (current.Status == ChallengeStatuses.Archived)
        {
            return new ChallengeWriteResult(ChallengeOutcome.Closed, current);
        }

        if (current.Status == status)
        {
            return new ChallengeWriteResult(ChallengeOutcome.Done, current);
        }

        var now = timeProvider.GetUtcNow();
        await using (var update = new NpgsqlCommand(
            "UPDATE challenges SET status = $2, version = version + 1, updated_at = $3, change_seq = nextval('change_seq') WHERE id = $1", connection, transaction)
        {
            Parameters = { Sql.Value(id), Sql.Value(status), Sql.Value(now) },
        })
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await outbox.EnqueueAsync(transaction, new ChallengeStatusChanged
        {
            ChallengeId = id, PreviousStatus = current.Status, Status = status, Note = note, CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        var challenge = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return new ChallengeWriteResult(ChallengeOutcome.Done, challenge);
    }

    private async Task LinkAutomaticallyAsync(
        NpgsqlTransaction transaction, ClusteredNeed need, ClusterMatch? match, string? correlationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (needId, previous) = (need.Id, need.ChallengeId);
        Guid challengeId;
        double score;
        if (match is { } found && found.Score >= clusterer.Threshold)
        {
            (challengeId, score) = (found.ChallengeId, found.Score);
        }
        else
        {
            var (title, description) = need.Confidential ? ChallengeTitles.Neutral(need.Theme, need.MunicipalityCodes) : (need.Title, need.Description);
            challengeId = await InsertChallengeAsync(
                transaction, new NewChallenge(need.Theme, title, description, null, NeutralTitle: need.Confidential), automatic: true, correlationId, cancellationToken);
            score = 1;
        }

        await SetNeedAsync(transaction, needId, "challenge_id = $2, score = $3, automatic = true", cancellationToken, Sql.Value(challengeId), Sql.Value(Math.Round(score, 4)));
        await RecomputeAsync(transaction, previous is { } old && old != challengeId ? [challengeId, old] : [challengeId], now, cancellationToken);
        if (!need.Confidential)
        {
            await AdoptPublicTitleAsync(transaction, challengeId, correlationId, now, cancellationToken);
        }

        var challenge = (await GetAsync(transaction.Connection!, transaction, challengeId, cancellationToken))!;
        await outbox.EnqueueAsync(transaction, new NeedLinkedToChallenge
        {
            NeedId = needId,
            ChallengeId = challengeId,
            PreviousChallengeId = previous,
            Score = Math.Round(score, 4),
            Automatic = true,
            CountyCodes = challenge.CountyCodes,
            CrossCounty = challenge.CrossCounty,
            CorrelationId = correlationId,
            OccurredAt = now,
        }, cancellationToken);
    }

    private async Task<Guid> InsertChallengeAsync(NpgsqlTransaction transaction, NewChallenge challenge, bool automatic, string? correlationId, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var now = timeProvider.GetUtcNow();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO challenges (id, reference, theme, title, description, status, lead_actor_id, automatic, created_at, updated_at, neutral_title)
            SELECT $1, 'UTM-' || $2 || '-' || CASE WHEN n < 10000 THEN lpad(n::text, 4, '0') ELSE n::text END, $3, $4, $5, 'identified', $6, $7, $8, $8, $9
            FROM nextval('challenge_reference_seq') AS n
            RETURNING reference
            """, transaction.Connection, transaction)
        {
            Parameters =
            {
                Sql.Value(id), Sql.Value(now.UtcDateTime.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), Sql.Value(challenge.Theme),
                Sql.Value(Shorten(challenge.Title, 200)), Sql.Value(challenge.Description), Sql.Nullable(challenge.LeadActorId, NpgsqlDbType.Uuid), Sql.Value(automatic), Sql.Value(now),
                Sql.Value(challenge.NeutralTitle),
            },
        };
        var reference = (string)(await insert.ExecuteScalarAsync(cancellationToken))!;
        await outbox.EnqueueAsync(transaction, new ChallengeIdentified
        {
            ChallengeId = id, Reference = reference, Theme = challenge.Theme, Title = Shorten(challenge.Title, 200), Status = ChallengeStatuses.Identified,
            CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
        return id;
    }

    private async Task SetStatusAsync(NpgsqlTransaction transaction, Guid needId, string status, Guid? challengeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await SetNeedAsync(transaction, needId, "status = $2", cancellationToken, Sql.Value(status));
        if (challengeId is { } id)
        {
            await RecomputeAsync(transaction, [id], now, cancellationToken);
        }
    }

    /// <summary>Counties, cross-county and establishments of the challenges, from their needs that count.</summary>
    private static async Task RecomputeAsync(NpgsqlTransaction transaction, Guid[] challengeIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE challenges c SET county_codes = d.counties, cross_county = d.counties @> ARRAY['24', '25'], establishment_ids = d.establishments,
                version = c.version + 1, updated_at = $2
            FROM (
                SELECT c2.id,
                    ARRAY(SELECT DISTINCT x FROM needs n CROSS JOIN unnest(n.county_codes) AS x
                          WHERE n.challenge_id = c2.id AND NOT (n.status = ANY ('{rejected,withdrawn}')) ORDER BY x) AS counties,
                    ARRAY(SELECT DISTINCT n.establishment_id FROM needs n
                          WHERE n.challenge_id = c2.id AND n.establishment_id IS NOT NULL AND NOT (n.status = ANY ('{rejected,withdrawn}')) ORDER BY n.establishment_id) AS establishments
                FROM challenges c2 WHERE c2.id = ANY ($1)
            ) d
            WHERE c.id = d.id
            """, transaction.Connection, transaction)
        {
            Parameters = { Sql.Value(challengeIds), Sql.Value(now) },
        };
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task SetNeedAsync(NpgsqlTransaction transaction, Guid needId, string assignments, CancellationToken cancellationToken, params NpgsqlParameter[] values)
    {
        await using var update = new NpgsqlCommand($"UPDATE needs SET {assignments}, change_seq = nextval('change_seq') WHERE id = $1", transaction.Connection, transaction);
        update.Parameters.Add(Sql.Value(needId));
        update.Parameters.AddRange(values);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> NeedExistsAsync(NpgsqlTransaction transaction, Guid needId, CancellationToken cancellationToken) =>
        await FindNeedAsync(transaction, needId, cancellationToken) is not null;

    private static async Task<ClusteredNeed?> FindNeedAsync(NpgsqlTransaction transaction, Guid needId, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            "SELECT theme, title, description, confidential, municipality_codes, challenge_id FROM needs WHERE id = $1", transaction.Connection, transaction)
        {
            Parameters = { Sql.Value(needId) },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ClusteredNeed(needId, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetFieldValue<string[]>(4),
                reader.IsDBNull(5) ? null : reader.GetGuid(5))
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
                version = c.version + 1, updated_at = $2, change_seq = nextval('change_seq')
            FROM (
                SELECT title, description FROM needs
                WHERE challenge_id = $1 AND NOT confidential AND NOT (status = ANY ('{rejected,withdrawn}'))
                ORDER BY submitted_at, id LIMIT 1
            ) n
            WHERE c.id = $1 AND c.neutral_title
            RETURNING c.title, c.description
            """, transaction.Connection, transaction)
        {
            Parameters = { Sql.Value(challengeId), Sql.Value(now) },
        };
        string title, description;
        await using (var reader = await adopt.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return;
            }

            (title, description) = (reader.GetString(0), reader.GetString(1));
        }

        await outbox.EnqueueAsync(transaction, new ChallengeUpdated
        {
            ChallengeId = challengeId, Title = title, Description = description, CorrelationId = correlationId, OccurredAt = now,
        }, cancellationToken);
    }

    private async Task<ChallengeWriteResult?> CheckWritableAsync(NpgsqlTransaction transaction, Guid id, int? expectedVersion, CancellationToken cancellationToken)
    {
        var current = await GetAsync(transaction.Connection!, transaction, id, cancellationToken);
        return current switch
        {
            null => new ChallengeWriteResult(ChallengeOutcome.NotFound),
            _ when expectedVersion is { } expected && current.Version != expected => new ChallengeWriteResult(ChallengeOutcome.Stale, current),
            _ when current.Status == ChallengeStatuses.Archived => new ChallengeWriteResult(ChallengeOutcome.Closed, current),
            _ => null,
        };
    }

    private static async Task<ChallengeResponse?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"SELECT {Columns} FROM challenges c WHERE c.id = $1", connection, transaction) { Parameters = { Sql.Value(id) } };
        return await Sql.ReadSingleAsync(select, Read, cancellationToken);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length];

    private static void AddFilter(NpgsqlParameterCollection parameters, ChallengeQuery query)
    {
        parameters.Add(Sql.Nullable(query.Theme, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.Status, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.CountyCode, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.CrossCounty, NpgsqlDbType.Boolean));
    }

    private static ChallengeResponse Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.GetBoolean(7), reader.GetFieldValue<Guid[]>(8), reader.GetFieldValue<string[]>(9),
        reader.GetBoolean(10), reader.GetFieldValue<Guid[]>(11), reader.GetFieldValue<Guid[]>(12), reader.IsDBNull(13) ? null : reader.GetGuid(13),
        reader.GetInt32(14), reader.GetFieldValue<DateTimeOffset>(15), reader.GetFieldValue<DateTimeOffset>(16));
}
