using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.ChallengeTracking.Domain;
using Platform.Contracts.Challenges;
using Platform.Messaging.Data;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Http;

namespace Platform.ChallengeTracking.Data;

public sealed record ExpenditureResponse(Guid Id, Guid EffortId, DateOnly Date, decimal AmountSek, string Category, string? Description, DateTimeOffset RecordedAt);

public sealed record EffortResponse(
    Guid Id,
    string Title,
    IReadOnlyList<Guid> ChallengeIds,
    Guid LeadActorId,
    IReadOnlyList<Participant> Participants,
    string Status,
    DateOnly StartDate,
    DateOnly EndDate,
    decimal BudgetSek,
    string? FundingAssignment,
    int ProgressPercent,
    string? ProgressNote,
    IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<ExpenditureResponse> Expenditures,
    decimal SpentSek,
    decimal RemainingSek,
    bool OverBudget,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record EffortQuery(Guid? ChallengeId, string? Status, string? FundingAssignment, Guid? LeadActorId);

public enum EffortOutcome
{
    Done,
    Invalid,
    NotFound,
    Stale,
    Closed,
}

public sealed record EffortWriteResult(EffortOutcome Outcome, EffortResponse? Effort = null, ExpenditureResponse? Expenditure = null);

/// <summary>
/// Efforts in <c>challengesdb</c> with their challenges, participants, expenditures and indicators; amounts are
/// <c>numeric(16,2)</c>, exact to the öre. Spending beyond the budget is recorded and flagged, not refused.
/// </summary>
public sealed class EffortStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        e.id, e.title,
        ARRAY(SELECT ec.challenge_id FROM effort_challenges ec WHERE ec.effort_id = e.id ORDER BY ec.challenge_id),
        e.lead_actor_id,
        (SELECT coalesce(json_agg(json_build_object('actorId', p.actor_id, 'role', p.role) ORDER BY p.role, p.actor_id), '[]') FROM effort_participants p WHERE p.effort_id = e.id)::text,
        e.status, e.start_date, e.end_date, e.budget_sek, e.funding_assignment, e.progress_percent, e.progress_note,
        (SELECT coalesce(json_agg(json_build_object('name', i.name, 'unit', i.unit, 'baseline', i.baseline, 'target', i.target, 'actual', i.actual) ORDER BY i.name), '[]') FROM indicators i WHERE i.effort_id = e.id)::text,
        (SELECT coalesce(json_agg(json_build_object('id', x.id, 'effortId', x.effort_id, 'date', x.date, 'amountSek', x.amount_sek, 'category', x.category, 'description', x.description, 'recordedAt', x.recorded_at) ORDER BY x.date, x.recorded_at), '[]') FROM expenditures x WHERE x.effort_id = e.id)::text,
        (SELECT coalesce(sum(x.amount_sek), 0) FROM expenditures x WHERE x.effort_id = e.id),
        e.version, e.created_at, e.updated_at
        """;

    private const string ListFilter = """
        WHERE ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM effort_challenges ec WHERE ec.effort_id = e.id AND ec.challenge_id = $1))
          AND ($2::text IS NULL OR e.status = $2)
          AND ($3::text IS NULL OR e.funding_assignment = $3)
          AND ($4::uuid IS NULL OR e.lead_actor_id = $4)
        """;

    public async Task<PagedResult<EffortResponse>> ListAsync(EffortQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var (items, total) = await Sql.PageAsync(
            dataSource, $"SELECT {Columns} FROM efforts e {ListFilter} ORDER BY e.start_date DESC, e.id LIMIT $5 OFFSET $6",
            $"SELECT count(*) FROM efforts e {ListFilter}", parameters => AddFilter(parameters, query), page.PageSize, page.Offset, Read, cancellationToken);
        return new PagedResult<EffortResponse>(items, total, page.Page, page.PageSize);
    }

    public async Task<EffortResponse?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    /// <summary>Launches an effort; unknown challenges and actors are added to <paramref name="errors"/> (422) and nothing is written.</summary>
    public async Task<EffortWriteResult> LaunchAsync(EffortData data, ValidationErrors errors, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var challenges = await ChallengeStore.ExistingAsync(connection, transaction, data.ChallengeIds, cancellationToken);
        if (data.ChallengeIds.Where(id => !challenges.Contains(id)).ToList() is { Count: > 0 } unknownChallenges)
        {
            errors.UnknownReferences["challengeIds"] = [$"Not known: {string.Join(", ", unknownChallenges)}."];
        }

        if (data.FundingAssignment is { } assignment && !await AssignmentKnownAsync(connection, transaction, assignment, cancellationToken))
        {
            errors.UnknownReferences["fundingAssignment"] = [
                $"Assignment {assignment} is not known. Register it first (POST /api/assignments); one registered a moment ago may not have arrived yet, so try again shortly."];
        }

        var actors = await ActorDirectory.ActorDirectory.FindAsync(connection, transaction, [data.LeadActorId, .. data.Participants.Select(p => p.ActorId)], cancellationToken);
        if (!(actors.GetValueOrDefault(data.LeadActorId)?.IsActive ?? false))
        {
            errors.UnknownReferences["leadActorId"] = [$"Actor {data.LeadActorId} is not a known, active actor."];
        }

        for (var i = 0; i < data.Participants.Count; i++)
        {
            if (!(actors.GetValueOrDefault(data.Participants[i].ActorId)?.IsActive ?? false))
            {
                errors.UnknownReferences[$"participants[{i}].actorId"] = [$"Actor {data.Participants[i].ActorId} is not a known, active actor."];
            }
        }

        if (errors.Any)
        {
            return new EffortWriteResult(EffortOutcome.Invalid);
        }

        var id = Guid.CreateVersion7();
        var now = timeProvider.GetUtcNow();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new("""
            INSERT INTO efforts (id, title, lead_actor_id, status, start_date, end_date, budget_sek, funding_assignment, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
            """)
        {
            Parameters =
            {
                Sql.Value(id), Sql.Value(data.Title), Sql.Value(data.LeadActorId), Sql.Value(data.Status), Sql.Value(data.StartDate), Sql.Value(data.EndDate),
                Sql.Value(data.BudgetSek), Sql.Nullable(data.FundingAssignment, NpgsqlDbType.Text), Sql.Value(now),
            },
        });
        batch.BatchCommands.Add(new("INSERT INTO effort_challenges (effort_id, challenge_id) SELECT $1, unnest($2::uuid[])")
        {
            Parameters = { Sql.Value(id), Sql.Value(data.ChallengeIds.ToArray()) },
        });
        batch.BatchCommands.Add(new("INSERT INTO effort_participants (effort_id, actor_id, role) SELECT $1, a, r FROM unnest($2::uuid[], $3::text[]) AS t (a, r)")
        {
            Parameters = { Sql.Value(id), Sql.Value(data.Participants.Select(p => p.ActorId).ToArray()), Sql.Value(data.Participants.Select(p => p.Role).ToArray()) },
        });
        batch.BatchCommands.Add(outbox.CreateBatchCommand(new EffortLaunched
        {
            EffortId = id, Title = data.Title, ChallengeIds = data.ChallengeIds, LeadActorId = data.LeadActorId, Status = data.Status,
            StartDate = data.StartDate, EndDate = data.EndDate, BudgetSek = data.BudgetSek, FundingAssignment = data.FundingAssignment,
            CorrelationId = correlationId, OccurredAt = now,
        }));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var effort = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return new EffortWriteResult(EffortOutcome.Done, effort);
    }

    /// <summary>Records an expenditure; the rules needing the effort's dates run here, under a lock on the effort.</summary>
    public async Task<EffortWriteResult> RecordExpenditureAsync(Guid effortId, ExpenditureRequest? request, ValidationErrors errors, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var effort = await LockAsync(transaction, effortId, cancellationToken);
        if (effort is null)
        {
            return new EffortWriteResult(EffortOutcome.NotFound);
        }

        var data = EffortRules.Validate(request, effort.StartDate, effort.EndDate, errors);
        if (data is null)
        {
            return new EffortWriteResult(EffortOutcome.Invalid);
        }

        if (effort.Status == EffortStatuses.Cancelled)
        {
            return new EffortWriteResult(EffortOutcome.Closed, effort);
        }

        var id = Guid.CreateVersion7();
        var now = timeProvider.GetUtcNow();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("INSERT INTO expenditures (id, effort_id, date, amount_sek, category, description, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                {
                    Parameters =
                    {
                        Sql.Value(id), Sql.Value(effortId), Sql.Value(data.Date), Sql.Value(data.AmountSek), Sql.Value(data.Category),
                        Sql.Nullable(data.Description, NpgsqlDbType.Text), Sql.Value(now),
                    },
                },
                new("UPDATE efforts SET version = version + 1, updated_at = $2 WHERE id = $1") { Parameters = { Sql.Value(effortId), Sql.Value(now) } },
                outbox.CreateBatchCommand(new ExpenditureRecorded
                {
                    ExpenditureId = id, EffortId = effortId, Date = data.Date, AmountSek = data.AmountSek, Category = data.Category, Description = data.Description,
                    FundingAssignment = effort.FundingAssignment, CorrelationId = correlationId, OccurredAt = now,
                }),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var updated = (await GetAsync(connection, transaction, effortId, cancellationToken))!;
        await outbox.CommitAsync(transaction, cancellationToken);
        return new EffortWriteResult(EffortOutcome.Done, updated, updated.Expenditures.Single(expenditure => expenditure.Id == id));
    }

    /// <summary>Reports progress (If-Match): percent, status, note and indicators; completion also publishes <see cref="EffortCompleted"/>.</summary>
    public async Task<EffortWriteResult> ReportProgressAsync(
        Guid effortId, int? expectedVersion, ProgressRequest? request, ValidationErrors errors, string? correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var effort = await LockAsync(transaction, effortId, cancellationToken);
        if (effort is null)
        {
            return new EffortWriteResult(EffortOutcome.NotFound);
        }

        var data = EffortRules.Validate(request, effort.Status, errors);
        if (data is null)
        {
            return new EffortWriteResult(EffortOutcome.Invalid);
        }

        if (expectedVersion is { } expected && effort.Version != expected)
        {
            return new EffortWriteResult(EffortOutcome.Stale, effort);
        }

        var status = data.Status ?? effort.Status;
        var now = timeProvider.GetUtcNow();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new("""
            UPDATE efforts SET progress_percent = $2, status = $3, progress_note = coalesce($4, progress_note), version = version + 1, updated_at = $5 WHERE id = $1
            """)
        {
            Parameters = { Sql.Value(effortId), Sql.Value(data.ProgressPercent), Sql.Value(status), Sql.Nullable(data.Note, NpgsqlDbType.Text), Sql.Value(now) },
        });
        if (data.Indicators.Count > 0)
        {
            batch.BatchCommands.Add(new("""
                INSERT INTO indicators (effort_id, name, unit, baseline, target, actual)
                SELECT $1, n, u, b, t, a FROM unnest($2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[]) AS x (n, u, b, t, a)
                ON CONFLICT (effort_id, name) DO UPDATE SET unit = excluded.unit, baseline = excluded.baseline, target = excluded.target, actual = excluded.actual
                """)
            {
                Parameters =
                {
                    Sql.Value(effortId), Sql.Value(data.Indicators.Select(i => i.Name).ToArray()), Sql.Value(data.Indicators.Select(i => i.Unit).ToArray()),
                    Sql.Value(data.Indicators.Select(i => i.Baseline).ToArray()), Sql.Value(data.Indicators.Select(i => i.Target).ToArray()),
                    new() { Value = data.Indicators.Select(i => (object?)i.Actual ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric },
                },
            });
        }

        batch.BatchCommands.Add(outbox.CreateBatchCommand(new EffortProgressReported
        {
            EffortId = effortId, ProgressPercent = data.ProgressPercent, Status = status, Note = data.Note, CorrelationId = correlationId, OccurredAt = now,
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
        return new EffortWriteResult(EffortOutcome.Done, updated);
    }

    private static async Task<EffortResponse?> LockAsync(NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM efforts WHERE id = $1 FOR UPDATE", transaction.Connection, transaction) { Parameters = { Sql.Value(id) } })
        {
            await lockRow.ExecuteNonQueryAsync(cancellationToken);
        }

        return await GetAsync(transaction.Connection!, transaction, id, cancellationToken);
    }

    private static async Task<EffortResponse?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"SELECT {Columns} FROM efforts e WHERE e.id = $1", connection, transaction) { Parameters = { Sql.Value(id) } };
        return await Sql.ReadSingleAsync(select, Read, cancellationToken);
    }

    private static void AddFilter(NpgsqlParameterCollection parameters, EffortQuery query)
    {
        parameters.Add(Sql.Nullable(query.ChallengeId, NpgsqlDbType.Uuid));
        parameters.Add(Sql.Nullable(query.Status, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.FundingAssignment, NpgsqlDbType.Text));
        parameters.Add(Sql.Nullable(query.LeadActorId, NpgsqlDbType.Uuid));
    }

    private static EffortResponse Read(NpgsqlDataReader reader)
    {
        var budget = reader.GetDecimal(8);
        var spent = reader.GetDecimal(14);
        return new EffortResponse(
            reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<Guid[]>(2), reader.GetGuid(3),
            JsonSerializer.Deserialize<List<Participant>>(reader.GetString(4), Json)!, reader.GetString(5),
            reader.GetFieldValue<DateOnly>(6), reader.GetFieldValue<DateOnly>(7), budget, reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.GetInt32(10), reader.IsDBNull(11) ? null : reader.GetString(11),
            JsonSerializer.Deserialize<List<Indicator>>(reader.GetString(12), Json)!,
            JsonSerializer.Deserialize<List<ExpenditureResponse>>(reader.GetString(13), Json)!,
            spent, budget - spent, spent > budget, reader.GetInt32(15), reader.GetFieldValue<DateTimeOffset>(16), reader.GetFieldValue<DateTimeOffset>(17));
    }

    private static async Task<bool> AssignmentKnownAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string reference, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT count(*) FROM assignments WHERE reference = $1", connection, transaction) { Parameters = { Sql.Value(reference) } };
        return (long)(await select.ExecuteScalarAsync(cancellationToken))! > 0;
    }
}
