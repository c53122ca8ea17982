using System.Globalization;
using Platform.Client;
using Platform.Client.Models;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>
/// The coordinator's journey through the gateway with the SDK, calling every operation of the public API once at
/// least: actors and an establishment, municipalities of both counties submitting the same need in their own words,
/// one cross-county challenge, an effort funded by KN2023/03505 with spending and progress, a lesson, and the reports.
/// </summary>
public sealed class ClientJourneyTests(PlatformFixture platform)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Unique(string text) => $"{text} {Guid.NewGuid().ToString("N")[..6]}";

    private static Task<T> WhenKnownAsync<T>(Func<Task<T>> call, string what) => PlatformFixture.WhenKnownAsync(call, what, Token);

    [Fact]
    public async Task A_coordinator_follows_needs_from_two_counties_to_a_funded_effort_and_the_report()
    {
        var coordinator = platform.CreatePlatformClient("coordinator");
        var reader = platform.CreatePlatformClient("reader");

        // Reference data.
        Assert.Equal(2, (await reader.Geography.ListCountiesAsync(cancellationToken: Token)).Total);
        Assert.Equal(29, (await reader.Geography.ListMunicipalitiesAsync(pageSize: 100, cancellationToken: Token)).Total);
        Assert.Contains(await reader.Challenges.ListThemesAsync(Token), theme => theme.Code == "skills");

        // A company and its establishment.
        var company = await coordinator.Actors.RegisterAsync(new ActorRequest(Unique("Grönt Stål i Boden AB"), "company", CountyCodes: ["25"]), Token).WithETagAsync();
        var fetched = await coordinator.Actors.GetAsync(company.Value.Id, Token).WithETagAsync();
        var updated = await coordinator.Actors.UpdateAsync(company.Value.Id, new ActorRequest(company.Value.Name, "company", CountyCodes: ["25"], Website: "https://gronstal.example.se"), fetched.ETag, Token).WithETagAsync();
        Assert.NotEqual(fetched.ETag, updated.ETag);
        Assert.Contains((await reader.Actors.SearchAsync(text: company.Value.Name, cancellationToken: Token)).Items, actor => actor.Id == company.Value.Id);
        var establishment = await coordinator.Establishments.RegisterAsync(
            new EstablishmentRequest(company.Value.Id, "Fossilfritt stålverk", "steel", "2582", "permitting", 45_000_000_000m, 1_500), Token).WithETagAsync();
        var construction = await coordinator.Establishments.UpdateAsync(establishment.Value.Id,
            new EstablishmentRequest(company.Value.Id, "Fossilfritt stålverk", "steel", "2582", "construction", 45_000_000_000m, 1_500), establishment.ETag, Token).WithETagAsync();
        Assert.Equal("construction", construction.Value.Phase);
        Assert.Equal("construction", (await reader.Establishments.GetAsync(establishment.Value.Id, Token).WithETagAsync()).Value.Phase);
        Assert.Contains((await reader.Establishments.SearchAsync(municipality: "2582", pageSize: 100, cancellationToken: Token)).Items, e => e.Id == establishment.Value.Id);

        // Municipalities of both counties (seeded by the registry) say the same thing in their own words.
        var lulea = (await reader.Actors.SearchAsync(kind: "municipality", municipality: "2580", cancellationToken: Token)).Items.Single();
        var skelleftea = (await reader.Actors.SearchAsync(kind: "municipality", municipality: "2482", cancellationToken: Token)).Items.Single();
        var topic = Guid.NewGuid().ToString("N")[..8];
        var fromLulea = platform.CreatePlatformClient("actor", lulea.Id);
        var fromSkelleftea = platform.CreatePlatformClient("actor", skelleftea.Id);
        var draft = new SimilarNeedsRequest($"Svetsare och elektriker saknas {topic}", "Industrin behöver svetsare och elektriker.");
        _ = await fromLulea.Needs.FindSimilarAsync(draft, Token);
        var luleaNeed = await WhenKnownAsync(() => fromLulea.Needs.SubmitAsync(new NeedRequest(
            $"Svetsare och elektriker saknas till industrin {topic}",
            $"Luleå behöver utbilda fler svetsare och elektriker {topic} till batteri- och stålindustrin; vi saknar cirka 400 svetsare och elektriker till 2027.",
            "skills", ["2580"], "high", Quantity: new Quantity(400, "personer"), NeededBy: "2030-06-30", IdentifiedOn: "2023-09-04"), Token).WithETagAsync(), "Luleå in needs-intake");
        var skellefteaNeed = await WhenKnownAsync(() => fromSkelleftea.Needs.SubmitAsync(new NeedRequest(
            $"Brist på svetsare och elektriker inom industrin {topic}",
            $"Skellefteå saknar svetsare och elektriker {topic} när batteri- och stålindustrin växer; cirka 300 svetsare och elektriker behövs till 2027.",
            "skills", ["2482"], "high", IdentifiedOn: "2023-10-09"), Token).WithETagAsync(), "Skellefteå in needs-intake");

        // They cluster into one challenge, which spans both counties.
        Guid challengeId = default;
        await Wait.UntilAsync(async () =>
        {
            var first = (await reader.Challenges.ListAsync(theme: "skills", crossCounty: true, pageSize: 100, cancellationToken: Token)).Items
                .FirstOrDefault(c => c.NeedIds.Contains(luleaNeed.Value.Id) && c.NeedIds.Contains(skellefteaNeed.Value.Id));
            challengeId = first?.Id ?? default;
            return first is not null;
        }, Timeout, "both needs in one cross-county challenge", Token);
        var challenge = await coordinator.Challenges.GetAsync(challengeId, Token).WithETagAsync();
        Assert.Equal(["24", "25"], challenge.Value.CountyCodes);
        Assert.True(challenge.Value.CrossCounty);

        // Needs follow: linked, triaged, with history; the coordinator sees both.
        await Wait.UntilAsync(async () => (await fromLulea.Needs.GetAsync(luleaNeed.Value.Id, Token).WithETagAsync()).Value.Status == "linked", Timeout, "Luleå's need linked", Token);
        var linked = await coordinator.Needs.GetAsync(luleaNeed.Value.Id, Token).WithETagAsync();
        var triaged = await OptimisticConcurrency.RetryWhenStaleAsync(async () =>
        {
            linked = await coordinator.Needs.GetAsync(luleaNeed.Value.Id, Token).WithETagAsync();
            return await coordinator.Needs.TriageAsync(linked.Value.Id, new TriageRequest("accept"), linked.ETag, Token).WithETagAsync();
        });
        Assert.Equal("linked", triaged.Value.Status);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => coordinator.Needs.TriageAsync(linked.Value.Id, new TriageRequest("accept"), linked.ETag, Token).WithETagAsync());
        Assert.Contains((await coordinator.Needs.GetHistoryAsync(linked.Value.Id, cancellationToken: Token)).Items, entry => entry.Action == "triaged");
        Assert.Contains((await coordinator.Needs.ListAsync(challenge: challengeId, cancellationToken: Token)).Items, need => need.Id == skellefteaNeed.Value.Id);

        // A hand-made challenge merged in, a status change.
        var manual = await coordinator.Challenges.CreateAsync(new CreateChallengeRequest("skills", Unique("Yrkesutbildning i norr"), "Öppnad för hand av samordnaren."), Token).WithETagAsync();
        await OptimisticConcurrency.RetryWhenStaleAsync(async () =>
        {
            var current = await coordinator.Challenges.GetAsync(challengeId, Token).WithETagAsync();
            return await coordinator.Challenges.MergeAsync(challengeId, new MergeChallengeRequest(manual.Value.Id), current.ETag, Token).WithETagAsync();
        });
        var analysed = await OptimisticConcurrency.RetryWhenStaleAsync(async () =>
        {
            var current = await coordinator.Challenges.GetAsync(challengeId, Token).WithETagAsync();
            return await coordinator.Challenges.ChangeStatusAsync(challengeId, new ChallengeStatusRequest("analysed", "Behovet är kartlagt."), current.ETag, Token).WithETagAsync();
        });
        Assert.Equal("analysed", analysed.Value.Status);

        // A third need, relinked by hand and then withdrawn by its submitter.
        var third = await fromLulea.Needs.SubmitAsync(new NeedRequest(Unique("Lärarbrist i yrkesprogram"), "Luleå saknar yrkeslärare för el- och svetsutbildningar.", "education", ["2580"], "medium"), Token).WithETagAsync();
        await Wait.UntilAsync(async () => (await coordinator.Needs.GetAsync(third.Value.Id, Token).WithETagAsync()).Value.ChallengeId is not null, Timeout, "the third need clustered", Token);
        var relinked = await OptimisticConcurrency.RetryWhenStaleAsync(async () =>
        {
            var target = await coordinator.Challenges.GetAsync(challengeId, Token).WithETagAsync();
            return await coordinator.Challenges.RelinkNeedAsync(challengeId, new RelinkNeedRequest(third.Value.Id), target.ETag, Token).WithETagAsync();
        });
        Assert.Contains(third.Value.Id, relinked.Value.NeedIds);
        var withdrawn = await fromLulea.Needs.WithdrawAsync(third.Value.Id, new WithdrawRequest("Löst lokalt."), cancellationToken: Token).WithETagAsync();
        Assert.Equal("withdrawn", withdrawn.Value.Status);

        // Collaboration: a forum working for the assignment, and a meeting of it about the challenge.
        var forum = await coordinator.Forums.CreateAsync(new ForumRequest(
            Unique("Kompetensrådet Norr"), "cross-county", "Samordnar kompetensförsörjningen i båda länen.", lulea.Id, ["KN2023/03505"]), Token);
        forum = await coordinator.Forums.AddMemberAsync(forum.Id, new ForumMemberRequest(skelleftea.Id, "member"), Token);
        Assert.Equal(2, (await reader.Forums.GetAsync(forum.Id, Token).WithETagAsync()).Value.Members.Count);
        Assert.Contains((await reader.Forums.ListAsync(scope: "cross-county", pageSize: 100, cancellationToken: Token)).Items, f => f.Id == forum.Id);
        var meeting = await WhenKnownAsync(() => coordinator.Meetings.RecordAsync(new MeetingRequest(new DateOnly(2024, 1, 15), "Dialogmöte om svetsare och elektriker", forum.Id,
            AttendingActorIds: [lulea.Id, skelleftea.Id], NeedIds: [luleaNeed.Value.Id], ChallengeIds: [challengeId]), Token), "the need and the challenge in the registry");
        Assert.Equal(meeting.Id, (await reader.Meetings.GetAsync(meeting.Id, Token).WithETagAsync()).Value.Id);
        Assert.Contains((await reader.Meetings.ListAsync(forum: forum.Id, cancellationToken: Token)).Items, m => m.Id == meeting.Id);

        // An effort funded by the assignment: spending and progress.
        var region = (await reader.Actors.SearchAsync(kind: "region", county: "25", cancellationToken: Token)).Items.First();
        var effort = await WhenKnownAsync(() => coordinator.Efforts.LaunchAsync(new EffortRequest(
            Unique("Snabbspår för svetsare och elektriker"), [challengeId], region.Id, "2023-08-01", "2024-12-31", 1_250_000.50m,
            [new Participant(lulea.Id, "implementing"), new Participant(skelleftea.Id, "implementing")], "ongoing", "KN2023/03505"), Token).WithETagAsync(), "the region in challenge-tracking");
        decimal[] amounts = [333_333.33m, 0.01m, 416_666.66m];
        foreach (var (amount, i) in amounts.Select((amount, i) => (amount, i)))
        {
            _ = await coordinator.Efforts.RecordExpenditureAsync(effort.Value.Id, new ExpenditureRequest($"2023-{9 + i:D2}-15", amount, i == 1 ? "travel" : "personnel", "Utbildningsomgång"), cancellationToken: Token).WithETagAsync();
        }

        var spent = await coordinator.Efforts.GetAsync(effort.Value.Id, Token).WithETagAsync();
        Assert.Equal(amounts.Sum(), spent.Value.SpentSek);
        var progressed = await coordinator.Efforts.ReportProgressAsync(effort.Value.Id, new ProgressRequest(60, Note: "Två omgångar klara.",
            Indicators: [new Indicator("Utbildade svetsare", "personer", 0, 200, 120)]), spent.ETag, Token).WithETagAsync();
        Assert.Equal(60, progressed.Value.ProgressPercent);
        Assert.Contains((await reader.Efforts.ListAsync(assignment: "KN2023/03505", pageSize: 100, cancellationToken: Token)).Items, e => e.Id == effort.Value.Id);

        // A lesson, once reporting knows the effort and the challenge.
        var lesson = await WhenKnownAsync(() => coordinator.Reporting.CreateLessonAsync(new LessonRequest(
            Unique("Gemensam rekrytering över länsgränsen"), "Kommuner som utbildade svetsare tillsammans fyllde kurserna snabbare.", ["kommuner", "regioner"],
            [effort.Value.Id], [challengeId], DocumentedOn: "2024-01-22"), Token).WithETagAsync(), "the effort and challenge in reporting");
        var published = await coordinator.Reporting.PublishLessonAsync(lesson.Value.Id, lesson.ETag, Token).WithETagAsync();
        Assert.True(published.Value.Published);
        Assert.True((await reader.Reporting.GetLessonAsync(lesson.Value.Id, Token).WithETagAsync()).Value.Published);
        Assert.Contains((await reader.Reporting.ListLessonsAsync(effort: effort.Value.Id, cancellationToken: Token)).Items, l => l.Id == lesson.Value.Id);

        // Assignments.
        var seeded = (await reader.Reporting.GetAssignmentAsync("KN2023/03505", Token).WithETagAsync()).Value;
        Assert.Equal(4_000_000m, seeded.BudgetSek);
        var added = await coordinator.Reporting.AddAssignmentAsync(new AssignmentRequest(
            $"N{Random.Shared.Next(1000, 9999)}/{Random.Shared.Next(1, 99_999):D5}", "Uppdrag om elnät i norr", "2024-02-01", "2025-02-01", "Anslag 1:4 Tillväxtverket", 2024, 2_000_000m), Token);
        Assert.Contains((await reader.Reporting.ListAssignmentsAsync(pageSize: 100, cancellationToken: Token)).Items, a => a.Reference == added.Reference);

        // The reports show all of it, with the right sums.
        await Wait.UntilAsync(async () =>
        {
            var finance = await reader.Reporting.GetFinanceAsync("KN2023/03505", cancellationToken: Token);
            return finance.ByEffort.Any(e => e.EffortId == effort.Value.Id && e.SpentSek == amounts.Sum());
        }, Timeout, "the effort's spending in the finance report", Token);
        var account = await reader.Reporting.GetFinanceAsync("KN2023/03505", cancellationToken: Token);
        Assert.Equal(account.BudgetSek - account.SpentToDateSek, account.RemainingSek);
        Assert.Equal(account.ByCategory.Sum(c => c.SpentSek), account.SpentSek);
        await Wait.UntilAsync(async () =>
            (await reader.Reporting.GetFinalReportAsync("KN2023/03505", Token)).Challenges.Any(c => c.Id == challengeId && c.CrossCounty && c.NeedCount >= 2),
            Timeout, "the cross-county challenge in the final report", Token);
        var report = await reader.Reporting.GetFinalReportAsync("KN2023/03505", Token);
        Assert.Contains(report.Efforts, e => e.Id == effort.Value.Id && e.SpentSek == amounts.Sum());
        Assert.Contains(report.Lessons, l => l.Id == lesson.Value.Id);
        Assert.Contains(report.Meetings, m => m.Id == meeting.Id);
        Assert.Contains(report.Forums, f => f.Id == forum.Id);
        Assert.Equal(account.SpentSek, report.Finance.SpentSek);
        var overview = await reader.Reporting.GetOverviewAsync(Token);
        Assert.True(overview.Challenges.CrossCounty >= 1 && overview.Needs.Total >= 3);
        var html = await reader.Reporting.DownloadFinalReportAsync("KN2023/03505", "html", Token);
        Assert.Contains("Redovisning av regeringsuppdrag", System.Text.Encoding.UTF8.GetString(html.Content), StringComparison.Ordinal);
        var xlsx = await reader.Reporting.DownloadFinalReportAsync("KN2023/03505", "xlsx", Token);
        Assert.Equal((byte)'P', xlsx.Content[0]);
        var progress = await reader.Reporting.GetProgressReportAsync("2023-09-01", "2023-09-30", "KN2023/03505", Token);
        Assert.Contains(progress.Efforts, e => e.Id == effort.Value.Id && e.SpentSek == amounts[0]);
        var csv = await reader.Reporting.DownloadProgressReportAsync("2023-09-01", "2023-09-30", "csv", "KN2023/03505", Token, CsvDialects.Rfc4180);
        Assert.StartsWith("tabell,rad,kolumn,värde", System.Text.Encoding.UTF8.GetString(csv.Content), StringComparison.Ordinal);

        // A bulk import by the coordinator, and a company deactivated and reactivated.
        var imported = await coordinator.Needs.ImportCsvAsync(
            $"title,description,theme,municipality_codes,urgency,submitted_by_actor_id\r\n{Unique("Elnätskapacitet i Boden")},Boden behöver 300 MW till stålverket.,electricity,2582,critical,{lulea.Id}\r\n", Token);
        Assert.Equal(1, imported.Imported);
        var throwaway = await coordinator.Actors.RegisterAsync(new ActorRequest(Unique("Nedlagt Bolag AB"), "company"), Token).WithETagAsync();
        var deactivated = await coordinator.Actors.DeactivateAsync(throwaway.Value.Id, new DeactivateActorRequest("Verksamheten upphörde."), throwaway.ETag, Token).WithETagAsync();
        Assert.False(deactivated.Value.Active);
        var reactivated = await coordinator.Actors.ReactivateAsync(throwaway.Value.Id, new ReactivateActorRequest("Verksamheten återupptagen."), deactivated.ETag, Token).WithETagAsync();
        Assert.True(reactivated.Value.Active);
        var history = await reader.Actors.GetHistoryAsync(throwaway.Value.Id, cancellationToken: Token);
        Assert.Equal(["registered", "deactivated", "reactivated"], history.Items.Select(entry => entry.Action));
    }

    [Fact]
    public async Task Problem_details_become_typed_exceptions_naming_the_field()
    {
        var coordinator = platform.CreatePlatformClient("coordinator");
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => coordinator.Actors.RegisterAsync(new ActorRequest("", "company"), Token).WithETagAsync());
        Assert.True(invalid.Errors.ContainsKey("name"));
        Assert.Equal(400, invalid.Status);
        Assert.False(string.IsNullOrEmpty(invalid.CorrelationId));

        var unknown = await Assert.ThrowsAsync<UnprocessableException>(() => coordinator.Needs.SubmitAsync(
            new NeedRequest("Bostäder i Kiruna", "Kiruna behöver bostäder när staden flyttar.", "housing", ["2584"], "high", SubmittedByActorId: Guid.NewGuid()), Token).WithETagAsync());
        Assert.True(unknown.Errors.ContainsKey("submittedByActorId"));

        await Assert.ThrowsAsync<NotFoundException>(() => coordinator.Challenges.GetAsync(Guid.NewGuid(), Token).WithETagAsync());
        await Assert.ThrowsAsync<ForbiddenException>(() => platform.CreatePlatformClient("reader").Needs.ListAsync(cancellationToken: Token));
        var mismatch = await Assert.ThrowsAsync<ConflictException>(() => coordinator.Reporting.AddAssignmentAsync(new AssignmentRequest(
            "KN2023/03505", "Dubblett", "2023-06-22", "2024-01-31", "Anslag 1:4 Tillväxtverket", 2023, 1m), Token));
        Assert.Equal(409, mismatch.Status);
        Assert.Equal("2024-01-31", (await coordinator.Reporting.GetAssignmentAsync("KN2023/03505", Token).WithETagAsync()).Value.ReportDueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
