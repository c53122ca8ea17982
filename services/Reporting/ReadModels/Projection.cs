using System.Collections.Frozen;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;
using Platform.Contracts.Reporting;
using Platform.Messaging.Data;

namespace Platform.Reporting.ReadModels;

/// <summary>
/// Turns an event into the writes that apply it to the read models, as commands of one batch. Every write is
/// idempotent and commutes with the others: a field group is a register that keeps the value of the newest event
/// (by <c>OccurredAt</c>, then by value on a tie), so duplicates and any arrival order give the same read models,
/// and a rebuild from the event log gives what consumption gave.
/// </summary>
public static class Projection
{
    private static readonly FrozenDictionary<Type, Func<IIntegrationEvent, IEnumerable<NpgsqlBatchCommand>>> Handlers =
        new Dictionary<Type, Func<IIntegrationEvent, IEnumerable<NpgsqlBatchCommand>>>
        {
            [typeof(ActorRegistered)] = e => [ActorDirectory.ActorDirectory.Command((ActorRegistered)e)],
            [typeof(ActorUpdated)] = e => [ActorDirectory.ActorDirectory.Command((ActorUpdated)e)],
            [typeof(ActorDeactivated)] = e => [ActorDirectory.ActorDirectory.Command((ActorDeactivated)e)],
            [typeof(ActorReactivated)] = e => [ActorDirectory.ActorDirectory.Command((ActorReactivated)e)],
            [typeof(EstablishmentRegistered)] = e => Establishment((EstablishmentRegistered)e),
            [typeof(EstablishmentUpdated)] = e => Establishment((EstablishmentUpdated)e),
            [typeof(ForumCreated)] = e => Forum((ForumCreated)e),
            [typeof(ForumUpdated)] = e => Forum((ForumUpdated)e),
            [typeof(ForumMemberAdded)] = e => ForumMember((ForumMemberAdded)e),
            [typeof(ForumMemberRoleChanged)] = e => ForumMember(((ForumMemberRoleChanged)e).ForumId, ((ForumMemberRoleChanged)e).ActorId, ((ForumMemberRoleChanged)e).Role, false, e.OccurredAt),
            [typeof(ForumMemberRemoved)] = e => ForumMember(((ForumMemberRemoved)e).ForumId, ((ForumMemberRemoved)e).ActorId, ((ForumMemberRemoved)e).Role, true, e.OccurredAt),
            [typeof(MeetingRecorded)] = e => Meeting((MeetingRecorded)e),
            [typeof(MeetingUpdated)] = e => Meeting((MeetingUpdated)e),
            [typeof(NeedSubmitted)] = e => Need((NeedSubmitted)e),
            [typeof(NeedTriaged)] = e => Need((NeedTriaged)e),
            [typeof(NeedWithdrawn)] = e => NeedClosed(e, ((NeedWithdrawn)e).NeedId, "withdrawn"),
            [typeof(NeedResolved)] = e => NeedClosed(e, ((NeedResolved)e).NeedId, "resolved"),
            [typeof(NeedLinkedToChallenge)] = e => NeedLinked(((NeedLinkedToChallenge)e).NeedId, ((NeedLinkedToChallenge)e).ChallengeId, e.OccurredAt),
            [typeof(ChallengeIdentified)] = e => Challenge((ChallengeIdentified)e),
            [typeof(ChallengeUpdated)] = e => Challenge((ChallengeUpdated)e),
            [typeof(ChallengeStatusChanged)] = e => ChallengeStatus(((ChallengeStatusChanged)e).ChallengeId, ((ChallengeStatusChanged)e).Status, e.OccurredAt, null),
            [typeof(ChallengesMerged)] = e => Merged((ChallengesMerged)e),
            [typeof(ChallengeAssignmentsChanged)] = e => ChallengeAssignments((ChallengeAssignmentsChanged)e),
            [typeof(EffortLaunched)] = e => Effort((EffortLaunched)e),
            [typeof(EffortRevised)] = e => Effort((EffortRevised)e),
            [typeof(EffortProgressReported)] = e => Effort((EffortProgressReported)e),
            [typeof(EffortCompleted)] = e => Effort((EffortCompleted)e),
            [typeof(ExpenditureRecorded)] = e => Expenditure((ExpenditureRecorded)e),

            // Reporting's own records (assignments, lessons) are its tables already; their events are logged for the audit trail only.
            [typeof(AssignmentRegistered)] = _ => [],
            [typeof(AssignmentUpdated)] = _ => [],
            [typeof(LessonPublished)] = _ => [],
            [typeof(LessonRevised)] = _ => [],
        }.ToFrozenDictionary();

