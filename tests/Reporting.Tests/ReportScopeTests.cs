using System.Net.Http.Json;
using System.Text.Json;
using Platform.Client.Models;
using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;

namespace Platform.Reporting.Tests;

/// <summary>
/// An assignment's report holds what belongs to it: the forums, meetings and challenges linked to it (a meeting also
/// through its forum, a challenge also through an effort it funds), in a progress report those of its period; nothing
/// unrelated.
/// </summary>
public sealed class ReportScopeTests(ReportingApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_report_holds_what_is_linked_to_its_assignment_and_nothing_else()
    {
        var assignment = await app.AddAssignmentAsync(100_000m, Token);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        Guid linkedForum = Guid.CreateVersion7(), otherForum = Guid.CreateVersion7();
        Guid linkedChallenge = Guid.CreateVersion7(), unlinkedChallenge = Guid.CreateVersion7(), otherChallenge = Guid.CreateVersion7();
        IIntegrationEvent Meeting(string title, DateOnly date, Guid? forum, Guid[]? attending = null, params string[] assignments) =>
            new MeetingRecorded
            {
                MeetingId = Guid.CreateVersion7(), Title = $"{title} {tag}", Date = date, ForumId = forum, AttendingActorIds = attending ?? [], Assignments = assignments,
                OccurredAt = now,
            };
        IIntegrationEvent Challenge(Guid id, string title) =>
            new ChallengeIdentified { ChallengeId = id, Reference = $"UTM-2024-{Random.Shared.Next(10_000):D4}", Theme = "housing", Title = $"{title} {tag}", Status = "identified", OccurredAt = now };

        // Two municipalities: one attends the assignment's meeting, the other only a meeting of an unrelated forum.
        Guid attending = Guid.CreateVersion7(), elsewhere = Guid.CreateVersion7();
        await app.ApplyAsync(
        [
            new ActorRegistered { ActorId = attending, Name = $"Deltagande kommun {tag}", Kind = "municipality", MunicipalityCode = "2584", OccurredAt = now },
            new ActorRegistered { ActorId = elsewhere, Name = $"Frånvarande kommun {tag}", Kind = "municipality", MunicipalityCode = "2480", OccurredAt = now },
            new ForumCreated { ForumId = linkedForum, Name = $"Uppdragets forum {tag}", Scope = "cross-county", Assignments = [assignment], OccurredAt = now.AddYears(-3) },
            new ForumCreated { ForumId = otherForum, Name = $"Annat forum {tag}", Scope = "regional", OccurredAt = now.AddYears(-3) },
            Meeting("Forumets möte", new DateOnly(2024, 3, 1), linkedForum),
            Meeting("Uppdragets möte", new DateOnly(2024, 4, 1), null, [attending], assignment),
            Meeting("Annat forums möte", new DateOnly(2024, 5, 1), otherForum, [elsewhere]),
            Challenge(linkedChallenge, "Kopplad utmaning"),
            Challenge(unlinkedChallenge, "Urkopplad utmaning"),
            Challenge(otherChallenge, "Annan utmaning"),
            new ChallengeAssignmentsChanged { ChallengeId = linkedChallenge, Assignments = [assignment], OccurredAt = now },
            // The newest set is kept whatever order the events arrive in: the later one took the assignment away.
            new ChallengeAssignmentsChanged { ChallengeId = unlinkedChallenge, Assignments = [], OccurredAt = now.AddSeconds(2) },
            new ChallengeAssignmentsChanged { ChallengeId = unlinkedChallenge, Assignments = [assignment], OccurredAt = now.AddSeconds(1) },
        ]);

        // Lessons: one reported under the assignment, one under none of its things; a lesson naming an unregistered assignment is 422.
        using var coordinator = app.Client("coordinator");
        foreach (var (title, assignments) in new[] { ($"Uppdragets lärdom {tag}", new[] { assignment }), ($"Annan lärdom {tag}", Array.Empty<string>()) })
        {
            using var created = await coordinator.PostAsJsonAsync("/api/lessons",
                new { title, text = "En lärdom om samverkan över länsgränsen.", targetGroups = new[] { "kommuner" }, published = true, assignments }, Token);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        using var unregistered = await coordinator.PostAsJsonAsync("/api/lessons",
            new { title = "Lärdom", text = "En lärdom om samverkan över länsgränsen.", targetGroups = new[] { "kommuner" }, assignments = new[] { "KN1999/00001" } }, Token);
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, unregistered.StatusCode);
        Assert.Contains("assignments[0]", await unregistered.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        using var reader = app.Client("reader");
        var final = (await reader.GetFromJsonAsync<ReportDocument>($"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}", Json, Token))!;
        Assert.Equal([$"Uppdragets lärdom {tag}"], final.Lessons.Select(lesson => lesson.Title));
        Assert.Equal([$"Uppdragets forum {tag}"], final.Forums.Select(forum => forum.Name));
        Assert.Equal([$"Forumets möte {tag}", $"Uppdragets möte {tag}"], final.Meetings.Select(meeting => meeting.Title));
        Assert.Equal([linkedChallenge], final.Challenges.Select(challenge => challenge.Id));
        Assert.DoesNotContain(final.Dialogue.Unreached, party => party.Actor == $"Deltagande kommun {tag}");
        Assert.Contains(new UnreachedParty("Kommunerna i Västerbottens län", $"Frånvarande kommun {tag}"), final.Dialogue.Unreached);
        Assert.Contains(final.Dialogue.Parties, party => party.Party == "Kommunerna i Norrbottens län" && party.Reached >= 1 && party.Meetings >= 1);

        var html = await reader.GetStringAsync($"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}&format=html", Token);
        Assert.Contains($"Uppdragets forum {tag}", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"Annat forum {tag}", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"Annan utmaning {tag}", html, StringComparison.Ordinal);

        var march = (await reader.GetFromJsonAsync<ReportDocument>(
            $"/api/reports/progress?assignment={Uri.EscapeDataString(assignment)}&from=2024-03-01&to=2024-03-31", Json, Token))!;
        Assert.Equal([$"Forumets möte {tag}"], march.Meetings.Select(meeting => meeting.Title));
        Assert.Equal(1, Assert.Single(march.Forums).Meetings);
    }

    [Fact]
    public async Task The_final_report_covers_the_assignment_from_its_decision_to_its_report_due_date()
    {
        var assignment = await app.AddAssignmentAsync(10_000m, Token);
        var due = new DateOnly(DateTime.UtcNow.Year + 1, 12, 31);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        Guid registeredLate = Guid.CreateVersion7(), neverMet = Guid.CreateVersion7();
        await app.ApplyAsync(
        [
            // Registered after the report was due: one forum met during the assignment, the other never did.
            new ForumCreated { ForumId = registeredLate, Name = $"Efterregistrerat forum {tag}", Scope = "regional", Assignments = [assignment], OccurredAt = now.AddYears(2) },
            new ForumCreated { ForumId = neverMet, Name = $"Senare forum {tag}", Scope = "regional", Assignments = [assignment], OccurredAt = now.AddYears(2) },
            new MeetingRecorded
            {
                MeetingId = Guid.CreateVersion7(), Title = $"Möte under uppdraget {tag}", Date = new DateOnly(2024, 2, 1), ForumId = registeredLate, OccurredAt = now,
            },
            new MeetingRecorded
            {
                MeetingId = Guid.CreateVersion7(), Title = $"Möte före beslutet {tag}", Date = new DateOnly(2024, 1, 9), ForumId = registeredLate, OccurredAt = now,
            },
        ]);

        // Lessons typed in today keep the day they were documented: before the decision, on it, and today.
        using var coordinator = app.Client("coordinator");
        foreach (var (title, documentedOn) in new[] { ("före beslutet", "2024-01-09"), ("på beslutsdagen", "2024-01-10"), ("i dag", (string?)null) })
        {
            using var created = await coordinator.PostAsJsonAsync("/api/lessons", new
            {
                title = $"Lärdom {title} {tag}", text = "En lärdom om samverkan över länsgränsen.", targetGroups = new[] { "kommuner" }, published = true,
                assignments = new[] { assignment }, documentedOn,
            }, Token);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(documentedOn ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime)
                .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                (await created.Content.ReadFromJsonAsync<Lesson>(Json, Token))!.DocumentedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        using var future = await coordinator.PostAsJsonAsync("/api/lessons", new
        {
            title = $"Lärdom i morgon {tag}", text = "En lärdom om samverkan över länsgränsen.", targetGroups = new[] { "kommuner" }, documentedOn = "2199-01-01",
        }, Token);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("documentedOn", await future.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        using var reader = app.Client("reader");
        var final = (await reader.GetFromJsonAsync<ReportDocument>($"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}", Json, Token))!;
        Assert.Equal("final", final.Kind);
        Assert.Equal(new ReportPeriod(new DateOnly(2024, 1, 10), due), final.Period);
        Assert.Equal([$"Lärdom på beslutsdagen {tag}", $"Lärdom i dag {tag}"], final.Lessons.Select(lesson => lesson.Title));
        Assert.Equal(new DateOnly(2024, 1, 10), final.Lessons[0].DocumentedOn);
        Assert.Equal([$"Möte under uppdraget {tag}"], final.Meetings.Select(meeting => meeting.Title));
        Assert.Equal(1, Assert.Single(final.Forums, forum => forum.Name.EndsWith(tag, StringComparison.Ordinal)).Meetings);
        Assert.Contains($"Rapporten avser perioden 2024-01-10 – {due:yyyy-MM-dd}.", await reader.GetStringAsync(
            $"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}&format=md", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_need_typed_in_later_counts_in_the_period_it_was_identified()
    {
        var assignment = await app.AddAssignmentAsync(10_000m, Token);
        await app.ApplyAsync([new NeedSubmitted
        {
            NeedId = Guid.CreateVersion7(), Reference = $"BEH-2023-{Random.Shared.Next(1_000_000):D6}", Title = "Bostäder för inflyttare i Kiruna",
            Description = "Kiruna behövde bostäder för inflyttare redan förra året.", Theme = "housing", SubmittedByActorId = Guid.CreateVersion7(),
            MunicipalityCodes = ["2584"], CountyCodes = ["25"], Urgency = "medium", IdentifiedOn = new DateOnly(2023, 8, 15), OccurredAt = DateTimeOffset.UtcNow,
        }]);

        using var reader = app.Client("reader");
        var report = (await reader.GetFromJsonAsync<ReportDocument>(
            $"/api/reports/progress?assignment={Uri.EscapeDataString(assignment)}&from=2023-08-15&to=2023-08-15", Json, Token))!;
        Assert.Equal(1, report.Needs.Total);
        Assert.Equal(new ThemeCount("housing", 1), Assert.Single(report.Needs.ByTheme));
        var dayBefore = (await reader.GetFromJsonAsync<ReportDocument>(
            $"/api/reports/progress?assignment={Uri.EscapeDataString(assignment)}&from=2023-08-14&to=2023-08-14", Json, Token))!;
        Assert.Equal(0, dayBefore.Needs.Total);
    }
}
