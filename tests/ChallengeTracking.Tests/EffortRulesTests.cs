using Platform.ChallengeTracking.Domain;

namespace Platform.ChallengeTracking.Tests;

/// <summary>Effort statuses, expenditures and spending against the budget, without a server.</summary>
public sealed class EffortRulesTests
{
    [Theory]
    [InlineData(EffortStatuses.Planned, EffortStatuses.Ongoing, true)]
    [InlineData(EffortStatuses.Planned, EffortStatuses.Completed, true)]
    [InlineData(EffortStatuses.Planned, EffortStatuses.Cancelled, true)]
    [InlineData(EffortStatuses.Ongoing, EffortStatuses.Completed, true)]
    [InlineData(EffortStatuses.Ongoing, EffortStatuses.Cancelled, true)]
    [InlineData(EffortStatuses.Ongoing, EffortStatuses.Planned, false)]
    [InlineData(EffortStatuses.Completed, EffortStatuses.Ongoing, false)]
    [InlineData(EffortStatuses.Completed, EffortStatuses.Cancelled, false)]
    [InlineData(EffortStatuses.Cancelled, EffortStatuses.Planned, false)]
    [InlineData(EffortStatuses.Cancelled, EffortStatuses.Completed, false)]
    public void Completed_and_cancelled_are_final_and_an_ongoing_effort_is_not_planned_again(string from, string to, bool allowed) =>
        Assert.Equal(allowed, EffortStatuses.CanMove(from, to));

    [Theory]
    [InlineData(EffortStatuses.Planned)]
    [InlineData(EffortStatuses.Ongoing)]
    [InlineData(EffortStatuses.Completed)]
    [InlineData(EffortStatuses.Cancelled)]
    public void Reporting_the_status_an_effort_has_is_allowed(string status) =>
        Assert.True(EffortStatuses.CanMove(status, status));

    [Fact]
    public void An_effort_is_launched_planned_or_ongoing() =>
        Assert.Equal([EffortStatuses.Planned, EffortStatuses.Ongoing], EffortStatuses.AtLaunch);

    [Fact]
    public void Money_is_recorded_on_every_effort_but_a_cancelled_one()
    {
        Assert.True(EffortStatuses.TakesExpenditures(EffortStatuses.Planned));
        Assert.True(EffortStatuses.TakesExpenditures(EffortStatuses.Ongoing));
        Assert.True(EffortStatuses.TakesExpenditures(EffortStatuses.Completed));
        Assert.False(EffortStatuses.TakesExpenditures(EffortStatuses.Cancelled));
    }

    [Fact]
    public void An_expenditure_falls_within_the_effort_s_dates_both_included()
    {
        var (start, end) = (new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
        Assert.True(EffortRules.IsWithinDates(start, start, end));
        Assert.True(EffortRules.IsWithinDates(end, start, end));
        Assert.False(EffortRules.IsWithinDates(new DateOnly(2025, 12, 31), start, end));
        Assert.False(EffortRules.IsWithinDates(new DateOnly(2028, 1, 1), start, end));
        Assert.Equal("The date must be within the effort's dates, 2026-01-01 to 2027-12-31.", EffortRules.OutsideDates(start, end));
    }

    [Fact]
    public void Spending_over_the_budget_is_flagged_exactly()
    {
        var budget = EffortBudget.Of(1_000_000.50m, [600_000.25m, 400_000.50m]);
        Assert.Equal(1_000_000.75m, budget.SpentSek);
        Assert.Equal(-0.25m, budget.RemainingSek);
        Assert.True(budget.OverBudget);
    }

    [Fact]
    public void Spending_the_whole_budget_is_not_over_it()
    {
        // Ten öre ten times is one krona exactly in decimals (in binary floating point it is not).
        var budget = EffortBudget.Of(1.00m, Enumerable.Repeat(0.10m, 10));
        Assert.Equal(1.00m, budget.SpentSek);
        Assert.Equal(0m, budget.RemainingSek);
        Assert.False(budget.OverBudget);
    }

    [Fact]
    public void An_effort_without_expenditures_has_its_whole_budget_left()
    {
        var budget = EffortBudget.Of(250_000m, []);
        Assert.Equal(0m, budget.SpentSek);
        Assert.Equal(250_000m, budget.RemainingSek);
        Assert.False(budget.OverBudget);
    }

    [Fact]
    public void New_dates_keep_every_expenditure_within_them()
    {
        DateOnly[] spent = [new(2026, 3, 2), new(2026, 1, 15), new(2026, 6, 30)];
        Assert.Null(EffortRules.DatesRefusal(spent, new(2026, 1, 15), new(2026, 6, 30)));
        Assert.Null(EffortRules.DatesRefusal([], new(2030, 1, 1), new(2030, 1, 1)));
        var late = EffortRules.DatesRefusal(spent, new(2026, 1, 16), new(2026, 12, 31));
        Assert.Equal("startDate", late?.Field);
        Assert.Contains("2026-01-15", late?.Message, StringComparison.Ordinal);
        var early = EffortRules.DatesRefusal(spent, new(2026, 1, 1), new(2026, 6, 29));
        Assert.Equal("endDate", early?.Field);
        Assert.Contains("2026-06-30", early?.Message, StringComparison.Ordinal);
    }
}
