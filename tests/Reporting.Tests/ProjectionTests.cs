using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;

namespace Platform.Reporting.Tests;

/// <summary>The read models are the same whatever order events arrive in and however often.</summary>
public sealed class ProjectionTests(ReportingApp app)
{
    private static readonly Guid Submitter = Guid.NewGuid();
    private static readonly Guid Lead = Guid.NewGuid();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed record Ids(Guid Need, Guid Challenge, Guid Target, Guid Effort, Guid Expenditure1, Guid Expenditure2);

    private static Ids NewIds() => new(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());

    /// <summary>
    /// A need's life: submitted, clustered, accepted with a corrected theme, its challenge merged into another, which is
    /// then resolved; an effort launched, spending twice, reporting progress and completing.
    /// </summary>
    private static List<IIntegrationEvent> Story(Ids ids, DateTimeOffset start)
    {
        DateTimeOffset At(int seconds) => start.AddSeconds(seconds);
        return
        [
            new NeedSubmitted
            {
                NeedId = ids.Need, Reference = "BEH-2026-000001", Title = "Bostäder för inflyttande", Description = "Brist på bostäder",
                Theme = "other", SubmittedByActorId = Submitter, SubmitterKind = "municipality", MunicipalityCodes = ["2582", "2482"],
                CountyCodes = ["25", "24"], Urgency = "high", OccurredAt = At(0),
            },
            new ChallengeIdentified { ChallengeId = ids.Challenge, Reference = "UTM-2026-9001", Theme = "housing", Title = "Bostadsbrist", Status = "identified", OccurredAt = At(1) },
            new NeedLinkedToChallenge { NeedId = ids.Need, ChallengeId = ids.Challenge, Score = 0.4, Automatic = true, OccurredAt = At(1) },
            new NeedTriaged { NeedId = ids.Need, Decision = "accept", Status = "linked", Theme = "housing", PreviousTheme = "other", OccurredAt = At(2) },
            new ChallengeIdentified { ChallengeId = ids.Target, Reference = "UTM-2026-9002", Theme = "housing", Title = "Bostäder i norr", Status = "identified", OccurredAt = At(3) },
            new ChallengesMerged { TargetChallengeId = ids.Target, MergedChallengeId = ids.Challenge, MovedNeedIds = [ids.Need], OccurredAt = At(4) },
            new ChallengeStatusChanged { ChallengeId = ids.Target, PreviousStatus = "identified", Status = "addressed", OccurredAt = At(5) },
            new ChallengeUpdated { ChallengeId = ids.Target, Title = "Bostäder i Boden och Skellefteå", Description = "Från ett öppet behov", OccurredAt = At(6) },
            new EffortLaunched
            {
                EffortId = ids.Effort, Title = "Bostadssatsning", ChallengeIds = [ids.Target], LeadActorId = Lead, Status = "planned",
                StartDate = new DateOnly(2026, 1, 1), EndDate = new DateOnly(2026, 12, 31), BudgetSek = 100_000.10m, FundingAssignment = "KN2023/03505", OccurredAt = At(5),
            },
            new ExpenditureRecorded { ExpenditureId = ids.Expenditure1, EffortId = ids.Effort, Date = new DateOnly(2026, 2, 1), AmountSek = 0.01m, Category = "travel", OccurredAt = At(6) },
            new EffortProgressReported
            {
                EffortId = ids.Effort, ProgressPercent = 40, Status = "ongoing", OccurredAt = At(7),
                Indicators = [new("Bostäder", "st", 0, 200, 20), new("Lägenheter", "st", 0, 40, 5)],
            },
            new EffortRevised
            {
                EffortId = ids.Effort, Version = 3, Title = "Bostadssatsning i Boden", LeadActorId = Lead, StartDate = new DateOnly(2026, 1, 1),
                EndDate = new DateOnly(2027, 6, 30), BudgetSek = 120_000m, Indicators = [new("Lägenheter", "st", 0, 50, 5)], RemovedIndicators = ["Bostäder"], OccurredAt = At(8),
            },
            new ExpenditureRecorded { ExpenditureId = ids.Expenditure2, EffortId = ids.Effort, Date = new DateOnly(2026, 3, 1), AmountSek = 99_999.99m, Category = "personnel", OccurredAt = At(8) },
            new EffortProgressReported { EffortId = ids.Effort, ProgressPercent = 100, Status = "completed", OccurredAt = At(9) },
            new EffortCompleted { EffortId = ids.Effort, CompletedOn = new DateOnly(2026, 11, 1), OccurredAt = At(9) },
            new ChallengeStatusChanged { ChallengeId = ids.Target, PreviousStatus = "addressed", Status = "resolved", OccurredAt = At(10) },
            new NeedResolved { NeedId = ids.Need, ChallengeId = ids.Target, OccurredAt = At(10) },
        ];
    }

