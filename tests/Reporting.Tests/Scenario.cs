using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;

namespace Platform.Reporting.Tests;

/// <summary>Events of a small piece of the platform's life, funded by one assignment.</summary>
public sealed class Scenario(string assignment)
{
    public Guid Lead { get; } = Guid.CreateVersion7();

    public Guid CrossCountyChallenge { get; } = Guid.CreateVersion7();

    public Guid LocalChallenge { get; } = Guid.CreateVersion7();

    public Guid Effort1 { get; } = Guid.CreateVersion7();

    public Guid Effort2 { get; } = Guid.CreateVersion7();

    public List<IIntegrationEvent> Events { get; } = [];

    /// <summary>Efforts of 1,000,000.10 and 0.30 kronor; spending of 333,333.33 three times, 0.01 and (over budget) 0.37.</summary>
    public Scenario Build()
    {
        var now = DateTimeOffset.UtcNow;
        Events.Add(new ActorRegistered { ActorId = Lead, Name = "Region Norrbotten", Kind = "region", OccurredAt = now });
        Events.Add(new ChallengeIdentified { ChallengeId = CrossCountyChallenge, Reference = $"UTM-2026-{Random.Shared.Next(10_000):D4}", Theme = "skills", Title = "Kompetensförsörjning i båda länen", Status = "identified", OccurredAt = now });
        Events.Add(new ChallengeIdentified { ChallengeId = LocalChallenge, Reference = $"UTM-2026-{Random.Shared.Next(10_000):D4}", Theme = "housing", Title = "Bostäder i Boden", Status = "identified", OccurredAt = now });
        AddNeed(CrossCountyChallenge, "skills", ["2580"], now);
        AddNeed(CrossCountyChallenge, "skills", ["2482"], now);
        AddNeed(LocalChallenge, "housing", ["2582"], now);
        Events.Add(new EffortLaunched
        {
            EffortId = Effort1, Title = "Kompetenslyft i norr", ChallengeIds = [CrossCountyChallenge], LeadActorId = Lead, Status = "ongoing",
            StartDate = new DateOnly(2024, 1, 1), EndDate = new DateOnly(2025, 12, 31), BudgetSek = 1_000_000.10m, FundingAssignment = assignment, OccurredAt = now,
        });
        Events.Add(new EffortLaunched
        {
            EffortId = Effort2, Title = "Bostadsdialog Boden", ChallengeIds = [LocalChallenge], LeadActorId = Lead, Status = "ongoing",
            StartDate = new DateOnly(2024, 6, 1), EndDate = new DateOnly(2024, 12, 31), BudgetSek = 0.30m, FundingAssignment = assignment, OccurredAt = now,
        });
        AddExpenditure(Effort1, new DateOnly(2024, 2, 1), 333_333.33m, "personnel");
        AddExpenditure(Effort1, new DateOnly(2024, 3, 1), 333_333.33m, "personnel");
        AddExpenditure(Effort1, new DateOnly(2025, 3, 1), 333_333.33m, "consultancy");
        AddExpenditure(Effort1, new DateOnly(2025, 4, 1), 0.01m, "travel");
        AddExpenditure(Effort2, new DateOnly(2024, 7, 1), 0.37m, "events");

        // Two progress reports, the newer delivered first: each indicator keeps the newest report's values.
        Events.Add(new EffortProgressReported
        {
            EffortId = Effort1, ProgressPercent = 60, Status = "ongoing", OccurredAt = now.AddMinutes(1),
            Indicators = [new EffortIndicator("Utbildade svetsare", "personer", 0m, 200m, 120m)],
        });
        Events.Add(new EffortProgressReported
        {
            EffortId = Effort1, ProgressPercent = 40, Status = "ongoing", OccurredAt = now,
            Indicators = [new EffortIndicator("Utbildade svetsare", "personer", 0m, 200m, 80m), new EffortIndicator("Andel kvinnor", "procent", 12.5m, 30m, null)],
        });
        return this;
    }

    /// <summary>What the scenario spends in the test assignments' budget year, 2024: its outcome.</summary>
    public const decimal Spent = 666_667.03m;

    /// <summary>What it spends in 2025, outside the budget year: listed apart, not outcome.</summary>
    public const decimal SpentOutsideBudgetYear = 333_333.34m;

    private void AddNeed(Guid challenge, string theme, string[] municipalities, DateTimeOffset at)
    {
        var need = Guid.CreateVersion7();
        Events.Add(new NeedSubmitted
        {
            NeedId = need, Reference = $"BEH-2026-{Random.Shared.Next(1_000_000):D6}", Title = "Behov", Description = "Ett behov", Theme = theme,
            SubmittedByActorId = Guid.NewGuid(), SubmitterKind = "municipality", MunicipalityCodes = municipalities, CountyCodes = Geography.CountiesOf(municipalities),
            Urgency = "medium", OccurredAt = at,
        });
        Events.Add(new NeedLinkedToChallenge { NeedId = need, ChallengeId = challenge, Score = 0.5, Automatic = true, OccurredAt = at });
    }

    private void AddExpenditure(Guid effort, DateOnly date, decimal amount, string category) =>
        Events.Add(new ExpenditureRecorded { ExpenditureId = Guid.CreateVersion7(), EffortId = effort, Date = date, AmountSek = amount, Category = category, FundingAssignment = assignment, OccurredAt = DateTimeOffset.UtcNow });
}