    /// <summary>The event types the read models are built from.</summary>
    public static IReadOnlyCollection<Type> EventTypes => Handlers.Keys;

    /// <summary>The read-model tables, emptied before a rebuild.</summary>
    public const string Tables = "actors, rm_establishments, rm_forums, rm_forum_members, rm_meetings, rm_needs, rm_need_count_totals, rm_need_count_changes, "
        + "rm_challenge_need_count_totals, rm_challenge_need_count_changes, rm_challenges, rm_efforts, rm_effort_indicators, rm_expenditures";

    /// <summary>The need counts as readers see them: the totals plus the changes not yet folded into them.</summary>
    public const string CountViews = "rm_need_counts, rm_challenge_need_counts";

    public static IEnumerable<NpgsqlBatchCommand> Commands(IIntegrationEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return Handlers.TryGetValue(@event.GetType(), out var handler)
            ? handler(@event)
            : throw new ArgumentException($"Reporting does not project {@event.GetType().Name}.", nameof(@event));
    }

    /// <summary>
    /// The SET list that keeps each of <paramref name="columns"/> from the newer of the stored row and the upserted one,
    /// judged by <paramref name="at"/> and then by the value itself, so ties resolve the same in any order.
    /// </summary>
    private static string KeepNewest(string at, params string[] columns) =>
        string.Join(", ", columns.Select(column =>
            $"{column} = CASE WHEN r.{at} IS NULL OR (r.{at}, r.{column}::text) < (excluded.{at}, excluded.{column}::text) THEN excluded.{column} ELSE r.{column} END")
            .Append($"{at} = greatest(r.{at}, excluded.{at})"));

    /// <summary>What a launch sets and an edit changes of an effort, kept from the newer of the two.</summary>
    private static readonly string[] EffortDetails = ["title", "lead_actor_id", "start_date", "end_date", "budget_sek"];

    // The statements are built once: what KeepNewest writes does not change from one event to the next.
    private static readonly string ForumMemberSql = $"""
        INSERT INTO rm_forum_members AS r (forum_id, actor_id, role, removed, role_at) VALUES (@forum_id, @actor_id, @role, @removed, @at)
        ON CONFLICT (forum_id, actor_id) DO UPDATE SET {KeepNewest("role_at", "role", "removed")}
        """;

    private static readonly string ForumSql = $"""
        INSERT INTO rm_forums AS r (id, name, purpose, scope, convenor_actor_id, assignments, created_at, details_at)
        VALUES (@id, @name, @purpose, @scope, @convenor_actor_id, @assignments, @created_at, @at)
        ON CONFLICT (id) DO UPDATE SET created_at = coalesce(r.created_at, excluded.created_at),
            {KeepNewest("details_at", "name", "purpose", "scope", "convenor_actor_id", "assignments")}
        """;

    private static readonly string MeetingSql = $"""
        INSERT INTO rm_meetings AS r (id, forum_id, date, title, attending_actor_ids, need_ids, challenge_ids, assignments, status, details_at)
        VALUES (@id, @forum_id, @date, @title, @attending_actor_ids, @need_ids, @challenge_ids, @assignments, @status, @at)
        ON CONFLICT (id) DO UPDATE SET
            {KeepNewest("details_at", "forum_id", "date", "title", "attending_actor_ids", "need_ids", "challenge_ids", "assignments", "status")}
        """;

    private static readonly string NeedSubmittedSql = $"""
        INSERT INTO rm_needs AS r (id, reference, title, theme, theme_at, submitted_by, submitter_kind, establishment_id, municipality_codes, counties, urgency,
            submitted_at, identified_on)
        VALUES (@id, @reference, @title, @theme, @at, @submitted_by, @submitter_kind, @establishment_id, @municipality_codes, @counties, @urgency, @at, @identified_on)
        ON CONFLICT (id) DO UPDATE SET reference = excluded.reference, title = excluded.title, submitted_by = excluded.submitted_by,
            submitter_kind = excluded.submitter_kind, establishment_id = excluded.establishment_id, municipality_codes = excluded.municipality_codes,
            counties = excluded.counties, urgency = excluded.urgency, submitted_at = excluded.submitted_at, identified_on = excluded.identified_on,
            {KeepNewest("theme_at", "theme")}
        """;

