using Platform.Client;
using Platform.Client.Models;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>
/// Money through the gateway with the SDK: an expenditure a retry sends twice under one Idempotency-Key is recorded
/// once, and one recorded by mistake is reversed, so the assignment's account counts neither.
/// </summary>
public sealed class MoneyCorrectionTests(PlatformFixture platform)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Word() => new([.. Enumerable.Range(0, 9).Select(_ => (char)('a' + Random.Shared.Next(26)))]);

    private static Task<T> WhenKnownAsync<T>(Func<Task<T>> call, string what) => PlatformFixture.WhenKnownAsync(call, what, Token);

    [Fact]
    public async Task A_retried_expenditure_is_recorded_once_and_a_reversed_one_leaves_the_account()
    {
        var coordinator = platform.CreatePlatformClient("coordinator");
        var reference = $"R{Random.Shared.Next(1000, 9999)}/{Random.Shared.Next(1, 99_999):D5}";
        await coordinator.Reporting.AddAssignmentAsync(
            new AssignmentRequest(reference, "Uppdrag om rättade utgifter", "2024-01-10", "2026-12-31", "Anslag 1:4 Tillväxtverket", 2024, 300_000m), Token);
        var lulea = await platform.MunicipalityActorAsync("2580", Token);
        var need = await WhenKnownAsync(async () => (await platform.CreatePlatformClient("actor", lulea).Needs.SubmitAsync(
            new NeedRequest($"{Word()} {Word()} {Word()}", $"{string.Join(' ', Enumerable.Range(0, 10).Select(_ => Word()))}.", "housing", ["2580"], "high"), Token)
            .WithETagAsync()).Value, "Luleå in needs-intake");
        Guid? challenge = null;
        await Wait.UntilAsync(async () => (challenge = (await coordinator.Needs.GetAsync(need.Id, Token).WithETagAsync()).Value.ChallengeId) is not null,
            Timeout, "the need in a challenge", Token);
        var effort = await WhenKnownAsync(async () => (await coordinator.Efforts.LaunchAsync(new EffortRequest(
            $"Insats {Word()}", [challenge!.Value], lulea, "2024-01-15", "2024-12-31", 200_000m, [new Participant(lulea, "implementing")], "ongoing", reference), Token)
            .WithETagAsync()).Value, "the assignment in challenge-tracking");

        // A retry (a lost answer, a double click) sends the same expenditure again under the same key: recorded once.
        var key = Guid.NewGuid().ToString();
        var spending = new ExpenditureRequest("2024-03-12", 45_000.75m, "consultancy", "Utredning av elnätskapacitet");
        using var first = await coordinator.Efforts.RecordExpenditureAsync(effort.Id, spending, key, Token);
        using var retry = await coordinator.Efforts.RecordExpenditureAsync(effort.Id, spending, key, Token);
        Assert.True(first.IsSuccessStatusCode && retry.IsSuccessStatusCode);
        Assert.Equal(first.Content!.Id, retry.Content!.Id);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));

        // A second expenditure was recorded on the wrong effort: reversed, it nets to zero on its own day.
        var mistaken = (await coordinator.Efforts.RecordExpenditureAsync(effort.Id, new ExpenditureRequest("2024-04-02", 9_999.99m, "travel"), Guid.NewGuid().ToString(), Token)
            .WithETagAsync()).Value;
        var reversal = (await coordinator.Efforts.ReverseExpenditureAsync(effort.Id, mistaken.Id, new ReversalRequest("Bokförd på fel insats"), Guid.NewGuid().ToString(), Token)
            .WithETagAsync()).Value;
        Assert.Equal((-9_999.99m, new DateOnly(2024, 4, 2), mistaken.Id), (reversal.AmountSek, reversal.Date, reversal.ReversesId));
        var again = await Assert.ThrowsAsync<ConflictException>(() =>
            coordinator.Efforts.ReverseExpenditureAsync(effort.Id, mistaken.Id, new ReversalRequest("En gång till"), cancellationToken: Token).WithETagAsync());
        Assert.Equal(409, again.Status);

        var current = (await coordinator.Efforts.GetAsync(effort.Id, Token).WithETagAsync()).Value;
        Assert.Equal(45_000.75m, current.SpentSek);
        Assert.Equal(3, current.Expenditures.Count);

        // The account follows through the events: the retried one counted once, the reversed one not at all.
        var reader = platform.CreatePlatformClient("reader");
        await Wait.UntilAsync(async () => (await reader.Reporting.GetFinanceAsync(reference, cancellationToken: Token)).ByEffort.SingleOrDefault()?.SpentSek == 45_000.75m,
            Timeout, "the corrected spending in the account", Token);
        var april = await reader.Reporting.GetFinanceAsync(reference, "2024-04-01", "2024-04-30", Token);
        Assert.Equal(0m, april.SpentSek);
        Assert.Equal(254_999.25m, (await reader.Reporting.GetFinanceAsync(reference, cancellationToken: Token)).RemainingSek);
    }

    [Fact]
    public async Task An_effort_edited_through_the_gateway_shows_in_the_account_and_in_the_audit_trail_before_and_after()
    {
        var coordinator = platform.CreatePlatformClient("coordinator");
        var reference = $"E{Random.Shared.Next(1000, 9999)}/{Random.Shared.Next(1, 99_999):D5}";
        await coordinator.Reporting.AddAssignmentAsync(
            new AssignmentRequest(reference, "Uppdrag om ändrade insatser", "2024-01-10", "2026-12-31", "Anslag 1:4 Tillväxtverket", 2024, 500_000m), Token);
        var kiruna = await platform.MunicipalityActorAsync("2584", Token);
        var challenge = (await coordinator.Challenges.CreateAsync(new CreateChallengeRequest("skills", $"Kompetens {Word()}", $"Brist på {Word()} {Word()} i Kiruna."), Token)
            .WithETagAsync()).Value;
        var (effort, etag) = await WhenKnownAsync(() => coordinator.Efforts.LaunchAsync(new EffortRequest(
            $"Yrkesutbildning {Word()}", [challenge.Id], kiruna, "2024-02-01", "2024-12-31", 200_000m, FundingAssignment: reference), Token).WithETagAsync(),
            "the assignment in challenge-tracking");

        var edit = new EffortEditRequest("Yrkesutbildning för gruvnäringen", kiruna, "2024-02-01", "2025-06-30", 250_000m, "Utbildning av 40 operatörer i Kiruna.",
            [new Participant(kiruna, "implementing")], [new Indicator("Utbildade operatörer", "st", 0, 40)]);
        var (edited, _) = await coordinator.Efforts.EditAsync(effort.Id, edit, etag, Token).WithETagAsync();
        Assert.Equal((250_000m, "Utbildning av 40 operatörer i Kiruna."), (edited.BudgetSek, edited.Description));

        // Another coordinator's edit from the same reading is stale: refused, and the first edit stands.
        var stale = await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            platform.CreatePlatformClient("coordinator").Efforts.EditAsync(effort.Id, edit with { BudgetSek = 1m }, etag, Token).WithETagAsync());
        Assert.Equal(412, stale.Status);

        var reader = platform.CreatePlatformClient("reader");
        await Wait.UntilAsync(async () => (await reader.Reporting.GetFinanceAsync(reference, cancellationToken: Token)).ByEffort.SingleOrDefault() is
            { BudgetSek: 250_000m, Title: "Yrkesutbildning för gruvnäringen" }, Timeout, "the edited effort in the account", Token);

        AuditEntry? revised = null;
        await Wait.UntilAsync(async () => (revised = (await coordinator.Reporting.GetAuditTrailAsync("effort", effort.Id.ToString(), cancellationToken: Token)).Items
            .FirstOrDefault(entry => entry.Action == "EffortRevised")) is not null, Timeout, "the edit in the audit trail", Token);
        Assert.StartsWith("dev-coordinator-", revised!.By, StringComparison.Ordinal);
        var budget = Assert.Single(revised.Changes, change => change.Field == "budgetSek");
        Assert.Equal((200_000m, 250_000m), (budget.Before!.Value.GetDecimal(), budget.After!.Value.GetDecimal()));
        var title = Assert.Single(revised.Changes, change => change.Field == "title");
        Assert.Equal(("Yrkesutbildning för gruvnäringen", effort.Title), (title.After!.Value.GetString(), title.Before!.Value.GetString()));

        // The municipality's user sees the trail of its own records, not the effort it leads; a reader none at all.
        var trail = await platform.CreatePlatformClient("actor", kiruna).Reporting.GetAuditTrailAsync(id: effort.Id.ToString(), cancellationToken: Token);
        Assert.Equal(0, trail.Total);
        await Assert.ThrowsAsync<ForbiddenException>(() => reader.Reporting.GetAuditTrailAsync(cancellationToken: Token));
    }
}
