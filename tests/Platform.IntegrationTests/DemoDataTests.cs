using Microsoft.Extensions.Logging.Abstractions;
using Platform.DemoSeeder;

namespace Platform.IntegrationTests;

/// <summary>
/// The Development demo data (the AppHost runs the seeder there; these tests' platform does not, so it runs here):
/// every read model and report populated, through the public API, once.
/// </summary>
[Collection(nameof(Outages))]
public sealed class DemoDataTests(PlatformFixture platform)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_data_populates_every_report_once()
    {
        var reader = platform.CreatePlatformClient("reader");
        var before = await reader.Reporting.GetOverviewAsync(Token);
        var seeder = new DemoData(platform.CreatePlatformClient("coordinator"), NullLogger<DemoData>.Instance);
        Assert.True(await seeder.SeedAsync(Token));
        Assert.False(await seeder.SeedAsync(Token));

        Platform.Client.Models.Overview overview = before;
        await Platform.Testing.Wait.UntilAsync(async () =>
        {
            overview = await reader.Reporting.GetOverviewAsync(Token);
            return overview.Needs.Total - before.Needs.Total >= 250 && overview.Efforts.Total - before.Efforts.Total >= 8;
        }, TimeSpan.FromSeconds(60), "the demo data in reporting", Token);
        Assert.True(overview.Challenges.CrossCounty > before.Challenges.CrossCounty, "cross-county challenges");
        Assert.Contains(overview.Needs.ByStatus, status => status.Status == "rejected" && status.Count > 0);
        Assert.True(overview.Collaboration.MeetingsHeld - before.Collaboration.MeetingsHeld >= 4);

        var finance = await reader.Reporting.GetFinanceAsync(DemoData.Assignment, cancellationToken: Token);
        Assert.InRange(finance.SpentSek, 100_000m, finance.BudgetSek);
        Assert.Equal(finance.BudgetSek - finance.SpentToDateSek, finance.RemainingSek);
        // The demo data is dated in the assignment's period, so its final report tells of it.
        var report = await reader.Reporting.GetFinalReportAsync(DemoData.Assignment, Token);
        Assert.True(report.Lessons.Count >= 4);
        Assert.True(report.Efforts.Count >= 8);
        Assert.True(report.Needs.Total >= 250, $"{report.Needs.Total} needs in the final report");
        Assert.True(report.Meetings.Count >= 4);
        Assert.Contains(report.Challenges, challenge => challenge.CrossCounty && challenge.NeedCount > 0);
    }
}