    private async Task<string> StateAsync(Ids ids) =>
        string.Join('\n',
            (await app.RowAsync("rm_needs", ids.Need))!.Replace(ids.Target.ToString(), "TARGET", StringComparison.Ordinal),
            (await app.RowAsync("rm_challenges", ids.Challenge))!.Replace(ids.Target.ToString(), "TARGET", StringComparison.Ordinal),
            await app.RowAsync("rm_challenges", ids.Target),
            (await app.RowAsync("rm_efforts", ids.Effort))!.Replace(ids.Target.ToString(), "TARGET", StringComparison.Ordinal),
            await app.TextAsync($"SELECT string_agg(name || ' ' || target || ' ' || removed, ', ' ORDER BY name) FROM rm_effort_indicators WHERE effort_id = '{ids.Effort}'"));

    /// <summary>The same story for other ids: every event a copy with the same times and contents.</summary>
    private static List<IIntegrationEvent> Retold(Ids ids, DateTimeOffset start, Func<List<IIntegrationEvent>, IEnumerable<IIntegrationEvent>> arrange)
    {
        var story = Story(ids, start);
        return [.. arrange(story)];
    }

    [Fact]
    public async Task A_confidential_need_is_counted_but_its_title_is_not_kept()
    {
        var need = Guid.CreateVersion7();
        await app.ApplyAsync(
        [
            new NeedSubmitted
            {
                NeedId = need, Reference = "BEH-2026-000002", Title = "Hemlig expansion", Description = "Konfidentiellt", Theme = "electricity",
                SubmittedByActorId = Submitter, SubmitterKind = "company", MunicipalityCodes = ["2582"], CountyCodes = ["25"], Urgency = "high",
                Confidential = true, OccurredAt = DateTimeOffset.UtcNow,
            },
        ]);

        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM rm_needs WHERE id = $1 AND reference IS NOT NULL AND title IS NULL", need));
    }

