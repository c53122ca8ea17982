using System.Data;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Platform.Client.Models;
using Platform.Contracts;
using Platform.Contracts.Needs;
using Platform.Messaging.Data;
using Platform.Messaging.Idempotency;
using Platform.Messaging.Outbox;
using Platform.NeedsIntake.Domain;
using Platform.NeedsIntake.Import;
using Platform.ServiceDefaults.Http;
using NeedHistoryPage = Platform.Client.Models.PagedResult<Platform.Client.Models.NeedHistoryEntry>;
using NeedPage = Platform.Client.Models.PagedResult<Platform.Client.Models.Need>;
using Quantity = Platform.Client.Models.Quantity;

namespace Platform.NeedsIntake.Data;

/// <summary>Who reads: coordinators and agencies see every need; others see company needs only when they submitted them.</summary>
public sealed record Viewer(bool SeesAll, Guid? ActorId);

/// <param name="AwaitingTriage">True: only open needs no coordinator has triaged yet (the triage queue).</param>
public sealed record NeedQuery(
    string? Text, string? Theme, string? Status, string? MunicipalityCode, string? CountyCode, Guid? SubmittedBy, Guid? ChallengeId, bool AwaitingTriage = false);

/// <summary>
/// Needs in <c>needsdb</c>; every change is written with its history entry and its event in the same transaction. A
/// status change is what <see cref="NeedStatusRules"/> decide: the store asks them, then writes.
/// </summary>
public sealed class NeedStore(NpgsqlDataSource dataSource, Outbox outbox, NeedsMetrics metrics, TimeProvider timeProvider, SimilarNeedsFinder similar, ReferenceAllocator references)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly JsonSerializerOptions HistoryJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    internal const string Columns = """
        id, reference, title, description, theme, submitted_by_actor_id, submitter_kind, establishment_id, municipality_codes,
        county_codes, quantity_value, quantity_unit, needed_by, identified_on, urgency, status, challenge_id, decision_reason, version, created_at, updated_at
        """;

    /// <summary><see cref="NeedRules.IsConfidential"/> as a filter, over the parameters of <see cref="AddViewerParameters"/>.</summary>
    internal const string VisibleTo = "(@seesAll OR submitter_kind <> 'company' OR submitted_by_actor_id = @viewerId)";

    private const string ListFilter = $"""
        WHERE {VisibleTo}
          AND (@text::text IS NULL OR search @@ websearch_to_tsquery('swedish', @text) OR reference = upper(btrim(@text)))
          AND (@theme::text IS NULL OR theme = @theme)
          AND (@status::text IS NULL OR status = @status)
          AND (@municipality::text IS NULL OR @municipality = ANY (municipality_codes))
          AND (@county::text IS NULL OR @county = ANY (county_codes))
          AND (@submittedBy::uuid IS NULL OR submitted_by_actor_id = @submittedBy)
          AND (@challengeId::uuid IS NULL OR challenge_id = @challengeId)
          AND (NOT @awaitingTriage OR (triaged_at IS NULL AND status IN ('submitted', 'linked')))
        """;

    private const string InsertSql = """
        INSERT INTO needs (id, reference, title, description, theme, submitted_by_actor_id, submitter_kind, establishment_id,
            municipality_codes, county_codes, quantity_value, quantity_unit, needed_by, identified_on, urgency, status, created_at, updated_at)
        VALUES (@id, @reference, @title, @description, @theme, @submittedByActorId, @submitterKind, @establishmentId,
            @municipalityCodes, @countyCodes, @quantityValue, @quantityUnit, @neededBy, @identifiedOn, @urgency, @status, @now, @now)
        """;

    private const string HistorySql = "INSERT INTO need_history (need_id, at, by_caller, action, changes) VALUES (@needId, @at, @byCaller, @action, @changes)";

    /// <summary>Rows of an import go to the database in batches of this many needs (each need, its history and its event).</summary>
    private const int InsertBatchSize = 250;

    /// <summary>Challenge tracking, as the author of the changes its events make.</summary>
    private const string ChallengeTracking = "challenge-tracking";

    public async Task<NeedPage> ListAsync(NeedQuery query, Viewer viewer, PageRequest page, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var select = new NpgsqlBatchCommand($"SELECT {Columns} FROM needs {ListFilter} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset");
        AddFilterParameters(select.Parameters, query, viewer);
        select.Parameters.Add(new("limit", page.PageSize));
        select.Parameters.Add(new("offset", page.Offset));
        var count = new NpgsqlBatchCommand($"SELECT count(*) AS total FROM needs {ListFilter}");
        AddFilterParameters(count.Parameters, query, viewer);
        batch.BatchCommands.Add(select);
        batch.BatchCommands.Add(count);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadPageAsync(reader, ReadNeed, page, cancellationToken);
    }

    /// <summary>The need when <paramref name="viewer"/> may see it; a hidden need is as absent as a missing one.</summary>
    public async Task<Need?> GetAsync(Guid id, Viewer viewer, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM needs WHERE {VisibleTo} AND id = @id");
        AddViewerParameters(command.Parameters, viewer);
        command.Parameters.Add(new("id", id));
        return await Sql.ReadSingleAsync(command, ReadNeed, cancellationToken);
    }

    /// <summary>A page of the need's history, oldest first; null when <paramref name="viewer"/> may not see the need.</summary>
    public async Task<NeedHistoryPage?> HistoryAsync(Guid id, Viewer viewer, PageRequest page, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var visible = new NpgsqlBatchCommand($"SELECT EXISTS (SELECT FROM needs WHERE {VisibleTo} AND id = @id) AS visible");
        AddViewerParameters(visible.Parameters, viewer);
        visible.Parameters.Add(new("id", id));
        var select = new NpgsqlBatchCommand("""
            SELECT at, by_caller, action, changes::text AS changes FROM need_history WHERE need_id = @id ORDER BY id LIMIT @limit OFFSET @offset
            """)
        {
            Parameters = { new("id", id), new("limit", page.PageSize), new("offset", page.Offset) },
        };
        var count = new NpgsqlBatchCommand("SELECT count(*) AS total FROM need_history WHERE need_id = @id") { Parameters = { new("id", id) } };
        batch.BatchCommands.Add(visible);
        batch.BatchCommands.Add(select);
        batch.BatchCommands.Add(count);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.GetBoolean("visible"))
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        return await ReadPageAsync(reader, ReadHistoryEntry, page, cancellationToken);
    }

    /// <summary>
    /// Stores a validated submission: the submitter and establishment are checked against the replica inside the
    /// transaction (422 when unknown), the need, its history, its event and the idempotency record commit together,
    /// and similar open needs visible to <paramref name="viewer"/> come back with it. A key seen before answers with
    /// the first submission, or with a 422 naming the key when it came with another request.
    /// </summary>
    public async Task<WriteResult<Need>> SubmitAsync(
        NeedData data, IdempotencyKey? idempotencyKey, Viewer viewer, string caller, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Before the submission's transaction: the lookup only reads, and inside it would hold the claimed key and the row's locks.
        var similarNeeds = await similar.FindAsync(connection, data.Title, data.Description, viewer, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = Now();
        if (await IdempotencyKeys.ClaimOrReplayAsync<Need>(transaction, idempotencyKey, now, cancellationToken) is { } replay)
        {
            return replay;
        }

        var actors = await ActorDirectory.ActorDirectory.FindAsync(connection, transaction, [data.SubmittedByActorId], cancellationToken);
        var establishments = data.EstablishmentId is { } establishmentId
            ? await EstablishmentReplica.FindEstablishmentsAsync(connection, transaction, [establishmentId], cancellationToken)
            : [];
        var errors = new ValidationErrors();
        var submitterKind = EstablishmentReplica.CheckSubmitter(actors.GetValueOrDefault(data.SubmittedByActorId), data.SubmittedByActorId, data.EstablishmentId, establishments, errors, static name => name);
        if (submitterKind is null || errors.Any)
        {
            return WriteResult.Invalid<Need>(errors);
        }

        var need = (await InsertAsync(transaction, [(data, submitterKind)], caller, correlationId, now, "api", cancellationToken))[0];
        need = need with { SimilarNeeds = similarNeeds };

        await IdempotencyKeys.RememberAsync(transaction, idempotencyKey, need, cancellationToken);

        await outbox.CommitAsync(transaction, cancellationToken);
        metrics.Submitted(need.Theme, "api");
        return WriteResult.Created(need);
    }

    /// <summary>
    /// Stores every row of an import in one transaction, or none. <paramref name="rows"/> passed the field rules
    /// (<paramref name="rowErrors"/> are those of the rows that did not); here each submitter and establishment is
    /// checked against the replica too, so the answer lists every bad row, and any error stores nothing.
    /// </summary>
    public async Task<(IReadOnlyList<Need> Needs, IReadOnlyList<ImportRowError> Errors)> ImportAsync(
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

        var needs = await InsertAsync(transaction, [.. rows.Select((row, index) => (row.Data, kinds[index]))], caller, correlationId, Now(), "import", cancellationToken);
        await outbox.CommitAsync(transaction, cancellationToken);
        foreach (var need in needs)
        {
            metrics.Submitted(need.Theme, "import");
        }

        return (needs, []);
    }

    /// <summary>Accepts or rejects the need, as <see cref="NeedStatusRules.Triage"/> allows, with <see cref="NeedTriaged"/>.</summary>
    public async Task<WriteResult<Need>> TriageAsync(
        Guid id, int? expectedVersion, TriageChange change, Requester by, string caller, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(transaction, id, cancellationToken);
        var decision = NeedStatusRules.Triage(StateOf(current), by, expectedVersion, change.Decision);
        if (decision.To is not { } status || current is null)
        {
            return Unwritten(decision, current);
        }

        var theme = change.Theme ?? current.Theme;
        var previousTheme = theme == current.Theme ? null : current.Theme;
        var now = Now();
        var need = current with { Status = status, Theme = theme, DecisionReason = change.Reason, Version = current.Version + 1, UpdatedAt = now };
        await WriteChangeAsync(transaction, new NpgsqlBatchCommand("""
            UPDATE needs SET status = @status, theme = @theme, decision_reason = @reason, triaged_at = @now, version = version + 1, updated_at = @now
            WHERE id = @id
            """)
        {
            Parameters = { new("id", id), new("status", status), new("theme", theme), Sql.Nullable("reason", change.Reason, NpgsqlDbType.Text), new("now", now) },
        }, HistoryCommand(id, caller, "triaged", now, new
        {
            decision = change.Decision,
            status = new { from = current.Status, to = status },
            theme = previousTheme is null ? null : new { from = previousTheme, to = theme },
            reason = change.Reason,
        }), new NeedTriaged
        {
            NeedId = id,
            Decision = change.Decision,
            Status = status,
            Theme = theme,
            PreviousTheme = previousTheme,
            Reason = change.Reason,
            TriagedBy = caller,
            CorrelationId = correlationId,
            OccurredAt = now,
        }, cancellationToken);
        return WriteResult.Updated(need);
    }

    /// <summary>Withdraws the need, as <see cref="NeedStatusRules.Withdraw"/> allows, with <see cref="NeedWithdrawn"/>; a reason replaces the last one.</summary>
    public async Task<WriteResult<Need>> WithdrawAsync(
        Guid id, int? expectedVersion, Requester by, string? reason, string caller, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(transaction, id, cancellationToken);
        var decision = NeedStatusRules.Withdraw(StateOf(current), by, expectedVersion);
        if (decision.To is not { } status || current is null)
        {
            return Unwritten(decision, current);
        }

        var now = Now();
        var need = current with { Status = status, DecisionReason = reason ?? current.DecisionReason, Version = current.Version + 1, UpdatedAt = now };
        await WriteChangeAsync(transaction, new NpgsqlBatchCommand("""
            UPDATE needs SET status = @status, decision_reason = coalesce(@reason, decision_reason), version = version + 1, updated_at = @now WHERE id = @id
            """)
        {
            Parameters = { new("id", id), new("status", status), Sql.Nullable("reason", reason, NpgsqlDbType.Text), new("now", now) },
        }, HistoryCommand(id, caller, "withdrawn", now, new { status = new { from = current.Status, to = status }, reason }),
            new NeedWithdrawn { NeedId = id, Reason = reason, CorrelationId = correlationId, OccurredAt = now }, cancellationToken);
        return WriteResult.Updated(need);
    }

    /// <summary>
    /// Applies a link made by challenge tracking, as <see cref="NeedStatusRules.Link"/> decides, in the consumer's
    /// transaction. Returns false when the need is unknown here.
    /// </summary>
    public async Task<bool> LinkAsync(NpgsqlTransaction transaction, Guid needId, Guid challengeId, DateTimeOffset linkedAt, CancellationToken cancellationToken)
    {
        string previousStatus;
        Guid? previousChallengeId;
        DateTimeOffset? lastLinkedAt;
        await using (var select = new NpgsqlCommand("SELECT status, challenge_id, challenge_linked_at FROM needs WHERE id = @id FOR UPDATE", transaction.Connection, transaction))
        {
            select.Parameters.Add(new("id", needId));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            previousStatus = reader.GetString("status");
            previousChallengeId = reader.IsDBNull("challenge_id") ? null : reader.GetGuid("challenge_id");
            lastLinkedAt = reader.IsDBNull("challenge_linked_at") ? null : reader.GetFieldValue<DateTimeOffset>("challenge_linked_at");
        }

        if (NeedStatusRules.Link(previousStatus, lastLinkedAt, linkedAt) is not { } status)
        {
            return true;
        }

        var now = Now();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    UPDATE needs SET challenge_id = @challengeId, challenge_linked_at = @linkedAt, status = @status, version = version + 1, updated_at = @now
                    WHERE id = @id
                    """)
                {
                    Parameters = { new("id", needId), new("challengeId", challengeId), new("linkedAt", linkedAt), new("status", status), new("now", now) },
                },
                HistoryCommand(needId, ChallengeTracking, "linked", now, new
                {
                    challengeId = new { from = previousChallengeId, to = challengeId },
                    status = status == previousStatus ? null : new { from = previousStatus, to = status },
                }),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <summary>Resolves the needs of a resolved challenge that are still open (<see cref="NeedStatusRules.ResolvedFrom"/>), each with its <see cref="NeedResolved"/>.</summary>
    public async Task<int> ResolveChallengeAsync(NpgsqlTransaction transaction, Guid challengeId, string? correlationId, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var update = new NpgsqlCommand("""
            UPDATE needs n SET status = @resolved, version = n.version + 1, updated_at = @now
            FROM (SELECT id, status FROM needs WHERE challenge_id = @challengeId AND status = ANY (@resolvable) FOR UPDATE) previous
            WHERE n.id = previous.id
            RETURNING n.id, previous.status AS previous_status
            """, transaction.Connection, transaction)
        {
            Parameters =
            {
                new("challengeId", challengeId), new("now", now), new("resolved", NeedStatuses.Resolved), new("resolvable", NeedStatusRules.ResolvedFrom.ToArray()),
            },
        };
        var resolved = new List<(Guid Id, string PreviousStatus)>();
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                resolved.Add((reader.GetGuid("id"), reader.GetString("previous_status")));
            }
        }

        if (resolved.Count == 0)
        {
            return 0;
        }

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var (id, previousStatus) in resolved)
        {
            batch.BatchCommands.Add(HistoryCommand(id, ChallengeTracking, "resolved", now, new { status = new { from = previousStatus, to = NeedStatuses.Resolved }, challengeId }));
            batch.BatchCommands.Add(outbox.CreateBatchCommand(new NeedResolved { NeedId = id, ChallengeId = challengeId, CorrelationId = correlationId, OccurredAt = now }));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return resolved.Count;
    }

    /// <summary>
    /// Moves the needs of a merged challenge to the challenge it was merged into, unless a link made after the merge
    /// moved them already.
    /// </summary>
    public async Task<int> MergeChallengesAsync(NpgsqlTransaction transaction, Guid mergedChallengeId, Guid targetChallengeId, IReadOnlyList<Guid> movedNeedIds, DateTimeOffset mergedAt, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var update = new NpgsqlCommand("""
            UPDATE needs SET challenge_id = @target, challenge_linked_at = @mergedAt, version = version + 1, updated_at = @now
            WHERE (challenge_id = @merged OR id = ANY (@moved)) AND challenge_id IS DISTINCT FROM @target
              AND (challenge_linked_at IS NULL OR challenge_linked_at <= @mergedAt)
            RETURNING id
            """, transaction.Connection, transaction)
        {
            Parameters =
            {
                new("merged", mergedChallengeId), new("target", targetChallengeId), new("mergedAt", mergedAt), new("now", now), new("moved", movedNeedIds.ToArray()),
            },
        };
        var moved = new List<Guid>();
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                moved.Add(reader.GetGuid("id"));
            }
        }

        if (moved.Count == 0)
        {
            return 0;
        }

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var id in moved)
        {
            batch.BatchCommands.Add(HistoryCommand(id, ChallengeTracking, "merged", now, new { challengeId = new { from = mergedChallengeId, to = targetChallengeId } }));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return moved.Count;
    }

    /// <summary>
    /// Inserts the needs with their first history entry and <see cref="NeedSubmitted"/>, a batch of statements per
    /// <see cref="InsertBatchSize"/> needs; the references come from the allocator, so nothing needs to be read back.
    /// </summary>
    private async Task<IReadOnlyList<Need>> InsertAsync(
        NpgsqlTransaction transaction, IReadOnlyList<(NeedData Data, string SubmitterKind)> rows, string caller, string? correlationId, DateTimeOffset now, string source,
        CancellationToken cancellationToken)
    {
        var numbers = await references.NextAsync(transaction, rows.Count, cancellationToken);
        var needs = new List<Need>(rows.Count);
        foreach (var chunk in rows.Index().Chunk(InsertBatchSize))
        {
            await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
            foreach (var (index, (data, submitterKind)) in chunk)
            {
                var need = new Need(
                    Guid.CreateVersion7(now), ReferenceAllocator.Format(now.UtcDateTime.Year, numbers[index]), data.Title, data.Description, data.Theme,
                    data.SubmittedByActorId, submitterKind, data.EstablishmentId, data.MunicipalityCodes, data.CountyCodes, data.Quantity, data.NeededBy,
                    data.IdentifiedOn ?? DateOnly.FromDateTime(now.UtcDateTime), data.Urgency, NeedStatuses.Submitted, ChallengeId: null, DecisionReason: null, Version: 1, now, now, SimilarNeeds: null);
                needs.Add(need);
                batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertSql)
                {
                    Parameters =
                    {
                        new("id", need.Id), new("reference", need.Reference), new("title", need.Title), new("description", need.Description), new("theme", need.Theme),
                        new("submittedByActorId", need.SubmittedByActorId), new("submitterKind", need.SubmitterKind),
                        Sql.Nullable("establishmentId", need.EstablishmentId, NpgsqlDbType.Uuid),
                        new("municipalityCodes", need.MunicipalityCodes.ToArray()), new("countyCodes", need.CountyCodes.ToArray()),
                        Sql.Nullable("quantityValue", need.Quantity?.Value, NpgsqlDbType.Numeric), Sql.Nullable("quantityUnit", need.Quantity?.Unit, NpgsqlDbType.Text),
                        Sql.Nullable("neededBy", need.NeededBy, NpgsqlDbType.Date), new("identifiedOn", need.IdentifiedOn), new("urgency", need.Urgency), new("status", need.Status), new("now", now),
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
                    Quantity = need.Quantity is { } quantity ? new Contracts.Needs.Quantity(quantity.Value, quantity.Unit) : null,
                    NeededBy = need.NeededBy,
                    IdentifiedOn = need.IdentifiedOn,
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

    private DateTimeOffset Now() => Sql.Now(timeProvider);

    private static async Task<Need?> LockAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"SELECT {Columns} FROM needs WHERE id = @id FOR UPDATE", transaction.Connection, transaction)
        {
            Parameters = { new("id", id) },
        };
        return await Sql.ReadSingleAsync(select, ReadNeed, cancellationToken);
    }

    /// <summary>Writes a change of a locked need, its history entry and its event in one round trip, and commits.</summary>
    private async Task WriteChangeAsync(
        NpgsqlTransaction transaction, NpgsqlBatchCommand update, NpgsqlBatchCommand history, IIntegrationEvent @event, CancellationToken cancellationToken)
    {
        await using (var batch = new NpgsqlBatch(transaction.Connection, transaction) { BatchCommands = { update, history, outbox.CreateBatchCommand(@event) } })
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await outbox.CommitAsync(transaction, cancellationToken);
    }

    private static NeedState? StateOf(Need? need) =>
        need is null ? null : new NeedState(need.Id, need.Status, need.SubmittedByActorId, need.SubmitterKind, need.ChallengeId, need.Version);

    /// <summary>The answer to a change the status rules let write nothing: their refusal, or the need as it is. A hidden need is not answered with.</summary>
    private static WriteResult<Need> Unwritten(StatusDecision decision, Need? current) =>
        new(decision.Outcome, decision.Outcome == WriteStatus.NotFound ? null : current)
        {
            Title = decision.Title,
            Detail = decision.Detail,
            Extensions = decision.Extensions,
        };

    private static NpgsqlBatchCommand HistoryCommand(Guid needId, string caller, string action, DateTimeOffset at, object changes) => new(HistorySql)
    {
        Parameters =
        {
            new("needId", needId), new("at", at), new("byCaller", caller), new("action", action),
            new("changes", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(changes, HistoryJson) },
        },
    };

    /// <summary>A parameter of <paramref name="type"/> that is NULL when <paramref name="value"/> is null.</summary>

    /// <summary>The parameters of <see cref="VisibleTo"/>.</summary>
    internal static void AddViewerParameters(NpgsqlParameterCollection parameters, Viewer viewer)
    {
        parameters.Add(new("seesAll", viewer.SeesAll));
        parameters.Add(Sql.Nullable("viewerId", viewer.ActorId, NpgsqlDbType.Uuid));
    }

    private static void AddFilterParameters(NpgsqlParameterCollection parameters, NeedQuery query, Viewer viewer)
    {
        AddViewerParameters(parameters, viewer);
        parameters.Add(Sql.Nullable("text", query.Text, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable("theme", query.Theme, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable("status", query.Status, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable("municipality", query.MunicipalityCode, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable("county", query.CountyCode, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable("submittedBy", query.SubmittedBy, NpgsqlDbType.Uuid));
        parameters.Add(Sql.Nullable("challengeId", query.ChallengeId, NpgsqlDbType.Uuid));
        parameters.Add(new("awaitingTriage", query.AwaitingTriage));
    }

    /// <summary>The rows of the reader's current result, then the <c>total</c> of its next one.</summary>
    private static async Task<Platform.Client.Models.PagedResult<T>> ReadPageAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, PageRequest page, CancellationToken cancellationToken)
    {
        var items = new List<T>(page.PageSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Platform.Client.Models.PagedResult<T>(items, reader.GetInt64("total"), page.Page, page.PageSize);
    }

    private static NeedHistoryEntry ReadHistoryEntry(NpgsqlDataReader row) => new(
        row.GetFieldValue<DateTimeOffset>("at"), row.GetString("by_caller"), row.GetString("action"), JsonSerializer.Deserialize<JsonElement>(row.GetString("changes")));

    /// <summary>A row of <see cref="Columns"/>.</summary>
    private static Need ReadNeed(NpgsqlDataReader row) => new(
        row.GetGuid("id"),
        row.GetString("reference"),
        row.GetString("title"),
        row.GetString("description"),
        row.GetString("theme"),
        row.GetGuid("submitted_by_actor_id"),
        row.GetString("submitter_kind"),
        row.IsDBNull("establishment_id") ? null : row.GetGuid("establishment_id"),
        row.GetFieldValue<string[]>("municipality_codes"),
        row.GetFieldValue<string[]>("county_codes"),
        row.IsDBNull("quantity_value") ? null : new Quantity(row.GetDecimal("quantity_value"), row.GetString("quantity_unit")),
        row.IsDBNull("needed_by") ? null : row.GetFieldValue<DateOnly>("needed_by"),
        row.GetFieldValue<DateOnly>("identified_on"),
        row.GetString("urgency"),
        row.GetString("status"),
        row.IsDBNull("challenge_id") ? null : row.GetGuid("challenge_id"),
        row.IsDBNull("decision_reason") ? null : row.GetString("decision_reason"),
        row.GetInt32("version"),
        row.GetFieldValue<DateTimeOffset>("created_at"),
        row.GetFieldValue<DateTimeOffset>("updated_at"),
        SimilarNeeds: null);
}
