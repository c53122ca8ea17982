using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts;
using Platform.Contracts.Needs;
using Platform.Messaging.Data;
using Platform.Messaging.Outbox;
using Platform.NeedsIntake.Domain;
using Platform.NeedsIntake.Import;
using Platform.ServiceDefaults.Http;

namespace Platform.NeedsIntake.Data;

public sealed record SimilarNeed(Guid Id, string Reference, string Title, double Score);

public sealed record NeedResponse(
    Guid Id,
    string Reference,
    string Title,
    string Description,
    string Theme,
    Guid SubmittedByActorId,
    string SubmitterKind,
    Guid? EstablishmentId,
    IReadOnlyList<string> MunicipalityCodes,
    IReadOnlyList<string> CountyCodes,
    NeedQuantity? Quantity,
    DateOnly? NeededBy,
    string Urgency,
    string Status,
    Guid? ChallengeId,
    string? DecisionReason,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Open needs like this one, answered with its submission only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SimilarNeed>? SimilarNeeds { get; init; }
}

public sealed record HistoryEntry(DateTimeOffset At, string By, string Action, JsonElement Changes);

/// <summary>Who reads: coordinators and agencies see every need; others see company needs only when they submitted them.</summary>
public sealed record Viewer(bool SeesAll, Guid? ActorId);

public sealed record NeedQuery(string? Text, string? Theme, string? Status, string? MunicipalityCode, string? CountyCode, Guid? SubmittedBy, Guid? ChallengeId);

/// <summary>A submission's <c>Idempotency-Key</c>, scoped to its caller, with the hash of the request it came with.</summary>
public sealed record IdempotencyKey(string Caller, string Key, byte[] RequestHash);

public sealed record TriageChange(string Decision, string? Theme, string? Reason);

public enum NeedOutcome
{
    Done,
    Replayed,
    Invalid,
    NotFound,
    Stale,
    WrongStatus,
    NotSubmitter,
    IdempotencyKeyReused,
}

public sealed record NeedWriteResult(NeedOutcome Outcome, NeedResponse? Need = null);

/// <summary>Needs in <c>needsdb</c>; every change is written to the need's history and enqueues its event in the same transaction.</summary>
public sealed class NeedStore(NpgsqlDataSource dataSource, Outbox outbox, NeedsMetrics metrics, TimeProvider timeProvider, SimilarNeedsFinder similar, ReferenceAllocator references)
{
    public const string ServiceCaller = "needs-intake";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal const string Columns = """
        id, reference, title, description, theme, submitted_by_actor_id, submitter_kind, establishment_id, municipality_codes,
        county_codes, quantity_value, quantity_unit, needed_by, urgency, status, challenge_id, decision_reason, version, created_at, updated_at
        """;

    internal const string VisibleTo = "($1 OR submitter_kind <> 'company' OR submitted_by_actor_id = $2)";

    private const string ListFilter = $"""
        WHERE {VisibleTo}
          AND ($3::text IS NULL OR search @@ websearch_to_tsquery('swedish', $3))
          AND ($4::text IS NULL OR theme = $4)
          AND ($5::text IS NULL OR status = $5)
          AND ($6::text IS NULL OR $6 = ANY (municipality_codes))
          AND ($7::text IS NULL OR $7 = ANY (county_codes))
          AND ($8::uuid IS NULL OR submitted_by_actor_id = $8)
          AND ($9::uuid IS NULL OR challenge_id = $9)
        """;

    private const string InsertSql = """
        INSERT INTO needs (id, reference, title, description, theme, submitted_by_actor_id, submitter_kind, establishment_id,
            municipality_codes, county_codes, quantity_value, quantity_unit, needed_by, urgency, status, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
        """;

    private const string HistorySql = "INSERT INTO need_history (need_id, at, by_caller, action, changes) VALUES ($1, $2, $3, $4, $5)";

    /// <summary>Rows of an import go to the database in batches of this many needs (each need, its history and its event).</summary>
    private const int InsertBatchSize = 250;

    public async Task<PagedResult<NeedResponse>> ListAsync(NeedQuery query, Viewer viewer, PageRequest page, CancellationToken cancellationToken)
    {
        var (items, total) = await Sql.PageAsync(
            dataSource, $"SELECT {Columns} FROM needs {ListFilter} ORDER BY created_at DESC, id DESC LIMIT $10 OFFSET $11",
            $"SELECT count(*) FROM needs {ListFilter}", parameters => AddFilterParameters(parameters, query, viewer), page.PageSize, page.Offset, Read, cancellationToken);
        return new PagedResult<NeedResponse>(items, total, page.Page, page.PageSize);
    }