    [Fact]
    public async Task Events_in_order_give_the_expected_read_models()
    {
        var ids = NewIds();
        var story = Story(ids, DateTimeOffset.UtcNow);
        await app.ApplyAsync(story);

        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM rm_needs WHERE id = $1 AND status = 'resolved' AND theme = 'housing' AND challenge_id = $2 AND counties = '24,25'", ids.Need, ids.Target));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM rm_challenges WHERE id = $1 AND status = 'archived' AND merged_into = $2", ids.Challenge, ids.Target));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM rm_challenges WHERE id = $1 AND status = 'resolved' AND title = 'Bostäder i Boden och Skellefteå'", ids.Target));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM rm_efforts WHERE id = $1 AND status = 'completed' AND progress_percent = 100 AND completed_on = DATE '2026-11-01'", ids.Effort));
        Assert.Equal(1, await app.ScalarAsync(
            "SELECT count(*) FROM rm_efforts WHERE id = $1 AND title = 'Bostadssatsning i Boden' AND budget_sek = 120000 AND end_date = DATE '2027-06-30'", ids.Effort));
        Assert.Equal("Bostäder 0 True, Lägenheter 50 False", await app.TextAsync(
            $"SELECT string_agg(name || ' ' || target || ' ' || initcap(removed::text), ', ' ORDER BY name) FROM rm_effort_indicators WHERE effort_id = '{ids.Effort}'"));
        Assert.Equal(100_000m, Convert.ToDecimal(await app.TextAsync($"SELECT sum(amount_sek) FROM rm_expenditures WHERE effort_id = '{ids.Effort}'"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(story.Count, await app.ScalarAsync("SELECT count(*) FROM event_log WHERE event_id = ANY ($1)", story.Select(e => e.EventId).ToArray()));
        Assert.Equal(1, await app.ScalarAsync("SELECT coalesce(sum(n), 0) FROM rm_challenge_need_counts WHERE challenge_id = $1 AND counties = '24,25'", ids.Target));
        Assert.Equal(0, await app.ScalarAsync("SELECT coalesce(sum(n), 0) FROM rm_challenge_need_counts WHERE challenge_id = $1", ids.Challenge));
    }

    [Fact]
    public async Task Reversed_shuffled_and_duplicated_events_give_the_same_read_models()
    {
        var start = DateTimeOffset.UtcNow;
        var inOrder = NewIds();
        await app.ApplyAsync(Story(inOrder, start));
        var expected = await StateAsync(inOrder);

        var reversed = NewIds();
        await app.ApplyAsync(Retold(reversed, start, story => Enumerable.Reverse(story)));
        Assert.Equal(expected, await StateAsync(reversed));

        var shuffled = NewIds();
        await app.ApplyAsync(Retold(shuffled, start, story =>
        {
            var random = new Random(7);
            var duplicated = story.Concat(story.Where((_, i) => i % 3 == 0)).ToArray();
            random.Shuffle(duplicated);
            return duplicated;
        }));
        Assert.Equal(expected, await StateAsync(shuffled));

        // Counted once per need whatever the order: the trigger-kept counts agree with the needs themselves.
        foreach (var ids in new[] { inOrder, reversed, shuffled })
        {
            Assert.Equal(1, await app.ScalarAsync("SELECT coalesce(sum(n), 0) FROM rm_challenge_need_counts WHERE challenge_id = $1", ids.Target));
            Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM rm_expenditures WHERE effort_id = $1", ids.Effort));
        }
    }

    [Fact]
    public async Task Forum_and_meeting_edits_give_the_same_read_models_in_any_order()
    {
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var start = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(start.UtcDateTime);
        List<IIntegrationEvent> Story(Guid forum, Guid meeting) =>
        [
            new ForumCreated { ForumId = forum, Name = "Elnätsforum", Scope = "regional", OccurredAt = start },
            new ForumMemberAdded { ForumId = forum, ActorId = a, Role = "member", OccurredAt = start.AddSeconds(1) },
            new ForumMemberAdded { ForumId = forum, ActorId = b, Role = "member", OccurredAt = start.AddSeconds(1) },
            new ForumMemberRoleChanged { ForumId = forum, ActorId = a, Role = "observer", PreviousRole = "member", OccurredAt = start.AddSeconds(2) },
            new ForumMemberRemoved { ForumId = forum, ActorId = b, Role = "member", OccurredAt = start.AddSeconds(3) },
            new ForumUpdated { ForumId = forum, Version = 5, Name = "Elnätsforum Norr", Purpose = "Samordning", Scope = "cross-county", OccurredAt = start.AddSeconds(4) },
            new MeetingRecorded { MeetingId = meeting, ForumId = forum, Date = today.AddDays(5), Title = "Elnätsmöte", Status = "planned", OccurredAt = start },
            new MeetingUpdated
            {
                MeetingId = meeting, Version = 2, ForumId = forum, Date = today.AddDays(-1), Title = "Elnätsmöte i Luleå", Status = "held", AttendingActorIds = [b, a],
                OccurredAt = start.AddSeconds(5),
            },
        ];

        async Task<string> StateOfAsync(Guid forum, Guid meeting) => string.Join('\n',
            await app.RowAsync("rm_forums", forum),
            await app.TextAsync($"SELECT string_agg(actor_id || ' ' || role || ' ' || removed, ', ' ORDER BY actor_id) FROM rm_forum_members WHERE forum_id = '{forum}'"),
            (await app.RowAsync("rm_meetings", meeting))!.Replace(forum.ToString(), "FORUM", StringComparison.Ordinal));

        var (forum1, meeting1) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await app.ApplyAsync(Story(forum1, meeting1));
        var expected = await StateOfAsync(forum1, meeting1);
        Assert.Contains("\"name\": \"Elnätsforum Norr\"", expected, StringComparison.Ordinal);
        Assert.Contains($"{b} member true", expected, StringComparison.Ordinal);
        Assert.Contains($"{a} observer false", expected, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"held\"", expected, StringComparison.Ordinal);

        var (forum2, meeting2) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await app.ApplyAsync(Enumerable.Reverse(Story(forum2, meeting2)));
        Assert.Equal(expected, (await StateOfAsync(forum2, meeting2)).Replace(forum2.ToString(), forum1.ToString(), StringComparison.Ordinal)
            .Replace(meeting2.ToString(), meeting1.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_before_the_submission_is_kept_and_the_need_counts_once_it_arrives()
    {
        var ids = NewIds();
        var story = Story(ids, DateTimeOffset.UtcNow);
        await app.ApplyAsync([story[2]]);
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM rm_needs WHERE id = $1 AND reference IS NULL AND challenge_id = $2", ids.Need, ids.Challenge));
        Assert.Equal(0, await app.ScalarAsync("SELECT coalesce(sum(n), 0) FROM rm_challenge_need_counts WHERE challenge_id = $1", ids.Challenge));

        await app.ApplyAsync([story[0]]);
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM rm_needs WHERE id = $1 AND status = 'linked' AND theme = 'other'", ids.Need));
        Assert.Equal(1, await app.ScalarAsync("SELECT coalesce(sum(n), 0) FROM rm_challenge_need_counts WHERE challenge_id = $1", ids.Challenge));
    }

    [Fact]
    public async Task A_rejected_need_stays_rejected_when_a_link_arrives_later()
    {
        var ids = NewIds();
        var start = DateTimeOffset.UtcNow;
        var story = Story(ids, start);
        await app.ApplyAsync([story[0], new NeedTriaged { NeedId = ids.Need, Decision = "reject", Status = "rejected", Theme = "other", Reason = "Dubblett", OccurredAt = start.AddSeconds(5) }, story[2]]);
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM rm_needs WHERE id = $1 AND status = 'rejected' AND challenge_id = $2", ids.Need, ids.Challenge));
    }

    [Fact]
    public async Task An_actor_deactivated_and_reactivated_is_active_in_any_order_and_through_the_broker()
    {
        var start = DateTimeOffset.UtcNow;
        List<IIntegrationEvent> Life(Guid actor) =>
        [
            new ActorRegistered { ActorId = actor, Name = "Återstartat AB", Kind = "company", OccurredAt = start },
            new ActorDeactivated { ActorId = actor, Reason = "Konkurs", Version = 2, OccurredAt = start.AddSeconds(1) },
            new ActorReactivated { ActorId = actor, Reason = "Rekonstruktion klar", Version = 3, OccurredAt = start.AddSeconds(2) },
        ];

        var inOrder = Guid.CreateVersion7();
        await app.ApplyAsync(Life(inOrder));
        var reversed = Guid.CreateVersion7();
        await app.ApplyAsync(Enumerable.Reverse(Life(reversed)));
        foreach (var actor in new[] { inOrder, reversed })
        {
            Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM actors WHERE id = $1 AND active AND kind = 'company' AND version = 3", actor));
        }

        var published = Guid.CreateVersion7();
        foreach (var @event in Life(published))
        {
            await app.PublishAsync((dynamic)@event, Token);
        }

        await app.WaitUntilAsync("SELECT count(*) FROM actors WHERE id = $1 AND active AND version = 3", published, "the reactivation projected", Token);
    }

    [Fact]
    public async Task Events_through_the_broker_are_projected_once_and_logged_once()
    {
        var ids = NewIds();
        var story = Story(ids, DateTimeOffset.UtcNow);
        foreach (var @event in story.Concat(story.Take(3)))
        {
            await app.PublishAsync((dynamic)@event, Token);
        }

        await app.WaitUntilAsync("SELECT count(*) FROM rm_needs WHERE id = $1 AND status = 'resolved' AND challenge_id IS NOT NULL", ids.Need, "the need resolved", Token);
        await app.WaitUntilAsync("SELECT count(*) FROM rm_efforts WHERE id = $1 AND status = 'completed'", ids.Effort, "the effort completed", Token);
        await Platform.Testing.Wait.UntilAsync(
            async () => await app.ScalarAsync("SELECT count(*) FROM event_log WHERE event_id = ANY ($1)", story.Select(e => e.EventId).ToArray()) == story.Count,
            TimeSpan.FromSeconds(30), "every event logged", Token);
        Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM rm_expenditures WHERE effort_id = $1", ids.Effort));
        Assert.Equal(1, await app.ScalarAsync("SELECT coalesce(sum(n), 0) FROM rm_challenge_need_counts WHERE challenge_id = $1", ids.Target));
    }
}
