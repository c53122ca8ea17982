using Platform.Client;
using Platform.Client.Models;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>
/// Forums and meetings corrected through the gateway with the SDK: a member removed (once) leaves the final report's
/// forum, a planned meeting marked held enters it, and the audit trail shows the meeting's state before and after.
/// </summary>
public sealed class CollaborationEditTests(PlatformFixture platform)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_removed_member_leaves_the_report_and_a_meeting_marked_held_enters_it()
    {
        var coordinator = platform.CreatePlatformClient("coordinator");
        var reference = $"F{Random.Shared.Next(1000, 9999)}/{Random.Shared.Next(1, 99_999):D5}";
        await coordinator.Reporting.AddAssignmentAsync(
            new AssignmentRequest(reference, "Uppdrag om samverkan", "2024-01-10", "2027-12-31", "Anslag 1:4 Tillväxtverket", 2024, 100_000m), Token);
        var (kiruna, gallivare) = (await platform.MunicipalityActorAsync("2584", Token), await platform.MunicipalityActorAsync("2523", Token));
        var forum = await PlatformFixture.WhenKnownAsync(() => coordinator.Forums.CreateAsync(
            new ForumRequest("Malmfältens samverkansforum", "regional", ConvenorActorId: kiruna, Assignments: [reference]), Token), "the assignment in the registry", Token);
        await coordinator.Forums.AddMemberAsync(forum.Id, new ForumMemberRequest(gallivare, "member"), Token);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var request = new MeetingRequest(today.AddDays(3), "Dialogmöte om bostäder i Malmfälten", forum.Id, AttendingActorIds: [kiruna, gallivare]);
        var meeting = await coordinator.Meetings.RecordAsync(request, Token);
        Assert.Equal(MeetingStatuses.Planned, meeting.Status);

        var reader = platform.CreatePlatformClient("reader");
        async Task<ForumLine?> ForumInReportAsync() => (await reader.Reporting.GetFinalReportAsync(reference, Token)).Forums.SingleOrDefault(line => line.Id == forum.Id);
        await Wait.UntilAsync(async () => await ForumInReportAsync() is { Members: 2, Meetings: 0 }, Timeout, "the forum with two members and no meeting held", Token);

        var removed = (await coordinator.Forums.RemoveMemberAsync(forum.Id, gallivare, Token).WithETagAsync()).Value;
        Assert.Equal([kiruna], removed.Members.Select(member => member.ActorId));
        var twice = await Assert.ThrowsAsync<ConflictException>(() => coordinator.Forums.RemoveMemberAsync(forum.Id, gallivare, Token).WithETagAsync());
        Assert.Equal(409, twice.Status);

        var (read, etag) = await coordinator.Meetings.GetAsync(meeting.Id, Token).WithETagAsync();
        var held = (await coordinator.Meetings.UpdateAsync(meeting.Id, request with { Date = today.AddDays(-1), Status = MeetingStatuses.Held, Minutes = "Behov av 300 bostäder." },
            etag, Token).WithETagAsync()).Value;
        Assert.Equal((MeetingStatuses.Held, read.Version + 1), (held.Status, held.Version));

        await Wait.UntilAsync(async () => await ForumInReportAsync() is { Members: 1, Meetings: 1 }, Timeout, "the forum with one member and the meeting held", Token);
        Assert.Contains((await reader.Reporting.GetFinalReportAsync(reference, Token)).Meetings, line => line.Id == meeting.Id);

        AuditEntry? updated = null;
        await Wait.UntilAsync(async () => (updated = (await coordinator.Reporting.GetAuditTrailAsync("meeting", meeting.Id.ToString(), cancellationToken: Token)).Items
            .FirstOrDefault(entry => entry.Action == "MeetingUpdated")) is not null, Timeout, "the meeting's edit in the audit trail", Token);
        var status = Assert.Single(updated!.Changes, change => change.Field == "status");
        Assert.Equal((MeetingStatuses.Planned, MeetingStatuses.Held), (status.Before!.Value.GetString(), status.After!.Value.GetString()));
    }
}