    /// <summary>The need when <paramref name="viewer"/> may see it; a hidden need is as absent as a missing one.</summary>
    public async Task<NeedResponse?> GetAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM needs WHERE {VisibleTo} AND id = $3");
        AddViewerParameters(command.Parameters, viewer);
        command.Parameters.Add(Sql.Value(id));
        return await Sql.ReadSingleAsync(command, Read, cancellationToken);
    }

    public async Task<PagedResult<HistoryEntry>?> HistoryAsync(Guid id, Viewer viewer, PageRequest page, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var visible = new NpgsqlBatchCommand($"SELECT count(*) FROM needs WHERE {VisibleTo} AND id = $3");
        AddViewerParameters(visible.Parameters, viewer);
        visible.Parameters.Add(Sql.Value(id));
        var select = new NpgsqlBatchCommand("SELECT at, by_caller, action, changes::text FROM need_history WHERE need_id = $1 ORDER BY id LIMIT $2 OFFSET $3")
        {
            Parameters = { Sql.Value(id), Sql.Value(page.PageSize), Sql.Value(page.Offset) },
        };
        var count = new NpgsqlBatchCommand("SELECT count(*) FROM need_history WHERE need_id = $1") { Parameters = { Sql.Value(id) } };
        batch.BatchCommands.Add(visible);
        batch.BatchCommands.Add(select);
        batch.BatchCommands.Add(count);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetInt64(0) == 0)
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        var items = new List<HistoryEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new HistoryEntry(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), JsonSerializer.Deserialize<JsonElement>(reader.GetString(3))));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PagedResult<HistoryEntry>(items, reader.GetInt64(0), page.Page, page.PageSize);
    }

    /// <summary>
    /// Stores a validated submission: the submitter and establishment are checked against the replica inside the
    /// transaction (422 errors in <paramref name="errors"/>), the need, its history, its event and the idempotency
    /// record commit together, and similar open needs visible to <paramref name="viewer"/> come back with it.
    /// </summary>
    public async Task<NeedWriteResult> SubmitAsync(
        NeedData data, IdempotencyKey? idempotencyKey, Viewer viewer, string caller, string? correlationId, ValidationErrors errors, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (idempotencyKey is not null && !await ClaimIdempotencyKeyAsync(transaction, idempotencyKey, now, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ReplayAsync(connection, idempotencyKey, cancellationToken);
        }

        var actors = await ActorDirectory.ActorDirectory.FindAsync(connection, transaction, [data.SubmittedByActorId], cancellationToken);
        var establishments = data.EstablishmentId is { } establishmentId
            ? await EstablishmentReplica.FindEstablishmentsAsync(connection, transaction, [establishmentId], cancellationToken)
            : [];
        var submitterKind = EstablishmentReplica.CheckSubmitter(actors.GetValueOrDefault(data.SubmittedByActorId), data.SubmittedByActorId, data.EstablishmentId, establishments, errors, static name => name);
        if (submitterKind is null || errors.Any)
        {
            return new NeedWriteResult(NeedOutcome.Invalid);
        }

        var need = (await InsertAsync(transaction, [(data, submitterKind)], caller, correlationId, now, "api", cancellationToken))[0];
        need = need with { SimilarNeeds = await similar.FindAsync(connection, transaction, need.Title, need.Description, need.Id, viewer, cancellationToken) };

        if (idempotencyKey is not null)
        {
            await using var remember = new NpgsqlCommand("UPDATE idempotency_keys SET need_id = $3, response = $4 WHERE caller = $1 AND key = $2", connection, transaction)
            {
                Parameters =
                {
                    Sql.Value(idempotencyKey.Caller), Sql.Value(idempotencyKey.Key), Sql.Value(need.Id),
                    new() { Value = JsonSerializer.Serialize(need, Json), NpgsqlDbType = NpgsqlDbType.Jsonb },
                },
            };
            await remember.ExecuteNonQueryAsync(cancellationToken);
        }

        await outbox.CommitAsync(transaction, cancellationToken);
        metrics.Submitted(need.Theme, "api");
        return new NeedWriteResult(NeedOutcome.Done, need);
    }

    /// <summary>
    /// Stores every row of an import in one transaction, or none. <paramref name="rows"/> passed the field rules
    /// (<paramref name="rowErrors"/> are those of the rows that did not); here each submitter and establishment is
    /// checked against the replica too, so the answer lists every bad row, and any error stores nothing.
    /// </summary>
    public async Task<(IReadOnlyList<NeedResponse> Needs, IReadOnlyList<ImportRowError> Errors)> ImportAsync(
        IReadOnlyList<ImportRow> rows, IReadOnlyList<ImportRowError> rowErrors, string caller, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var actors = await ActorDirectory.ActorDirectory.FindAsync(connection, transaction, rows.Select(row => row.Data.SubmittedByActorId).Distinct().ToList(), cancellationToken);
        var establishments = await EstablishmentReplica.FindEstablishmentsAsync(
            connection, transaction, rows.Select(row => row.Data.EstablishmentId).OfType<Guid>().Distinct().ToList(), cancellationToken);
        var kinds = new List<string>(rows.Count);
        var errors = rowErrors.ToList();
        foreach (var row in rows)
        {
            var referenceErrors = new ValidationErrors();
            var kind = EstablishmentReplica.CheckSubmitter(actors.GetValueOrDefault(row.Data.SubmittedByActorId), row.Data.SubmittedByActorId, row.Data.EstablishmentId, establishments, referenceErrors, NeedImport.Column);
            errors.AddRange(NeedImport.ErrorsOf(row.Line, referenceErrors));
            kinds.Add(kind ?? string.Empty);
        }

        if (errors.Count > 0)
        {
            return ([], [.. errors.OrderBy(error => error.Line)]);
        }

        var needs = await InsertAsync(transaction, [.. rows.Select((row, index) => (row.Data, kinds[index]))], caller, correlationId, timeProvider.GetUtcNow(), "import", cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        foreach (var need in needs)
        {
            metrics.Submitted(need.Theme, "import");
        }

        return (needs, []);
    }

    public async Task<NeedWriteResult> TriageAsync(Guid id, int? expectedVersion, TriageChange change, string caller, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(transaction, id, cancellationToken);
        if (current is null)
        {
            return new NeedWriteResult(NeedOutcome.NotFound);
        }

        if (expectedVersion is { } expected && current.Version != expected)
        {
            return new NeedWriteResult(NeedOutcome.Stale, current);
        }

        if (current.Status is NeedStatuses.Resolved or NeedStatuses.Withdrawn)
        {
            return new NeedWriteResult(NeedOutcome.WrongStatus, current);
        }

        var reject = change.Decision == TriageDecisions.Reject;
        var status = reject ? NeedStatuses.Rejected : current.ChallengeId is null ? NeedStatuses.Accepted : NeedStatuses.Linked;
        var theme = change.Theme ?? current.Theme;
        var now = timeProvider.GetUtcNow();
        await using var update = new NpgsqlCommand($"""
            UPDATE needs SET status = $2, theme = $3, decision_reason = $4, version = version + 1, updated_at = $5 WHERE id = $1
            RETURNING {Columns}
            """, connection, transaction)
        {
            Parameters = { Sql.Value(id), Sql.Value(status), Sql.Value(theme), Sql.Nullable(change.Reason, NpgsqlDbType.Text), Sql.Value(now) },
        };
        var need = (await Sql.ReadSingleAsync(update, Read, cancellationToken))!;
        await RecordAsync(transaction, id, caller, "triaged", now, new
        {
            decision = change.Decision,
            status = new { from = current.Status, to = status },
            theme = theme == current.Theme ? null : new { from = current.Theme, to = theme },
            reason = change.Reason,
        }, cancellationToken);
        await outbox.EnqueueAsync(transaction, new NeedTriaged
        {
            NeedId = id,
            Decision = change.Decision,
            Status = status,
            Theme = theme,
            PreviousTheme = theme == current.Theme ? null : current.Theme,
            Reason = change.Reason,
            TriagedBy = caller,
            CorrelationId = correlationId,
            OccurredAt = now,
        }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return new NeedWriteResult(NeedOutcome.Done, need);
    }

    public async Task<NeedWriteResult> WithdrawAsync(Guid id, int? expectedVersion, Guid actorId, string? reason, string caller, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(transaction, id, cancellationToken);
        if (current is null || (NeedRules.IsConfidential(current.SubmitterKind) && current.SubmittedByActorId != actorId))
        {
            return new NeedWriteResult(NeedOutcome.NotFound);
        }

        if (current.SubmittedByActorId != actorId)
        {
            return new NeedWriteResult(NeedOutcome.NotSubmitter, current);
        }

        if (expectedVersion is { } version && current.Version != version)
        {
            return new NeedWriteResult(NeedOutcome.Stale, current);
        }

        if (current.Status == NeedStatuses.Withdrawn)
        {
            return new NeedWriteResult(NeedOutcome.Done, current);
        }

        if (!NeedStatuses.Open.Contains(current.Status))
        {
            return new NeedWriteResult(NeedOutcome.WrongStatus, current);
        }

        var now = timeProvider.GetUtcNow();
        var need = await SetStatusAsync(transaction, id, NeedStatuses.Withdrawn, reason, now, cancellationToken);
        await RecordAsync(transaction, id, caller, "withdrawn", now, new { status = new { from = current.Status, to = NeedStatuses.Withdrawn }, reason }, cancellationToken);
        await outbox.EnqueueAsync(transaction, new NeedWithdrawn { NeedId = id, Reason = reason, CorrelationId = correlationId, OccurredAt = now }, cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        return new NeedWriteResult(NeedOutcome.Done, need);
    }

    /// <summary>
    /// Applies a link made by challenge tracking. Links are ordered by when they were made, so a late, older link
    /// does not overwrite a newer relink. Returns false when the need is unknown here.
    /// </summary>
    public async Task<bool> LinkAsync(NpgsqlTransaction transaction, Guid needId, Guid challengeId, DateTimeOffset linkedAt, CancellationToken cancellationToken)
    {
        var current = await LockAsync(transaction, needId, cancellationToken);
        if (current is null)
        {
            return false;
        }

        await using (var linkedAtCommand = new NpgsqlCommand("SELECT challenge_linked_at FROM needs WHERE id = $1", transaction.Connection, transaction) { Parameters = { Sql.Value(needId) } })
        {
            if (await linkedAtCommand.ExecuteScalarAsync(cancellationToken) is DateTime previous && new DateTimeOffset(previous, TimeSpan.Zero) > linkedAt)
            {
                return true;
            }
        }

        var status = current.Status is NeedStatuses.Submitted or NeedStatuses.Accepted ? NeedStatuses.Linked : current.Status;
        var now = timeProvider.GetUtcNow();
        await using var update = new NpgsqlCommand("""
            UPDATE needs SET challenge_id = $2, challenge_linked_at = $3, status = $4, version = version + 1, updated_at = $5 WHERE id = $1
            """, transaction.Connection, transaction)
        {
            Parameters = { Sql.Value(needId), Sql.Value(challengeId), Sql.Value(linkedAt), Sql.Value(status), Sql.Value(now) },
        };
        await update.ExecuteNonQueryAsync(cancellationToken);
        await RecordAsync(transaction, needId, "challenge-tracking", "linked", now, new
        {
            challengeId = new { from = current.ChallengeId, to = challengeId },
            status = status == current.Status ? null : new { from = current.Status, to = status },
        }, cancellationToken);
        return true;
    }

    /// <summary>Resolves the open needs of a resolved challenge, each with its <see cref="NeedResolved"/>.</summary>
    public async Task<int> ResolveChallengeAsync(NpgsqlTransaction transaction, Guid challengeId, string? correlationId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var update = new NpgsqlCommand("""
            UPDATE needs n SET status = 'resolved', version = n.version + 1, updated_at = $2
            FROM (SELECT id, status FROM needs WHERE challenge_id = $1 AND status = ANY ($3) FOR UPDATE) previous
            WHERE n.id = previous.id
            RETURNING n.id, previous.status
            """, transaction.Connection, transaction)
        {
            Parameters = { Sql.Value(challengeId), Sql.Value(now), Sql.Value(NeedStatuses.Open.ToArray()) },
        };
        var resolved = new List<(Guid Id, string PreviousStatus)>();
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                resolved.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        foreach (var (id, previousStatus) in resolved)
        {
            await RecordAsync(transaction, id, "challenge-tracking", "resolved", now, new { status = new { from = previousStatus, to = NeedStatuses.Resolved }, challengeId }, cancellationToken);
            await outbox.EnqueueAsync(transaction, new NeedResolved { NeedId = id, ChallengeId = challengeId, CorrelationId = correlationId, OccurredAt = now }, cancellationToken);
        }

        return resolved.Count;
    }

    /// <summary>Moves the needs of a merged challenge to the challenge it was merged into.</summary>
    public async Task<int> MergeChallengesAsync(NpgsqlTransaction transaction, Guid mergedChallengeId, Guid targetChallengeId, IReadOnlyList<Guid> movedNeedIds, DateTimeOffset mergedAt, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var update = new NpgsqlCommand("""
            UPDATE needs SET challenge_id = $2, challenge_linked_at = $3, version = version + 1, updated_at = $4
            WHERE (challenge_id = $1 OR id = ANY ($5)) AND challenge_id IS DISTINCT FROM $2
              AND (challenge_linked_at IS NULL OR challenge_linked_at <= $3)
            RETURNING id
            """, transaction.Connection, transaction)
        {
            Parameters = { Sql.Value(mergedChallengeId), Sql.Value(targetChallengeId), Sql.Value(mergedAt), Sql.Value(now), Sql.Value(movedNeedIds.ToArray()) },
        };
        var moved = new List<Guid>();
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                moved.Add(reader.GetGuid(0));
            }
        }

        foreach (var id in moved)
        {
            await RecordAsync(transaction, id, "challenge-tracking", "merged", now, new { challengeId = new { from = mergedChallengeId, to = targetChallengeId } }, cancellationToken);
        }

        return moved.Count;
    }

    /// <summary>Deletes idempotency records older than <paramref name="age"/>; a retry after that is a new submission.</summary>
    public async Task<int> PurgeIdempotencyKeysAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE created_at < $1");
        command.Parameters.Add(Sql.Value(timeProvider.GetUtcNow() - age));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts the needs with their first history entry and <see cref="NeedSubmitted"/>, a batch of statements per
    /// <see cref="InsertBatchSize"/> needs; the references come from the allocator, so nothing needs to be read back.
    /// </summary>
    private async Task<IReadOnlyList<NeedResponse>> InsertAsync(
        NpgsqlTransaction transaction, IReadOnlyList<(NeedData Data, string SubmitterKind)> rows, string caller, string? correlationId, DateTimeOffset now, string source,
        CancellationToken cancellationToken)
    {
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond)); // as PostgreSQL stores it, so answers and reads agree
        var numbers = await references.NextAsync(transaction, rows.Count, cancellationToken);
        var needs = new List<NeedResponse>(rows.Count);
        foreach (var chunk in rows.Index().Chunk(InsertBatchSize))
        {
            await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
            foreach (var (index, (data, submitterKind)) in chunk)
            {
                var need = new NeedResponse(
                    Guid.CreateVersion7(now), ReferenceAllocator.Format(now.UtcDateTime.Year, numbers[index]), data.Title, data.Description, data.Theme,
                    data.SubmittedByActorId, submitterKind, data.EstablishmentId, data.MunicipalityCodes, data.CountyCodes, data.Quantity, data.NeededBy,
                    data.Urgency, NeedStatuses.Submitted, null, null, 1, now, now);
                needs.Add(need);
                batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertSql)
                {
                    Parameters =
                    {
                        Sql.Value(need.Id), Sql.Value(need.Reference), Sql.Value(need.Title), Sql.Value(need.Description), Sql.Value(need.Theme),
                        Sql.Value(need.SubmittedByActorId), Sql.Value(need.SubmitterKind), Sql.Nullable(need.EstablishmentId, NpgsqlDbType.Uuid),
                        Sql.Value(need.MunicipalityCodes.ToArray()), Sql.Value(need.CountyCodes.ToArray()),
                        Sql.Nullable(need.Quantity?.Value, NpgsqlDbType.Numeric), Sql.Nullable(need.Quantity?.Unit, NpgsqlDbType.Text),
                        Sql.Nullable(need.NeededBy, NpgsqlDbType.Date), Sql.Value(need.Urgency), Sql.Value(need.Status), Sql.Value(now),
                    },
                });
                batch.BatchCommands.Add(HistoryCommand(need.Id, caller, "submitted", now, new { status = NeedStatuses.Submitted, reference = need.Reference, source }));
                batch.BatchCommands.Add(outbox.CreateBatchCommand(new NeedSubmitted
                {
                    NeedId = need.Id,
                    Reference = need.Reference,
                    Title = need.Title,
                    Description = need.Description,
                    Theme = need.Theme,
                    SubmittedByActorId = need.SubmittedByActorId,
                    SubmitterKind = need.SubmitterKind,
                    EstablishmentId = need.EstablishmentId,
                    MunicipalityCodes = need.MunicipalityCodes,
                    CountyCodes = need.CountyCodes,
                    Quantity = need.Quantity is { } quantity ? new Quantity(quantity.Value, quantity.Unit) : null,
                    NeededBy = need.NeededBy,
                    Urgency = need.Urgency,
                    Confidential = NeedRules.IsConfidential(need.SubmitterKind),
                    CorrelationId = correlationId,
                    OccurredAt = now,
                }));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        return needs;
    }

    private static async Task<bool> ClaimIdempotencyKeyAsync(NpgsqlTransaction transaction, IdempotencyKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A concurrent retry with the same key waits here on the primary key until the first one commits or rolls back.
        await using var claim = new NpgsqlCommand("""
            INSERT INTO idempotency_keys (caller, key, request_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING
            """, transaction.Connection, transaction)
        {
            Parameters = { Sql.Value(key.Caller), Sql.Value(key.Key), Sql.Value(key.RequestHash), Sql.Value(now) },
        };
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<NeedWriteResult> ReplayAsync(NpgsqlConnection connection, IdempotencyKey key, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("SELECT request_hash, response::text FROM idempotency_keys WHERE caller = $1 AND key = $2", connection)
        {
            Parameters = { Sql.Value(key.Caller), Sql.Value(key.Key) },
        };
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || !reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(key.RequestHash) || reader.IsDBNull(1))
        {
            return new NeedWriteResult(NeedOutcome.IdempotencyKeyReused);
        }

        return new NeedWriteResult(NeedOutcome.Replayed, JsonSerializer.Deserialize<NeedResponse>(reader.GetString(1), Json));
    }

    private static async Task<NeedResponse?> LockAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"SELECT {Columns} FROM needs WHERE id = $1 FOR UPDATE", transaction.Connection, transaction)
        {
            Parameters = { Sql.Value(id) },
        };
        return await Sql.ReadSingleAsync(select, Read, cancellationToken);
    }

    private static async Task<NeedResponse> SetStatusAsync(NpgsqlTransaction transaction, Guid id, string status, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand($"""
            UPDATE needs SET status = $2, decision_reason = coalesce($3, decision_reason), version = version + 1, updated_at = $4 WHERE id = $1
            RETURNING {Columns}
            """, transaction.Connection, transaction)
        {
            Parameters = { Sql.Value(id), Sql.Value(status), Sql.Nullable(reason, NpgsqlDbType.Text), Sql.Value(now) },
        };
        return (await Sql.ReadSingleAsync(update, Read, cancellationToken))!;
    }

    private static async Task RecordAsync(NpgsqlTransaction transaction, Guid needId, string caller, string action, DateTimeOffset at, object changes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction) { BatchCommands = { HistoryCommand(needId, caller, action, at, changes) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand HistoryCommand(Guid needId, string caller, string action, DateTimeOffset at, object changes) => new(HistorySql)
    {
        Parameters =
        {
            Sql.Value(needId), Sql.Value(at), Sql.Value(caller), Sql.Value(action),
            new() { Value = JsonSerializer.Serialize(changes, HistoryJson), NpgsqlDbType = NpgsqlDbType.Jsonb },
        },
    };

    private static readonly JsonSerializerOptions HistoryJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    internal static void AddViewerParameters(NpgsqlParameterCollection parameters, Viewer viewer)
    {
        parameters.Add(Sql.Value(viewer.SeesAll));
        parameters.Add(Sql.Nullable(viewer.ActorId, NpgsqlDbType.Uuid));
    }

    private static void AddFilterParameters(NpgsqlParameterCollection parameters, NeedQuery query, Viewer viewer)
    {
        AddViewerParameters(parameters, viewer);
        parameters.Add(Sql.Nullable(query.Text, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.Theme, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.Status, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.MunicipalityCode, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.CountyCode, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.SubmittedBy, NpgsqlDbType.Uuid));
        parameters.Add(Sql.Nullable(query.ChallengeId, NpgsqlDbType.Uuid));
    }

    internal static NeedResponse Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetGuid(5),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetGuid(7),
        reader.GetFieldValue<string[]>(8),
        reader.GetFieldValue<string[]>(9),
        reader.IsDBNull(10) ? null : new NeedQuantity(reader.GetDecimal(10), reader.GetString(11)),
        reader.IsDBNull(12) ? null : reader.GetFieldValue<DateOnly>(12),
        reader.GetString(13),
        reader.GetString(14),
        reader.IsDBNull(15) ? null : reader.GetGuid(15),
        reader.IsDBNull(16) ? null : reader.GetString(16),
        reader.GetInt32(17),
        reader.GetFieldValue<DateTimeOffset>(18),
        reader.GetFieldValue<DateTimeOffset>(19));
}
