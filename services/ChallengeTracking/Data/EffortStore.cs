using Platform.Messaging.Data;
using System.Data;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.ChallengeTracking.Domain;
using Platform.Client.Models;
using Platform.Contracts.Challenges;
using Platform.Messaging.Idempotency;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Http;
using EffortPage = Platform.Client.Models.PagedResult<Platform.Client.Models.Effort>;

namespace Platform.ChallengeTracking.Data;

public sealed record EffortQuery(Guid? ChallengeId, string? Status, string? FundingAssignment, Guid? LeadActorId);

/// <summary>An effort to launch, its fields checked; the store checks what it refers to.</summary>
public sealed record NewEffort(
    string Title, IReadOnlyList<Guid> ChallengeIds, Guid LeadActorId, IReadOnlyList<Participant> Participants, string Status,
    DateOnly StartDate, DateOnly EndDate, decimal BudgetSek, string? FundingAssignment);

/// <summary>An effort as a coordinator edits it, its fields checked; participants or indicators null stay as they are.</summary>
public sealed record EffortEdit(
    string Title, string? Description, Guid LeadActorId, IReadOnlyList<Participant>? Participants, DateOnly StartDate, DateOnly EndDate, decimal BudgetSek,
    IReadOnlyList<Indicator>? Indicators);

/// <summary>An expenditure to record, its fields checked; the store checks it against the effort's dates and status.</summary>
public sealed record NewExpenditure(DateOnly Date, decimal AmountSek, string Category, string? Description);

/// <summary>A progress report, its fields checked; the store checks the status change against the effort's status.</summary>
public sealed record ProgressReport(int ProgressPercent, string? Status, string? Note, IReadOnlyList<Indicator> Indicators);

/// <summary>A recorded expenditure and its effort as it is after it (spending, version).</summary>
public sealed record RecordedExpenditure(Expenditure Expenditure, Effort Effort);