    private static readonly string NeedTriagedSql = $"""
        INSERT INTO rm_needs AS r (id, theme, theme_at, decision, decision_at) VALUES (@id, @theme, @at, @decision, @at)
        ON CONFLICT (id) DO UPDATE SET {KeepNewest("theme_at", "theme")}, {KeepNewest("decision_at", "decision")}
        """;

    private static readonly string NeedClosedSql = $"""
        INSERT INTO rm_needs AS r (id, closed, closed_at) VALUES (@id, @closed, @at)
        ON CONFLICT (id) DO UPDATE SET {KeepNewest("closed_at", "closed")}
        """;

    private static readonly string NeedLinkedSql = $"""
        INSERT INTO rm_needs AS r (id, challenge_id, challenge_at) VALUES (@id, @challenge_id, @at)
        ON CONFLICT (id) DO UPDATE SET {KeepNewest("challenge_at", "challenge_id")}
        """;

    private static readonly string ChallengeIdentifiedSql = $"""
        INSERT INTO rm_challenges AS r (id, reference, theme, title, title_at, identified_at, status, status_at)
        VALUES (@id, @reference, @theme, @title, @at, @at, @status, @at)
        ON CONFLICT (id) DO UPDATE SET reference = excluded.reference, theme = excluded.theme,
            identified_at = excluded.identified_at, {KeepNewest("title_at", "title")}, {KeepNewest("status_at", "status")}
        """;

    private static readonly string ChallengeUpdatedSql = $"""
        INSERT INTO rm_challenges AS r (id, title, title_at) VALUES (@id, @title, @at)
        ON CONFLICT (id) DO UPDATE SET {KeepNewest("title_at", "title")}
        """;

    private static readonly string ChallengeStatusSql = $"""
        INSERT INTO rm_challenges AS r (id, status, status_at, merged_into) VALUES (@id, @status, @at, @merged_into)
        ON CONFLICT (id) DO UPDATE SET {KeepNewest("status_at", "status")}, merged_into = coalesce(excluded.merged_into, r.merged_into)
        """;

    private static readonly string ChallengeAssignmentsSql = $"""
        INSERT INTO rm_challenges AS r (id, assignments, assignments_at) VALUES (@id, @assignments, @at)
        ON CONFLICT (id) DO UPDATE SET {KeepNewest("assignments_at", "assignments")}
        """;

    private static readonly string EffortLaunchedSql = $"""
        INSERT INTO rm_efforts AS r (id, title, challenge_ids, lead_actor_id, start_date, end_date, budget_sek, details_at, funding_assignment, launched_at, status, status_at)
        VALUES (@id, @title, @challenge_ids, @lead_actor_id, @start_date, @end_date, @budget_sek, @at, @funding_assignment, @at, @status, @at)
        ON CONFLICT (id) DO UPDATE SET challenge_ids = excluded.challenge_ids, funding_assignment = excluded.funding_assignment, launched_at = excluded.launched_at,
            {KeepNewest("details_at", EffortDetails)}, {KeepNewest("status_at", "status")}
        """;

    private static readonly string EffortRevisedSql = $"""
        INSERT INTO rm_efforts AS r (id, title, lead_actor_id, start_date, end_date, budget_sek, details_at)
        VALUES (@id, @title, @lead_actor_id, @start_date, @end_date, @budget_sek, @at)
        ON CONFLICT (id) DO UPDATE SET {KeepNewest("details_at", EffortDetails)}
        """;

    private static readonly string EffortProgressSql = $"""
        INSERT INTO rm_efforts AS r (id, progress_percent, progress_at, status, status_at) VALUES (@id, @progress_percent, @at, @status, @at)
        ON CONFLICT (id) DO UPDATE SET {KeepNewest("progress_at", "progress_percent")}, {KeepNewest("status_at", "status")}
        """;

    private static readonly string EffortIndicatorSql = $"""
        INSERT INTO rm_effort_indicators AS r (effort_id, name, unit, baseline, target, actual, removed, at)
        VALUES (@effort_id, @name, @unit, @baseline, @target, @actual, @removed, @at)
        ON CONFLICT (effort_id, name) DO UPDATE SET {KeepNewest("at", "unit", "baseline", "target", "actual", "removed")}
        """;

    private static readonly string EffortCompletedSql = $"""
        INSERT INTO rm_efforts AS r (id, status, status_at, completed_on) VALUES (@id, 'completed', @at, @completed_on)
        ON CONFLICT (id) DO UPDATE SET {KeepNewest("status_at", "status")}, completed_on = excluded.completed_on
        """;

