using System.Data;
using Npgsql;
using NpgsqlTypes;
using Platform.Client.Models;
using Platform.Messaging.Data;
using Platform.Reporting.Data;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Reports;

/// <summary>
/// Reads the read models for the reports. Each report reads in one repeatable-read snapshot, so its sections agree;
/// need figures come from the trigger-kept counts (or, for a period some needs fall outside, one grouped scan of the
/// period's needs).
/// </summary>
public sealed class ReportStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    private static readonly HashSet<string> OpenChallengeStatuses = ["identified", "analysed", "addressed"];

    /// <summary>Needs of a theme with a status in a set of counties.</summary>
    private readonly record struct NeedBucket(string Theme, string Status, string Counties, long Count);

    /// <summary>Needs that count for a challenge, in a set of counties.</summary>
    private readonly record struct ChallengeBucket(Guid ChallengeId, string Counties, long Count);

    public async Task<Overview> OverviewAsync(CancellationToken cancellationToken)
    {
        await using var snapshot = await SnapshotAsync(cancellationToken);
        var needs = Statistics(await NeedBucketsAsync(snapshot, null, cancellationToken));
        var challenges = await ChallengeLinesAsync(snapshot, null, cancellationToken);
        var challengeStatistics = new ChallengeStatistics(
            challenges.Count,
            challenges.LongCount(challenge => OpenChallengeStatuses.Contains(challenge.Status)),
            challenges.LongCount(challenge => challenge.CrossCounty),
            [.. challenges.GroupBy(challenge => challenge.Status).Select(group => new StatusCount(group.Key, group.LongCount())).OrderBy(count => count.Status, StringComparer.Ordinal)]);

        var effortsByStatus = await ListAsync(snapshot, "SELECT status, count(*) AS n FROM rm_efforts WHERE title IS NOT NULL GROUP BY status ORDER BY status",
            row => new StatusCount(row.GetString("status"), row.GetInt64("n")), cancellationToken);
        var money = await ListAsync(snapshot, """
            SELECT (SELECT coalesce(sum(budget_sek), 0) FROM rm_efforts WHERE title IS NOT NULL) AS budget,
                   (SELECT coalesce(sum(x.amount_sek), 0) FROM rm_expenditures x JOIN rm_efforts e ON e.id = x.effort_id WHERE e.title IS NOT NULL) AS spent
            """, row => (Budget: row.GetDecimal("budget"), Spent: row.GetDecimal("spent")), cancellationToken);
        var actorsByKind = await ListAsync(snapshot, "SELECT kind, count(*) AS n FROM actors WHERE kind IS NOT NULL AND active GROUP BY kind ORDER BY kind",
            row => new KindCount(row.GetString("kind"), row.GetInt64("n")), cancellationToken);
        var collaboration = await ListAsync(snapshot, """
            SELECT (SELECT count(*) FROM rm_forums WHERE name IS NOT NULL) AS forums,
                   (SELECT count(*) FROM rm_meetings WHERE status = 'held') AS held,
                   (SELECT count(*) FROM rm_meetings WHERE status = 'planned') AS planned
            """, row => new CollaborationStatistics(row.GetInt64("forums"), row.GetInt64("held"), row.GetInt64("planned")), cancellationToken);

        return new Overview(
            needs,
            challengeStatistics,
            new EffortStatistics(effortsByStatus.Sum(count => count.Count), effortsByStatus, money[0].Budget, money[0].Spent),
            new ActorStatistics(actorsByKind.Sum(count => count.Count), actorsByKind),
            collaboration[0],
            snapshot.AsOf,
            snapshot.LastEventAt);
    }

    /// <summary>The assignment's financial account, or null when no such assignment exists.</summary>
    public async Task<FinanceReport?> FinanceAsync(string assignment, ReportPeriod? period, CancellationToken cancellationToken)
    {
        await using var snapshot = await SnapshotAsync(cancellationToken);
        var found = await AssignmentStore.GetAsync(snapshot.Connection, snapshot.Transaction, assignment, cancellationToken);
        return found is null ? null : await FinanceAsync(snapshot, found, await EffortLinesAsync(snapshot, found, period, cancellationToken), period, cancellationToken);
    }

    /// <summary>
    /// The final report (no period given: the assignment's own, from its decision to its report's due date) or a
    /// progress report for a period, or null when no such assignment exists. It includes the efforts the assignment funds
    /// and what belongs to it (<see cref="Scope"/>) that happened in the period.
    /// </summary>
    public async Task<ReportDocument?> DocumentAsync(string assignment, ReportPeriod? progressPeriod, CancellationToken cancellationToken)
    {
        await using var snapshot = await SnapshotAsync(cancellationToken);
        var found = await AssignmentStore.GetAsync(snapshot.Connection, snapshot.Transaction, assignment, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var final = progressPeriod is null;
        var period = progressPeriod ?? new ReportPeriod(found.DecisionDate, found.ReportDueDate);

        var needs = Statistics(await NeedBucketsAsync(snapshot, period, cancellationToken));
        var efforts = await EffortLinesAsync(snapshot, found, period, cancellationToken);
        var finance = await FinanceAsync(snapshot, found, efforts, period, cancellationToken);
        var challenges = await ChallengeLinesAsync(snapshot, period, cancellationToken, found.Reference);
        var meetings = await MeetingLinesAsync(snapshot, period, found.Reference, cancellationToken);
        var forums = await ForumLinesAsync(snapshot, period, found.Reference, cancellationToken);
        var lessons = await LessonLinesAsync(snapshot, period, found.Reference, cancellationToken);
        var dialogue = await DialogueAsync(snapshot, forums, meetings, cancellationToken);
        var indicators = await IndicatorLinesAsync(snapshot, efforts, cancellationToken);
        var texts = await ReportTextStore.GetAsync(snapshot.Connection, snapshot.Transaction, found.Reference, cancellationToken);
        var cover = ReportWriting.Cover(found, SwedishTime.DateOf(snapshot.AsOf), texts.Cover);

        var title = final
            ? $"Redovisning av regeringsuppdrag {found.Reference}: {found.Title}"
            : $"Lägesrapport för regeringsuppdrag {found.Reference}, {period.From:yyyy-MM-dd} – {period.To:yyyy-MM-dd}";
        return new ReportDocument(
            final ? "final" : "progress", title, snapshot.AsOf, snapshot.LastEventAt, period, found,
            efforts, forums, meetings,
            [.. challenges.OrderByDescending(challenge => challenge.CrossCounty).ThenByDescending(challenge => challenge.NeedCount).ThenBy(challenge => challenge.Reference, StringComparer.Ordinal)],
            needs, lessons, finance, dialogue, indicators, cover, final ? texts.Sections : []);
    }

    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using var command = new NpgsqlCommand("SET TRANSACTION READ ONLY; SELECT max(occurred_at) FROM event_log", connection, transaction);
            var last = await command.ExecuteScalarAsync(cancellationToken);
            return new Snapshot(connection, transaction, timeProvider.GetUtcNow(), last is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<List<NeedBucket>> NeedBucketsAsync(Snapshot snapshot, ReportPeriod? period, CancellationToken cancellationToken)
    {
        static NeedBucket Read(NpgsqlDataReader row) => new(row.GetString("theme"), row.GetString("status"), row.GetString("counties"), row.GetInt64("n"));
        return await AllNeedsWithinAsync(snapshot, period, cancellationToken)
            ? await ListAsync(snapshot, "SELECT theme, status, counties, n FROM rm_need_counts WHERE n > 0", Read, cancellationToken)
            : await ListAsync(snapshot, """
                SELECT theme, status, counties, count(*) AS n FROM rm_needs
                WHERE reference IS NOT NULL AND identified_on BETWEEN @from AND @to GROUP BY 1, 2, 3
                """, Read, cancellationToken, Dates(period));
    }

    private static async Task<List<ChallengeBucket>> ChallengeBucketsAsync(Snapshot snapshot, ReportPeriod? period, CancellationToken cancellationToken)
    {
        static ChallengeBucket Read(NpgsqlDataReader row) => new(row.GetGuid("challenge_id"), row.GetString("counties"), row.GetInt64("n"));
        return await AllNeedsWithinAsync(snapshot, period, cancellationToken)
            ? await ListAsync(snapshot, "SELECT challenge_id, counties, n FROM rm_challenge_need_counts WHERE n > 0", Read, cancellationToken)
            : await ListAsync(snapshot, """
                SELECT challenge_id, counties, count(*) AS n FROM rm_needs
                WHERE reference IS NOT NULL AND challenge_id IS NOT NULL AND status NOT IN ('rejected', 'withdrawn')
                  AND identified_on BETWEEN @from AND @to
                GROUP BY 1, 2
                """, Read, cancellationToken, Dates(period));
    }

    /// <summary>
    /// Whether every need was identified in <paramref name="period"/> (or none is given), so the trigger-kept counts are
    /// the period's: the final report's usual case, read from the ends of the index instead of a scan.
    /// </summary>
    private static async Task<bool> AllNeedsWithinAsync(Snapshot snapshot, ReportPeriod? period, CancellationToken cancellationToken) =>
        period is null || (await ListAsync(snapshot, """
            SELECT coalesce((SELECT min(identified_on) FROM rm_needs WHERE reference IS NOT NULL) >= @from
                        AND (SELECT max(identified_on) FROM rm_needs WHERE reference IS NOT NULL) <= @to, true) AS within
            """, row => row.GetBoolean("within"), cancellationToken, Dates(period)))[0];

    /// <summary>The period as dates, <c>@from</c> and <c>@to</c>; both NULL for all time.</summary>
    private static NpgsqlParameter[] Dates(ReportPeriod? period) =>
        [Sql.Nullable("from", period?.From, NpgsqlDbType.Date), Sql.Nullable("to", period?.To, NpgsqlDbType.Date)];

    /// <summary>The assignment's budget year as dates, <c>@year_start</c> and <c>@year_end</c>: only what is spent in it is its outcome.</summary>
    private static NpgsqlParameter[] BudgetYear(Assignment assignment) =>
        [new("year_start", new DateOnly(assignment.BudgetYear, 1, 1)), new("year_end", new DateOnly(assignment.BudgetYear, 12, 31))];

    private static NeedStatistics Statistics(IReadOnlyList<NeedBucket> buckets)
    {
        var byCounty = buckets
            .SelectMany(bucket => Counties(bucket.Counties).Select(county => (County: county, bucket.Count)))
            .GroupBy(entry => entry.County)
            .Select(group => new CountyCount(group.Key, group.Sum(entry => entry.Count)))
            .OrderBy(count => count.CountyCode, StringComparer.Ordinal)
            .ToList();
        var matrix = buckets
            .SelectMany(bucket => Counties(bucket.Counties).Select(county => (bucket.Theme, County: county, bucket.Status, bucket.Count)))
            .GroupBy(entry => (entry.Theme, entry.County, entry.Status))
            .Select(group => new ThemeCountyStatusCount(group.Key.Theme, group.Key.County, group.Key.Status, group.Sum(entry => entry.Count)))
            .OrderBy(count => count.Theme, StringComparer.Ordinal).ThenBy(count => count.CountyCode, StringComparer.Ordinal).ThenBy(count => count.Status, StringComparer.Ordinal)
            .ToList();
        return new NeedStatistics(
            buckets.Sum(bucket => bucket.Count),
            [.. buckets.GroupBy(bucket => bucket.Theme).Select(group => new ThemeCount(group.Key, group.Sum(bucket => bucket.Count))).OrderBy(count => count.Theme, StringComparer.Ordinal)],
            byCounty,
            [.. buckets.GroupBy(bucket => bucket.Status).Select(group => new StatusCount(group.Key, group.Sum(bucket => bucket.Count))).OrderBy(count => count.Status, StringComparer.Ordinal)],
            matrix);
    }

    private static string[] Counties(string key) => key.Length == 0 ? [] : key.Split(',');

    /// <summary>
    /// Challenges with the needs that count for them (not rejected or withdrawn) and the counties of those needs. All of
    /// them for the overview; for an assignment, those in its <see cref="Scope"/> identified in the period or with needs
    /// identified in it.
    /// </summary>
    private static async Task<List<ChallengeLine>> ChallengeLinesAsync(
        Snapshot snapshot, ReportPeriod? period, CancellationToken cancellationToken, string? assignment = null)
    {
        var needs = new Dictionary<Guid, (long Count, SortedSet<string> Counties)>();
        foreach (var bucket in await ChallengeBucketsAsync(snapshot, period, cancellationToken))
        {
            if (!needs.TryGetValue(bucket.ChallengeId, out var entry))
            {
                entry = (0, new SortedSet<string>(StringComparer.Ordinal));
            }

            entry.Counties.UnionWith(Counties(bucket.Counties));
            needs[bucket.ChallengeId] = (entry.Count + bucket.Count, entry.Counties);
        }

        var efforts = new Dictionary<Guid, int>();
        await ForEachAsync(snapshot, "SELECT challenge, count(*) AS n FROM rm_efforts, unnest(challenge_ids) AS challenge WHERE title IS NOT NULL GROUP BY challenge",
            row => efforts[row.GetGuid("challenge")] = (int)row.GetInt64("n"), cancellationToken);

        var challenges = await ListAsync(snapshot, $"""
            SELECT id, reference, theme, title, status, identified_at FROM rm_challenges c
            WHERE reference IS NOT NULL AND (@assignment::text IS NULL OR {Scope.Challenge})
            """,
            row => (Id: row.GetGuid("id"), Reference: row.GetString("reference"), Theme: row.GetString("theme"), Title: row.GetString("title"),
                Status: row.GetString("status"), Identified: DateOnly.FromDateTime(row.GetDateTime("identified_at"))), cancellationToken,
            Sql.Nullable("assignment", assignment, NpgsqlDbType.Text));
        return
        [
            .. challenges
                .Where(challenge => period is null || needs.ContainsKey(challenge.Id) || (challenge.Identified >= period.From && challenge.Identified <= period.To))
                .Select(challenge =>
                {
                    var (count, counties) = needs.GetValueOrDefault(challenge.Id, (0, new SortedSet<string>(StringComparer.Ordinal)));
                    return new ChallengeLine(
                        challenge.Id, challenge.Reference, challenge.Theme, challenge.Title, challenge.Status, count, [.. counties],
                        counties.Count >= Geography.Counties.Count, efforts.GetValueOrDefault(challenge.Id));
                }),
        ];
    }

    /// <summary>The efforts funded by the assignment (in a period: those running in it) with their spending in its budget year.</summary>
    private static Task<List<EffortLine>> EffortLinesAsync(Snapshot snapshot, Assignment assignment, ReportPeriod? period, CancellationToken cancellationToken) =>
        ListAsync(snapshot, """
            SELECT e.id, e.title, e.status, a.name AS lead_actor, e.start_date, e.end_date, e.budget_sek, e.progress_percent,
                   coalesce(x.spent, 0) AS spent, coalesce(x.spent_to_date, 0) AS spent_to_date
            FROM rm_efforts e
            LEFT JOIN actors a ON a.id = e.lead_actor_id
            LEFT JOIN (
                SELECT effort_id,
                       sum(amount_sek) FILTER (WHERE (@from::date IS NULL OR date >= @from) AND (@to::date IS NULL OR date <= @to)) AS spent,
                       sum(amount_sek) FILTER (WHERE @to::date IS NULL OR date <= @to) AS spent_to_date
                FROM rm_expenditures WHERE date BETWEEN @year_start AND @year_end GROUP BY effort_id) x ON x.effort_id = e.id
            WHERE e.funding_assignment = @assignment AND e.title IS NOT NULL
              AND (@from::date IS NULL OR (e.start_date <= @to AND e.end_date >= @from))
            ORDER BY e.start_date, e.title, e.id
            """,
            row => new EffortLine(
                row.GetGuid("id"),
                row.GetString("title"),
                row.GetString("status"),
                row.IsDBNull("lead_actor") ? null : row.GetString("lead_actor"),
                row.IsDBNull("start_date") ? null : row.GetFieldValue<DateOnly>("start_date"),
                row.IsDBNull("end_date") ? null : row.GetFieldValue<DateOnly>("end_date"),
                row.GetDecimal("budget_sek"),
                row.GetDecimal("spent"),
                row.GetDecimal("spent_to_date"),
                row.IsDBNull("progress_percent") ? null : row.GetInt32("progress_percent")),
            cancellationToken,
            [new("assignment", assignment.Reference), .. Dates(period), .. BudgetYear(assignment)]);

    private static async Task<FinanceReport> FinanceAsync(
        Snapshot snapshot, Assignment assignment, IReadOnlyList<EffortLine> efforts, ReportPeriod? period, CancellationToken cancellationToken)
    {
        // The efforts' categories, then the agency's own costs as categories of their own (agency:staff, ...).
        var byCategory = await ListAsync(snapshot, """
            SELECT category, spent FROM (
                SELECT 0 AS own, x.category, sum(x.amount_sek) AS spent FROM rm_expenditures x JOIN rm_efforts e ON e.id = x.effort_id
                WHERE e.funding_assignment = @assignment AND e.title IS NOT NULL
                  AND (@from::date IS NULL OR (e.start_date <= @to AND e.end_date >= @from))
                  AND (@from::date IS NULL OR x.date >= @from) AND (@to::date IS NULL OR x.date <= @to)
                  AND x.date BETWEEN @year_start AND @year_end
                GROUP BY x.category
                UNION ALL
                SELECT 1, 'agency:' || c.category, sum(c.amount_sek) FROM agency_costs c
                WHERE c.assignment = @assignment AND (@from::date IS NULL OR c.date >= @from) AND (@to::date IS NULL OR c.date <= @to)
                  AND c.date BETWEEN @year_start AND @year_end
                GROUP BY c.category) categories
            ORDER BY own, category
            """,
            row => new CategorySpending(row.GetString("category"), row.GetDecimal("spent")), cancellationToken,
            [new("assignment", assignment.Reference), .. Dates(period), .. BudgetYear(assignment)]);
        var byEffort = efforts
            .Select(effort => new EffortSpending(effort.Id, effort.Title, effort.BudgetSek, effort.SpentSek, effort.SpentToDateSek, effort.SpentToDateSek > effort.BudgetSek))
            .ToList();
        var spentToDate = await ListAsync(snapshot, """
            SELECT (SELECT coalesce(sum(x.amount_sek), 0) FROM rm_expenditures x JOIN rm_efforts e ON e.id = x.effort_id
                    WHERE e.funding_assignment = @assignment AND e.title IS NOT NULL AND (@to::date IS NULL OR x.date <= @to)
                      AND x.date BETWEEN @year_start AND @year_end)
                 + (SELECT coalesce(sum(c.amount_sek), 0) FROM agency_costs c
                    WHERE c.assignment = @assignment AND (@to::date IS NULL OR c.date <= @to) AND c.date BETWEEN @year_start AND @year_end) AS spent
            """, row => row.GetDecimal("spent"), cancellationToken,
            [new("assignment", assignment.Reference), Sql.Nullable("to", period?.To, NpgsqlDbType.Date), .. BudgetYear(assignment)]);
        var outside = await ListAsync(snapshot, $"""
            SELECT id, date, title, category, amount_sek FROM (
                SELECT x.id, x.date, e.title, x.category, x.amount_sek FROM rm_expenditures x JOIN rm_efforts e ON e.id = x.effort_id
                WHERE e.funding_assignment = @assignment AND e.title IS NOT NULL
                  AND (@from::date IS NULL OR x.date >= @from) AND (@to::date IS NULL OR x.date <= @to)
                  AND x.date NOT BETWEEN @year_start AND @year_end
                UNION ALL
                SELECT c.id, c.date, '{ReportTables.AgencyCostsTitle}', 'agency:' || c.category, c.amount_sek FROM agency_costs c
                WHERE c.assignment = @assignment AND (@from::date IS NULL OR c.date >= @from) AND (@to::date IS NULL OR c.date <= @to)
                  AND c.date NOT BETWEEN @year_start AND @year_end) outside_year
            ORDER BY date, title, id
            """,
            row => new ExpenditureOutsideBudgetYear(
                row.GetGuid("id"), row.GetFieldValue<DateOnly>("date"), row.GetString("title"), row.GetString("category"), row.GetDecimal("amount_sek")),
            cancellationToken, [new("assignment", assignment.Reference), .. Dates(period), .. BudgetYear(assignment)]);
        var agencyCosts = byCategory.Where(category => category.Category.StartsWith(CostTypes.AgencyPrefix, StringComparison.Ordinal)).Sum(category => category.SpentSek);
        var plan = await BudgetPlanStore.GetAsync(snapshot.Connection, snapshot.Transaction, assignment.Reference, cancellationToken);
        return new FinanceReport(
            assignment.Reference, assignment.BudgetYear, assignment.BudgetSek, byEffort.Sum(effort => effort.SpentSek) + agencyCosts, spentToDate[0],
            assignment.BudgetSek - spentToDate[0],
            byCategory, byEffort, byEffort.Count(effort => effort.OverBudget), outside, outside.Sum(expenditure => expenditure.AmountSek),
            period?.From, period?.To, snapshot.AsOf, agencyCosts, BudgetPlanRules.Outcome(plan.Lines, byCategory), plan.Version);
    }

    /// <summary>The meetings held in the assignment's <see cref="Scope"/> (in a period: held in it); planned ones are not yet part of a report.</summary>
    private static Task<List<MeetingLine>> MeetingLinesAsync(Snapshot snapshot, ReportPeriod? period, string assignment, CancellationToken cancellationToken) =>
        ListAsync(snapshot, $"""
            SELECT m.id, m.date, m.title, f.name AS forum, cardinality(m.attending_actor_ids) AS actors, cardinality(m.need_ids) AS needs,
                   cardinality(m.challenge_ids) AS challenges
            FROM rm_meetings m LEFT JOIN rm_forums f ON f.id = m.forum_id
            WHERE m.status = 'held' AND (@from::date IS NULL OR m.date >= @from) AND (@to::date IS NULL OR m.date <= @to) AND {Scope.Meeting}
            ORDER BY m.date, m.title, m.id
            """,
            row => new MeetingLine(
                row.GetGuid("id"),
                row.GetFieldValue<DateOnly>("date"),
                row.GetString("title"),
                row.IsDBNull("forum") ? null : row.GetString("forum"),
                row.GetInt32("actors"),
                row.GetInt32("needs"),
                row.GetInt32("challenges")),
            cancellationToken, [new("assignment", assignment), .. Dates(period)]);

    /// <summary>
    /// The forums in the assignment's <see cref="Scope"/> (in a period: those registered by its end or meeting in it) with
    /// members and the meetings they held (in the period).
    /// </summary>
    private static Task<List<ForumLine>> ForumLinesAsync(Snapshot snapshot, ReportPeriod? period, string assignment, CancellationToken cancellationToken) =>
        ListAsync(snapshot, $"""
            SELECT f.id, f.name, f.scope,
                   (SELECT count(*) FROM rm_forum_members fm WHERE fm.forum_id = f.id AND NOT fm.removed) AS members,
                   (SELECT count(*) FROM rm_meetings m
                    WHERE m.forum_id = f.id AND m.status = 'held' AND (@from::date IS NULL OR m.date >= @from) AND (@to::date IS NULL OR m.date <= @to))
                       AS meetings
            FROM rm_forums f
            WHERE f.name IS NOT NULL AND {Scope.Forum}
              AND (@to::date IS NULL OR f.created_at < @to::date + 1
                   OR EXISTS (SELECT 1 FROM rm_meetings m WHERE m.forum_id = f.id AND m.status = 'held' AND m.date >= @from AND m.date <= @to))
            ORDER BY f.name, f.id
            """,
            row => new ForumLine(row.GetGuid("id"), row.GetString("name"), row.GetString("scope"), (int)row.GetInt64("members"), (int)row.GetInt64("meetings")),
            cancellationToken, [new("assignment", assignment), .. Dates(period)]);

    /// <summary>The published lessons in the assignment's <see cref="Scope"/> (in a period: documented in it).</summary>
    private static Task<List<LessonLine>> LessonLinesAsync(Snapshot snapshot, ReportPeriod? period, string assignment, CancellationToken cancellationToken) =>
        ListAsync(snapshot, $"""
            SELECT l.id, l.title, l.text, l.target_groups, l.published_at, l.documented_on FROM lessons l
            WHERE l.published AND (@from::date IS NULL OR l.documented_on >= @from) AND (@to::date IS NULL OR l.documented_on <= @to)
              AND {Scope.Lesson}
            ORDER BY l.documented_on, l.title, l.id
            """,
            row => new LessonLine(
                row.GetGuid("id"),
                row.GetString("title"),
                row.GetString("text"),
                row.GetFieldValue<string[]>("target_groups"),
                row.IsDBNull("published_at") ? null : row.GetFieldValue<DateTimeOffset>("published_at"),
                row.GetFieldValue<DateOnly>("documented_on")),
            cancellationToken, [new("assignment", assignment), .. Dates(period)]);

    /// <summary>The indicators of <paramref name="efforts"/>, in the efforts' order, then by name.</summary>
    private static async Task<List<IndicatorLine>> IndicatorLinesAsync(Snapshot snapshot, IReadOnlyList<EffortLine> efforts, CancellationToken cancellationToken)
    {
        var titles = efforts.Select((effort, index) => (effort.Id, effort.Title, index)).ToDictionary(entry => entry.Id);
        var lines = await ListAsync(snapshot, "SELECT effort_id, name, unit, baseline, target, actual FROM rm_effort_indicators WHERE effort_id = ANY (@ids) AND NOT removed",
            row =>
            {
                var (baseline, target) = (row.GetDecimal("baseline"), row.GetDecimal("target"));
                decimal? actual = row.IsDBNull("actual") ? null : row.GetDecimal("actual");
                return new IndicatorLine(row.GetGuid("effort_id"), titles[row.GetGuid("effort_id")].Title, row.GetString("name"), row.GetString("unit"), baseline, target, actual,
                    IndicatorRules.AchievedPercent(baseline, target, actual));
            },
            cancellationToken, new NpgsqlParameter("ids", titles.Keys.ToArray()));
        return [.. lines.OrderBy(line => titles[line.EffortId].index).ThenBy(line => line.Name, StringComparer.Ordinal)];
    }

    /// <summary>Which of the parties the decision names are members of <paramref name="forums"/> or attended <paramref name="meetings"/>.</summary>
    private static async Task<DialogueReach> DialogueAsync(
        Snapshot snapshot, IReadOnlyList<ForumLine> forums, IReadOnlyList<MeetingLine> meetings, CancellationToken cancellationToken)
    {
        var actors = await ListAsync(snapshot, """
            SELECT id, name, kind, municipality_code, county_codes FROM actors
            WHERE active AND name IS NOT NULL AND kind = ANY (@kinds)
            """,
            row => new PartyActor(row.GetGuid("id"), row.GetString("name"), row.GetString("kind"),
                row.IsDBNull("municipality_code") ? null : row.GetString("municipality_code"), row.GetFieldValue<string[]>("county_codes")),
            cancellationToken,
            new NpgsqlParameter("kinds", new[] { ActorKinds.Region, ActorKinds.CountyBoard, ActorKinds.Municipality, ActorKinds.Agency, ActorKinds.Company }));
        var memberships = await ListAsync(snapshot, "SELECT actor_id, forum_id AS place FROM rm_forum_members WHERE forum_id = ANY (@ids) AND NOT removed",
            row => (Actor: row.GetGuid("actor_id"), Place: row.GetGuid("place")), cancellationToken,
            new NpgsqlParameter("ids", forums.Select(forum => forum.Id).ToArray()));
        var attendances = await ListAsync(snapshot, "SELECT DISTINCT unnest(attending_actor_ids) AS actor_id, id AS place FROM rm_meetings WHERE id = ANY (@ids)",
            row => (Actor: row.GetGuid("actor_id"), Place: row.GetGuid("place")), cancellationToken,
            new NpgsqlParameter("ids", meetings.Select(meeting => meeting.Id).ToArray()));
        return DialogueCoverage.Of(actors, ByActor(memberships), ByActor(attendances));

        static Dictionary<Guid, IReadOnlySet<Guid>> ByActor(IEnumerable<(Guid Actor, Guid Place)> pairs) =>
            pairs.GroupBy(pair => pair.Actor).ToDictionary(group => group.Key, group => (IReadOnlySet<Guid>)group.Select(pair => pair.Place).ToHashSet());
    }

    private static async Task<List<T>> ListAsync<T>(
        Snapshot snapshot, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var items = new List<T>();
        await ForEachAsync(snapshot, sql, reader => items.Add(read(reader)), cancellationToken, parameters);
        return items;
    }

    private static async Task ForEachAsync(
        Snapshot snapshot, string sql, Action<NpgsqlDataReader> read, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, snapshot.Connection, snapshot.Transaction);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }

    /// <summary>
    /// What belongs to the report of an assignment (<c>@assignment</c>), as SQL conditions: what a coordinator linked to
    /// it, and what the efforts it funds address or taught.
    /// </summary>
    private static class Scope
    {
        /// <summary>A challenge (<c>c</c>) linked to the assignment or addressed by an effort it funds.</summary>
        public const string Challenge = """
            (@assignment = ANY (c.assignments)
             OR EXISTS (SELECT 1 FROM rm_efforts e WHERE e.funding_assignment = @assignment AND e.title IS NOT NULL AND c.id = ANY (e.challenge_ids)))
            """;

        /// <summary>A forum (<c>f</c>) linked to the assignment.</summary>
        public const string Forum = "@assignment = ANY (f.assignments)";

        /// <summary>A meeting (<c>m</c>, with its forum <c>f</c> if it has one) linked to the assignment or held by a forum linked to it.</summary>
        public const string Meeting = "(@assignment = ANY (m.assignments) OR coalesce(@assignment = ANY (f.assignments), false))";

        /// <summary>A lesson (<c>l</c>) linked to the assignment, learnt from an effort it funds or about a challenge in its scope.</summary>
        public const string Lesson = $"""
            (@assignment = ANY (l.assignments)
             OR EXISTS (SELECT 1 FROM rm_efforts e WHERE e.funding_assignment = @assignment AND e.title IS NOT NULL AND e.id = ANY (l.effort_ids))
             OR EXISTS (SELECT 1 FROM rm_challenges c WHERE c.id = ANY (l.challenge_ids) AND {Challenge}))
            """;
    }

    /// <summary>A read-only repeatable-read transaction: every query of one report sees the same data.</summary>
    private sealed record Snapshot(NpgsqlConnection Connection, NpgsqlTransaction Transaction, DateTimeOffset AsOf, DateTimeOffset? LastEventAt) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