/// <summary>
/// Efforts in <c>challengesdb</c> with their challenges, participants, expenditures and indicators; amounts are
/// <c>numeric(16,2)</c>, exact to the öre. Spending beyond the budget is recorded and flagged, not refused.
/// </summary>
public sealed class EffortStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string EffortColumns = """
        e.id, e.title,
        ARRAY(SELECT ec.challenge_id FROM effort_challenges ec WHERE ec.effort_id = e.id ORDER BY ec.challenge_id) AS challenge_ids,
        e.lead_actor_id,
        (SELECT coalesce(json_agg(json_build_object('actorId', p.actor_id, 'role', p.role) ORDER BY p.role, p.actor_id), '[]') FROM effort_participants p WHERE p.effort_id = e.id)::text AS participants,
        e.status, e.start_date, e.end_date,
        (SELECT b.budget_sek FROM effort_budgets b WHERE b.effort_id = e.id ORDER BY b.id DESC LIMIT 1) AS budget_sek,
        e.funding_assignment, e.progress_percent, e.progress_note, e.description,
        (SELECT coalesce(json_agg(json_build_object('name', i.name, 'unit', i.unit, 'baseline', i.baseline, 'target', i.target, 'actual', i.actual) ORDER BY i.name), '[]') FROM indicators i WHERE i.effort_id = e.id)::text AS indicators,
        (SELECT coalesce(json_agg(json_build_object('id', x.id, 'effortId', x.effort_id, 'date', x.date, 'amountSek', x.amount_sek, 'category', x.category, 'description', x.description, 'recordedAt', x.recorded_at, 'reversesId', x.reverses_id, 'reason', x.reason) ORDER BY x.date, x.recorded_at), '[]') FROM expenditures x WHERE x.effort_id = e.id)::text AS expenditures,
        e.version, e.created_at, e.updated_at
        """;

    private const string ListFrom = """
        FROM efforts e
        WHERE (@challenge_id::uuid IS NULL OR EXISTS (SELECT 1 FROM effort_challenges ec WHERE ec.effort_id = e.id AND ec.challenge_id = @challenge_id))
          AND (@status::text IS NULL OR e.status = @status)
          AND (@funding_assignment::text IS NULL OR e.funding_assignment = @funding_assignment)
          AND (@lead_actor_id::uuid IS NULL OR e.lead_actor_id = @lead_actor_id)
        """;

    public Task<EffortPage> ListAsync(EffortQuery query, PageRequest page, CancellationToken cancellationToken) =>
        Sql.PageAsync(dataSource, EffortColumns, ListFrom, "e.start_date DESC, e.id", page, ReadEffort, cancellationToken,
            Sql.Nullable("challenge_id", query.ChallengeId, NpgsqlDbType.Uuid), Sql.Nullable("status", query.Status, NpgsqlDbType.Text),
            Sql.Nullable("funding_assignment", query.FundingAssignment, NpgsqlDbType.Text), Sql.Nullable("lead_actor_id", query.LeadActorId, NpgsqlDbType.Uuid));

    public async Task<Effort?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    /// <summary>Launches an effort; unknown challenges, actors or assignment are answered 422 and nothing is written.</summary>
    public async Task<WriteResult<Effort>> LaunchAsync(NewEffort effort, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var errors = new ValidationErrors();
        var challenges = await ChallengeStore.ExistingAsync(connection, transaction, effort.ChallengeIds, cancellationToken);
        if (effort.ChallengeIds.Where(id => !challenges.Contains(id)).ToList() is { Count: > 0 } unknownChallenges)
        {
            errors.UnknownReferences["challengeIds"] = [$"Not known: {string.Join(", ", unknownChallenges)}."];
        }

        if (effort.FundingAssignment is { } assignment && !await AssignmentKnownAsync(transaction, assignment, cancellationToken))
        {
            errors.UnknownReferences["fundingAssignment"] = [
                $"Assignment {assignment} is not known. Register it first (POST /api/assignments); one registered a moment ago may not have arrived yet, so try again shortly."];
        }

        await CheckActorsAsync(transaction, effort.LeadActorId, effort.Participants, errors, cancellationToken);

        if (errors.Any)
        {
            return WriteResult.Invalid<Effort>(errors);
        }

        var id = Guid.CreateVersion7();
        var now = timeProvider.GetUtcNow();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO efforts (id, title, lead_actor_id, status, start_date, end_date, funding_assignment, created_at, updated_at)
                    VALUES (@id, @title, @lead_actor_id, @status, @start_date, @end_date, @funding_assignment, @now, @now)
                    """)
                {
                    Parameters =
                    {
                        new("id", id), new("title", effort.Title), new("lead_actor_id", effort.LeadActorId), new("status", effort.Status),
                        new("start_date", effort.StartDate), new("end_date", effort.EndDate),
                        Sql.Nullable("funding_assignment", effort.FundingAssignment, NpgsqlDbType.Text), new("now", now),
                    },
                },
                BudgetInsert(id, effort.BudgetSek, now),
                new("INSERT INTO effort_challenges (effort_id, challenge_id) SELECT @id, unnest(@challenge_ids::uuid[])")
                {
                    Parameters = { new("id", id), new("challenge_ids", effort.ChallengeIds.ToArray()) },
                },
                ParticipantsInsert(id, effort.Participants),
                outbox.CreateBatchCommand(new EffortLaunched
                {
                    EffortId = id, Title = effort.Title, ChallengeIds = effort.ChallengeIds, LeadActorId = effort.LeadActorId, Status = effort.Status,
                    StartDate = effort.StartDate, EndDate = effort.EndDate, BudgetSek = effort.BudgetSek, FundingAssignment = effort.FundingAssignment,
                    CorrelationId = correlationId, OccurredAt = now,
                }),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var launched = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Created(launched);
    }

    /// <summary>
    /// Records an expenditure; the rules needing the effort's dates and status run here, under a lock on the effort. A
    /// key seen before answers with the first recording (or a 422 when it came with another request).
    /// </summary>
    public Task<WriteResult<RecordedExpenditure>> RecordExpenditureAsync(
        Guid effortId, NewExpenditure expenditure, IdempotencyKey? key, string? correlationId, CancellationToken cancellationToken) =>
        WriteMoneyAsync(effortId, key, cancellationToken, async (transaction, effort) =>
    {
        if (!EffortRules.IsWithinDates(expenditure.Date, effort.StartDate, effort.EndDate))
        {
            return WriteResult.Invalid<RecordedExpenditure>(new ValidationErrors { Malformed = { ["date"] = [EffortRules.OutsideDates(effort.StartDate, effort.EndDate)] } });
        }

        if (!EffortStatuses.TakesExpenditures(effort.Status))
        {
            return WriteResult.Conflict<RecordedExpenditure>("The effort is cancelled.", EffortRules.Cancelled(effortId));
        }

        return await InsertExpenditureAsync(transaction, effort, expenditure, null, null, key, correlationId, cancellationToken);
    });

    /// <summary>
    /// Reverses an expenditure of the effort, as <see cref="ExpenditureReversal"/> allows, under a lock on the effort: an
    /// entry of the opposite amount on the original's day, naming it and <paramref name="reason"/>.
    /// </summary>
    public Task<WriteResult<RecordedExpenditure>> ReverseExpenditureAsync(
        Guid effortId, Guid expenditureId, string reason, IdempotencyKey? key, string? correlationId, CancellationToken cancellationToken) =>
        WriteMoneyAsync(effortId, key, cancellationToken, async (transaction, effort) =>
    {
        var target = effort.Expenditures.FirstOrDefault(expenditure => expenditure.Id == expenditureId);
        Guid? targetEffort = null;
        if (target is null)
        {
            await using var owner = new NpgsqlCommand("SELECT effort_id FROM expenditures WHERE id = @id", transaction.Connection, transaction) { Parameters = { new("id", expenditureId) } };
            targetEffort = await owner.ExecuteScalarAsync(cancellationToken) as Guid?;
        }

        var reversal = effort.Expenditures.FirstOrDefault(expenditure => expenditure.ReversesId == expenditureId);
        if (ExpenditureReversal.Refusal<RecordedExpenditure>(effortId, target, expenditureId, targetEffort, reversal) is { } refusal)
        {
            return refusal;
        }

        return await InsertExpenditureAsync(
            transaction, effort, new NewExpenditure(target!.Date, -target.AmountSek, target.Category, target.Description), target.Id, reason, key, correlationId, cancellationToken);
    });

    /// <summary>
    /// One write of money on an effort: the key claimed (or the first answer replayed), the effort locked (404 when
    /// there is none), then <paramref name="write"/>, which commits when it succeeds.
    /// </summary>
    private async Task<WriteResult<RecordedExpenditure>> WriteMoneyAsync(
        Guid effortId, IdempotencyKey? key, CancellationToken cancellationToken, Func<NpgsqlTransaction, Effort, Task<WriteResult<RecordedExpenditure>>> write)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await IdempotencyKeys.ClaimOrReplayAsync<RecordedExpenditure>(transaction, key, timeProvider.GetUtcNow(), cancellationToken) is { } replay)
        {
            return replay;
        }

        return await LockAsync(transaction, effortId, cancellationToken) is { } effort ? await write(transaction, effort) : WriteResult.NotFound<RecordedExpenditure>();
    }

    /// <summary>Writes an expenditure (or a reversing entry), the effort's new version and the event; remembers the answer for the key; commits.</summary>
    private async Task<WriteResult<RecordedExpenditure>> InsertExpenditureAsync(
        NpgsqlTransaction transaction, Effort effort, NewExpenditure expenditure, Guid? reverses, string? reason, IdempotencyKey? key, string? correlationId,
        CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var now = timeProvider.GetUtcNow();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO expenditures (id, effort_id, date, amount_sek, category, description, recorded_at, reverses_id, reason)
                    VALUES (@id, @effort_id, @date, @amount_sek, @category, @description, @now, @reverses_id, @reason)
                    """)
                {
                    Parameters =
                    {
                        new("id", id), new("effort_id", effort.Id), new("date", expenditure.Date), new("amount_sek", expenditure.AmountSek), new("category", expenditure.Category),
                        Sql.Nullable("description", expenditure.Description, NpgsqlDbType.Text), new("now", now), Sql.Nullable("reverses_id", reverses, NpgsqlDbType.Uuid),
                        Sql.Nullable("reason", reason, NpgsqlDbType.Text),
                    },
                },
                new("UPDATE efforts SET version = version + 1, updated_at = @now WHERE id = @id") { Parameters = { new("id", effort.Id), new("now", now) } },
                outbox.CreateBatchCommand(new ExpenditureRecorded
                {
                    ExpenditureId = id, EffortId = effort.Id, Date = expenditure.Date, AmountSek = expenditure.AmountSek, Category = expenditure.Category,
                    Description = expenditure.Description, FundingAssignment = effort.FundingAssignment, ReversesExpenditureId = reverses, Reason = reason,
                    CorrelationId = correlationId, OccurredAt = now,
                }),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var updated = (await GetAsync(transaction.Connection!, transaction, effort.Id, cancellationToken))!;
        var recorded = new RecordedExpenditure(updated.Expenditures.Single(entry => entry.Id == id), updated);
        await IdempotencyKeys.RememberAsync(transaction, key, recorded, cancellationToken);

        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Created(recorded);
    }

    /// <summary>Reports progress (If-Match): percent, status, note and indicators; completion also publishes <see cref="EffortCompleted"/>.</summary>
    public async Task<WriteResult<Effort>> ReportProgressAsync(Guid effortId, int? expectedVersion, ProgressReport report, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var effort = await LockAsync(transaction, effortId, cancellationToken);
        if (effort is null)
        {
            return WriteResult.NotFound<Effort>();
        }

        if (report.Status is { } to && !EffortStatuses.CanMove(effort.Status, to))
        {
            return WriteResult.Invalid<Effort>(new ValidationErrors { Malformed = { ["status"] = [EffortRules.CannotMove(effort.Status, to)] } });
        }

        if (expectedVersion is { } expected && effort.Version != expected)
        {
            return WriteResult.Stale(effort);
        }

        var status = report.Status ?? effort.Status;
        var now = timeProvider.GetUtcNow();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new("""
            UPDATE efforts SET progress_percent = @progress_percent, status = @status, progress_note = coalesce(@note, progress_note), version = version + 1, updated_at = @now
            WHERE id = @id
            """)
        {
            Parameters =
            {
                new("id", effortId), new("progress_percent", report.ProgressPercent), new("status", status), Sql.Nullable("note", report.Note, NpgsqlDbType.Text),
                new("now", now),
            },
        });
        if (report.Indicators.Count > 0)
        {
            batch.BatchCommands.Add(IndicatorsUpsert(effortId, report.Indicators));
        }

        batch.BatchCommands.Add(outbox.CreateBatchCommand(new EffortProgressReported
        {
            EffortId = effortId, ProgressPercent = report.ProgressPercent, Status = status, Note = report.Note,
            Indicators = ToEvent(report.Indicators),
            CorrelationId = correlationId, OccurredAt = now,
        }));
        if (status == EffortStatuses.Completed && effort.Status != EffortStatuses.Completed)
        {
            batch.BatchCommands.Add(outbox.CreateBatchCommand(new EffortCompleted
            {
                EffortId = effortId, CompletedOn = DateOnly.FromDateTime(now.UtcDateTime), CorrelationId = correlationId, OccurredAt = now,
            }));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        var updated = (await GetAsync(connection, transaction, effortId, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Updated(updated);
    }

    /// <summary>
    /// Edits an effort (If-Match): its fields, participants and indicators as given, a new budget entry when the budget
    /// changes; the dates must keep its expenditures within them, and a new lead or participant must be a known, active
    /// actor. An edit that changes nothing writes nothing.
    /// </summary>
    public async Task<WriteResult<Effort>> EditAsync(Guid effortId, int? expectedVersion, EffortEdit edit, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var effort = await LockAsync(transaction, effortId, cancellationToken);
        if (effort is null)
        {
            return WriteResult.NotFound<Effort>();
        }

        if (expectedVersion is { } expected && effort.Version != expected)
        {
            return WriteResult.Stale(effort);
        }

        var participants = edit.Participants ?? effort.Participants;
        var indicators = edit.Indicators ?? effort.Indicators;
        var errors = new ValidationErrors();
        await CheckActorsAsync(
            transaction, edit.LeadActorId == effort.LeadActorId ? null : edit.LeadActorId,
            [.. participants.Select(p => effort.Participants.Any(known => known.ActorId == p.ActorId) ? null : p)], errors, cancellationToken);
        if (EffortRules.DatesRefusal([.. effort.Expenditures.Select(x => x.Date)], edit.StartDate, edit.EndDate) is var (field, message))
        {
            errors.Malformed[field] = [message];
        }

        if (errors.Any)
        {
            return WriteResult.Invalid<Effort>(errors);
        }

        var removed = effort.Indicators.Select(i => i.Name).Except(indicators.Select(i => i.Name)).ToList();
        if (edit.Title == effort.Title && edit.Description == effort.Description && edit.LeadActorId == effort.LeadActorId
            && participants.ToHashSet().SetEquals(effort.Participants) && edit.StartDate == effort.StartDate && edit.EndDate == effort.EndDate
            && edit.BudgetSek == effort.BudgetSek && indicators.ToHashSet().SetEquals(effort.Indicators))
        {
            return WriteResult.Updated(effort);
        }

        var now = timeProvider.GetUtcNow();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new("""
            UPDATE efforts SET title = @title, description = @description, lead_actor_id = @lead_actor_id, start_date = @start_date, end_date = @end_date,
                version = version + 1, updated_at = @now
            WHERE id = @id
            """)
        {
            Parameters =
            {
                new("id", effortId), new("title", edit.Title), Sql.Nullable("description", edit.Description, NpgsqlDbType.Text), new("lead_actor_id", edit.LeadActorId),
                new("start_date", edit.StartDate), new("end_date", edit.EndDate), new("now", now),
            },
        });
        if (edit.Participants is not null)
        {
            batch.BatchCommands.Add(new("DELETE FROM effort_participants WHERE effort_id = @id") { Parameters = { new("id", effortId) } });
            batch.BatchCommands.Add(ParticipantsInsert(effortId, participants));
        }

        if (edit.BudgetSek != effort.BudgetSek)
        {
            batch.BatchCommands.Add(BudgetInsert(effortId, edit.BudgetSek, now));
        }

        if (edit.Indicators is not null)
        {
            batch.BatchCommands.Add(new("DELETE FROM indicators WHERE effort_id = @id AND name = ANY (@names)") { Parameters = { new("id", effortId), new("names", removed.ToArray()) } });
            batch.BatchCommands.Add(IndicatorsUpsert(effortId, indicators));
        }

        batch.BatchCommands.Add(outbox.CreateBatchCommand(new EffortRevised
        {
            EffortId = effortId, Version = effort.Version + 1, Title = edit.Title, Description = edit.Description, LeadActorId = edit.LeadActorId,
            Participants = [.. participants.Select(p => new EffortParticipant(p.ActorId, p.Role))], StartDate = edit.StartDate, EndDate = edit.EndDate,
            BudgetSek = edit.BudgetSek, Indicators = ToEvent(indicators), RemovedIndicators = removed, CorrelationId = correlationId, OccurredAt = now,
        }));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var updated = (await GetAsync(connection, transaction, effortId, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return WriteResult.Updated(updated);
    }

    /// <summary>Remembers an assignment efforts may be funded by, as reporting announced it.</summary>
    public static Task AddAssignmentAsync(NpgsqlTransaction transaction, string reference, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("INSERT INTO assignments (reference) VALUES (@reference) ON CONFLICT DO NOTHING", cancellationToken, new NpgsqlParameter("reference", reference));

    /// <summary>
    /// Refuses (422, naming the field) a lead or participant that is not a known, active actor; a null lead or
    /// participant is one already on the effort, which is not checked again.
    /// </summary>
    private static async Task CheckActorsAsync(
        NpgsqlTransaction transaction, Guid? leadActorId, IReadOnlyList<Participant?> participants, ValidationErrors errors, CancellationToken cancellationToken)
    {
        Guid[] ids = [.. leadActorId is { } lead ? [lead] : Array.Empty<Guid>(), .. participants.OfType<Participant>().Select(p => p.ActorId)];
        if (ids.Length == 0)
        {
            return;
        }

        var actors = await ActorDirectory.ActorDirectory.FindAsync(transaction.Connection!, transaction, ids, cancellationToken);
        if (leadActorId is { } leadId && !(actors.GetValueOrDefault(leadId)?.IsActive ?? false))
        {
            errors.UnknownReferences["leadActorId"] = [$"Actor {leadId} is not a known, active actor."];
        }

        for (var i = 0; i < participants.Count; i++)
        {
            if (participants[i] is { } participant && !(actors.GetValueOrDefault(participant.ActorId)?.IsActive ?? false))
            {
                errors.UnknownReferences[$"participants[{i}].actorId"] = [$"Actor {participant.ActorId} is not a known, active actor."];
            }
        }
    }

    private static NpgsqlBatchCommand ParticipantsInsert(Guid effortId, IReadOnlyList<Participant> participants) =>
        new("INSERT INTO effort_participants (effort_id, actor_id, role) SELECT @id, a, r FROM unnest(@actor_ids::uuid[], @roles::text[]) AS t (a, r)")
        {
            Parameters =
            {
                new("id", effortId), new("actor_ids", participants.Select(p => p.ActorId).ToArray()), new("roles", participants.Select(p => p.Role).ToArray()),
            },
        };

    /// <summary>A new entry of the effort's budget: the budget from now on, the earlier ones kept.</summary>
    private static NpgsqlBatchCommand BudgetInsert(Guid effortId, decimal budgetSek, DateTimeOffset now) =>
        new("INSERT INTO effort_budgets (effort_id, budget_sek, set_at) VALUES (@id, @budget_sek, @now)")
        {
            Parameters = { new("id", effortId), new("budget_sek", budgetSek), new("now", now) },
        };

    /// <summary>Each indicator given replaces the effort's indicator of its name; the others stand.</summary>
    private static NpgsqlBatchCommand IndicatorsUpsert(Guid effortId, IReadOnlyList<Indicator> indicators) =>
        new("""
            INSERT INTO indicators (effort_id, name, unit, baseline, target, actual)
            SELECT @effort_id, n, u, b, t, a FROM unnest(@names::text[], @units::text[], @baselines::numeric[], @targets::numeric[], @actuals::numeric[]) AS x (n, u, b, t, a)
            ON CONFLICT (effort_id, name) DO UPDATE SET unit = excluded.unit, baseline = excluded.baseline, target = excluded.target, actual = excluded.actual
            """)
        {
            Parameters =
            {
                new("effort_id", effortId), new("names", indicators.Select(i => i.Name).ToArray()), new("units", indicators.Select(i => i.Unit).ToArray()),
                new("baselines", indicators.Select(i => i.Baseline).ToArray()), new("targets", indicators.Select(i => i.Target).ToArray()),
                new("actuals", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = indicators.Select(i => (object?)i.Actual ?? DBNull.Value).ToArray() },
            },
        };

    private static List<EffortIndicator> ToEvent(IReadOnlyList<Indicator> indicators) =>
        [.. indicators.Select(i => new EffortIndicator(i.Name, i.Unit, i.Baseline, i.Target, i.Actual))];

    private static async Task<Effort?> LockAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await transaction.ExecuteAsync("SELECT 1 FROM efforts WHERE id = @id FOR UPDATE", cancellationToken, new NpgsqlParameter("id", id));
        return await GetAsync(transaction.Connection!, transaction, id, cancellationToken);
    }

    private static async Task<Effort?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"SELECT {EffortColumns} FROM efforts e WHERE e.id = @id", connection, transaction) { Parameters = { new("id", id) } };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadEffort(reader) : null;
    }

    private static Effort ReadEffort(NpgsqlDataReader row)
    {
        var expenditures = JsonSerializer.Deserialize<List<Expenditure>>(row.GetString("expenditures"), Json)!;
        var budget = EffortBudget.Of(row.GetDecimal("budget_sek"), expenditures.Select(expenditure => expenditure.AmountSek));
        return new Effort(
            row.GetGuid("id"), row.GetString("title"), row.GetFieldValue<Guid[]>("challenge_ids"), row.GetGuid("lead_actor_id"),
            JsonSerializer.Deserialize<List<Participant>>(row.GetString("participants"), Json)!, row.GetString("status"),
            row.GetFieldValue<DateOnly>("start_date"), row.GetFieldValue<DateOnly>("end_date"), budget.BudgetSek,
            row.IsDBNull("funding_assignment") ? null : row.GetString("funding_assignment"), row.GetInt32("progress_percent"),
            row.IsDBNull("progress_note") ? null : row.GetString("progress_note"), JsonSerializer.Deserialize<List<Indicator>>(row.GetString("indicators"), Json)!,
            expenditures, budget.SpentSek, budget.RemainingSek, budget.OverBudget,
            row.GetInt32("version"), row.GetFieldValue<DateTimeOffset>("created_at"), row.GetFieldValue<DateTimeOffset>("updated_at"),
            row.IsDBNull("description") ? null : row.GetString("description"));
    }

    internal static async Task<bool> AssignmentKnownAsync(NpgsqlTransaction transaction, string reference, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM assignments WHERE reference = @reference)", transaction.Connection, transaction)
        {
            Parameters = { new("reference", reference) },
        };
        return (bool)(await select.ExecuteScalarAsync(cancellationToken))!;
    }
}