    /// <summary>A statement with its named parameters; a value may be a typed <see cref="NpgsqlParameter"/>, which takes the name.</summary>
    private static NpgsqlBatchCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            var parameter = value switch
            {
                null => new NpgsqlParameter { Value = DBNull.Value },
                NpgsqlParameter typed => typed,
                _ => Sql.Value(value),
            };
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static NpgsqlParameter Text(string? value) => Sql.Nullable(value, NpgsqlDbType.Text);

    private static NpgsqlParameter Uuid(Guid? value) => Sql.Nullable(value, NpgsqlDbType.Uuid);

    private static NpgsqlParameter Date(DateOnly? value) => Sql.Nullable(value, NpgsqlDbType.Date);

    private static NpgsqlParameter Amount(decimal? value) => Sql.Nullable(value, NpgsqlDbType.Numeric);

    private static NpgsqlParameter Uuids(IEnumerable<Guid> values) => new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };

    private static NpgsqlParameter Texts(IEnumerable<string> values) => new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static IEnumerable<NpgsqlBatchCommand> Establishment(EstablishmentRegistered e) =>
        [EstablishmentUpsert(e.EstablishmentId, e.CompanyActorId, e.Name, e.Sector, e.MunicipalityCode, e.CountyCode, e.InvestmentSek, e.ExpectedJobs, e.Phase, 1)];

    private static IEnumerable<NpgsqlBatchCommand> Establishment(EstablishmentUpdated e) =>
        [EstablishmentUpsert(e.EstablishmentId, e.CompanyActorId, e.Name, e.Sector, e.MunicipalityCode, e.CountyCode, e.InvestmentSek, e.ExpectedJobs, e.Phase, e.Version)];

    private static NpgsqlBatchCommand EstablishmentUpsert(
        Guid id, Guid company, string name, string sector, string municipality, string county, decimal? investment, int? jobs, string phase, int version) =>
        Command("""
            INSERT INTO rm_establishments AS r (id, company_actor_id, name, sector, municipality_code, county_code, investment_sek, expected_jobs, phase, version)
            VALUES (@id, @company_actor_id, @name, @sector, @municipality_code, @county_code, @investment_sek, @expected_jobs, @phase, @version)
            ON CONFLICT (id) DO UPDATE SET company_actor_id = excluded.company_actor_id, name = excluded.name, sector = excluded.sector,
                municipality_code = excluded.municipality_code, county_code = excluded.county_code, investment_sek = excluded.investment_sek,
                expected_jobs = excluded.expected_jobs, phase = excluded.phase, version = excluded.version
            WHERE r.version < excluded.version
            """,
            ("id", id), ("company_actor_id", company), ("name", name), ("sector", sector), ("municipality_code", municipality), ("county_code", county),
            ("investment_sek", Amount(investment)), ("expected_jobs", Sql.Nullable(jobs, NpgsqlDbType.Integer)), ("phase", phase), ("version", version));

    private static IEnumerable<NpgsqlBatchCommand> Forum(ForumCreated e) =>
        Forum(e.ForumId, e.Name, null, e.Scope, e.ConvenorActorId, e.Assignments, e.OccurredAt, e.OccurredAt);

    // The purpose arrives with the first edit: a forum's creation did not carry it.
    private static IEnumerable<NpgsqlBatchCommand> Forum(ForumUpdated e) =>
        Forum(e.ForumId, e.Name, e.Purpose, e.Scope, e.ConvenorActorId, e.Assignments, null, e.OccurredAt);

    private static IEnumerable<NpgsqlBatchCommand> Forum(
        Guid id, string name, string? purpose, string scope, Guid? convenor, IReadOnlyList<string> assignments, DateTimeOffset? createdAt, DateTimeOffset at) =>
    [
        Command(ForumSql, ("id", id), ("name", name), ("purpose", Text(purpose)), ("scope", scope), ("convenor_actor_id", Uuid(convenor)),
            ("assignments", Texts([.. assignments.Order(StringComparer.Ordinal)])), ("created_at", Sql.Nullable(createdAt, NpgsqlDbType.TimestampTz)), ("at", at)),
    ];

    private static IEnumerable<NpgsqlBatchCommand> ForumMember(ForumMemberAdded e) => ForumMember(e.ForumId, e.ActorId, e.Role, false, e.OccurredAt);

    private static IEnumerable<NpgsqlBatchCommand> ForumMember(Guid forumId, Guid actorId, string role, bool removed, DateTimeOffset at) =>
    [
        Command(ForumMemberSql, ("forum_id", forumId), ("actor_id", actorId), ("role", role), ("removed", removed), ("at", at)),
    ];

    // An event from before meetings had states says none: the meeting was held if its date had come when it was recorded.
    private static IEnumerable<NpgsqlBatchCommand> Meeting(MeetingRecorded e) =>
        Meeting(e.MeetingId, e.ForumId, e.Date, e.Title, e.Status ?? (e.Date > DateOnly.FromDateTime(e.OccurredAt.UtcDateTime) ? "planned" : "held"),
            e.AttendingActorIds, e.NeedIds, e.ChallengeIds, e.Assignments, e.OccurredAt);

    private static IEnumerable<NpgsqlBatchCommand> Meeting(MeetingUpdated e) =>
        Meeting(e.MeetingId, e.ForumId, e.Date, e.Title, e.Status, e.AttendingActorIds, e.NeedIds, e.ChallengeIds, e.Assignments, e.OccurredAt);

    // Lists are sorted, so that two events of the same moment keep the same values whichever arrives first.
    private static IEnumerable<NpgsqlBatchCommand> Meeting(
        Guid id, Guid? forumId, DateOnly date, string title, string status, IReadOnlyList<Guid> attending, IReadOnlyList<Guid> needs, IReadOnlyList<Guid> challenges,
        IReadOnlyList<string> assignments, DateTimeOffset at) =>
    [
        Command(MeetingSql,
            ("id", id), ("forum_id", Uuid(forumId)), ("date", date), ("title", title), ("attending_actor_ids", Uuids([.. attending.Order()])),
            ("need_ids", Uuids([.. needs.Order()])), ("challenge_ids", Uuids([.. challenges.Order()])), ("assignments", Texts([.. assignments.Order(StringComparer.Ordinal)])),
            ("status", status), ("at", at)),
    ];

    private static IEnumerable<NpgsqlBatchCommand> Need(NeedSubmitted e) =>
    [
        // A confidential need's title is not kept: reports count such needs but never print their text.
        Command(NeedSubmittedSql,
            ("id", e.NeedId), ("reference", e.Reference), ("title", Text(e.Confidential ? null : e.Title)), ("theme", e.Theme), ("at", e.OccurredAt),
            ("submitted_by", e.SubmittedByActorId), ("submitter_kind", Text(e.SubmitterKind)), ("establishment_id", Uuid(e.EstablishmentId)),
            ("municipality_codes", new NpgsqlParameter { Value = e.MunicipalityCodes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }),
            ("counties", CountiesKey(e.CountyCodes)), ("urgency", e.Urgency), ("identified_on", e.IdentifiedOn ?? DateOnly.FromDateTime(e.OccurredAt.UtcDateTime))),
    ];

    /// <summary>The counties of a need as one sortable key, e.g. <c>24,25</c>.</summary>
    public static string CountiesKey(IEnumerable<string> countyCodes) => string.Join(',', countyCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static IEnumerable<NpgsqlBatchCommand> Need(NeedTriaged e) =>
    [
        Command(NeedTriagedSql, ("id", e.NeedId), ("theme", e.Theme), ("at", e.OccurredAt), ("decision", e.Decision)),
    ];

    private static IEnumerable<NpgsqlBatchCommand> NeedClosed(IIntegrationEvent e, Guid needId, string closed) =>
    [
        Command(NeedClosedSql, ("id", needId), ("closed", closed), ("at", e.OccurredAt)),
    ];

    private static IEnumerable<NpgsqlBatchCommand> NeedLinked(Guid needId, Guid challengeId, DateTimeOffset at) =>
    [
        Command(NeedLinkedSql, ("id", needId), ("challenge_id", challengeId), ("at", at)),
    ];

    private static IEnumerable<NpgsqlBatchCommand> Challenge(ChallengeIdentified e) =>
    [
        Command(ChallengeIdentifiedSql, ("id", e.ChallengeId), ("reference", e.Reference), ("theme", e.Theme), ("title", e.Title), ("at", e.OccurredAt), ("status", e.Status)),
    ];

    private static IEnumerable<NpgsqlBatchCommand> Challenge(ChallengeUpdated e) =>
    [
        Command(ChallengeUpdatedSql, ("id", e.ChallengeId), ("title", e.Title), ("at", e.OccurredAt)),
    ];

    private static IEnumerable<NpgsqlBatchCommand> ChallengeStatus(Guid challengeId, string status, DateTimeOffset at, Guid? mergedInto) =>
    [
        Command(ChallengeStatusSql, ("id", challengeId), ("status", status), ("at", at), ("merged_into", Uuid(mergedInto))),
    ];

    private static IEnumerable<NpgsqlBatchCommand> ChallengeAssignments(ChallengeAssignmentsChanged e) =>
    [
        // Sorted, so that two events of the same moment keep the same set whichever arrives first.
        Command(ChallengeAssignmentsSql, ("id", e.ChallengeId), ("assignments", Texts([.. e.Assignments.Order(StringComparer.Ordinal)])), ("at", e.OccurredAt)),
    ];

    private static IEnumerable<NpgsqlBatchCommand> Merged(ChallengesMerged e) =>
        ChallengeStatus(e.MergedChallengeId, "archived", e.OccurredAt, e.TargetChallengeId)
            .Concat(e.MovedNeedIds.SelectMany(need => NeedLinked(need, e.TargetChallengeId, e.OccurredAt)));

    private static IEnumerable<NpgsqlBatchCommand> Effort(EffortLaunched e) =>
    [
        Command(EffortLaunchedSql,
            ("id", e.EffortId), ("title", e.Title), ("challenge_ids", Uuids(e.ChallengeIds)), ("lead_actor_id", e.LeadActorId), ("start_date", Date(e.StartDate)),
            ("end_date", Date(e.EndDate)), ("budget_sek", e.BudgetSek), ("funding_assignment", Text(e.FundingAssignment)), ("at", e.OccurredAt), ("status", e.Status)),
    ];

    private static IEnumerable<NpgsqlBatchCommand> Effort(EffortRevised e) =>
    [
        Command(EffortRevisedSql,
            ("id", e.EffortId), ("title", e.Title), ("lead_actor_id", e.LeadActorId), ("start_date", e.StartDate), ("end_date", e.EndDate), ("budget_sek", e.BudgetSek),
            ("at", e.OccurredAt)),
        .. Indicators(e.EffortId, e.Indicators, e.OccurredAt),
        // A removed indicator stays as a marker, so that an older report of it arriving later does not bring it back.
        .. e.RemovedIndicators.Select(name => IndicatorCommand(e.EffortId, new EffortIndicator(name, string.Empty, 0, 0, null), removed: true, e.OccurredAt)),
    ];

    private static IEnumerable<NpgsqlBatchCommand> Effort(EffortProgressReported e) =>
    [
        Command(EffortProgressSql, ("id", e.EffortId), ("progress_percent", e.ProgressPercent), ("at", e.OccurredAt), ("status", e.Status)),
        .. Indicators(e.EffortId, e.Indicators, e.OccurredAt),
    ];

    private static IEnumerable<NpgsqlBatchCommand> Indicators(Guid effortId, IReadOnlyList<EffortIndicator> indicators, DateTimeOffset at) =>
        indicators.Select(indicator => IndicatorCommand(effortId, indicator, removed: false, at));

    private static NpgsqlBatchCommand IndicatorCommand(Guid effortId, EffortIndicator indicator, bool removed, DateTimeOffset at) =>
        Command(EffortIndicatorSql,
            ("effort_id", effortId), ("name", indicator.Name), ("unit", indicator.Unit), ("baseline", indicator.Baseline), ("target", indicator.Target),
            ("actual", Sql.Nullable(indicator.Actual, NpgsqlDbType.Numeric)), ("removed", removed), ("at", at));

    private static IEnumerable<NpgsqlBatchCommand> Effort(EffortCompleted e) =>
    [
        Command(EffortCompletedSql, ("id", e.EffortId), ("at", e.OccurredAt), ("completed_on", e.CompletedOn)),
    ];

    private static IEnumerable<NpgsqlBatchCommand> Expenditure(ExpenditureRecorded e) =>
    [
        Command("""
            INSERT INTO rm_expenditures (id, effort_id, date, amount_sek, category, description, funding_assignment)
            VALUES (@id, @effort_id, @date, @amount_sek, @category, @description, @funding_assignment)
            ON CONFLICT (id) DO NOTHING
            """,
            ("id", e.ExpenditureId), ("effort_id", e.EffortId), ("date", e.Date), ("amount_sek", e.AmountSek), ("category", e.Category),
            ("description", Text(e.Description)), ("funding_assignment", Text(e.FundingAssignment))),
    ];
}
