using Platform.Client.Models;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Tests;

/// <summary>The rules of a budget plan per cost type and how it meets the outcome, without a server.</summary>
public sealed class BudgetPlanRulesTests
{
    [Fact]
    public void A_plan_lists_its_cost_types_in_the_accounts_order()
    {
        var errors = new ValidationErrors();
        var lines = BudgetPlanRules.Validate(new BudgetPlanRequest([new("agency:travel", 5m), new("personnel", 10m), new("transfer", 20m)]), errors);
        Assert.False(errors.Any);
        Assert.Equal(["personnel", "transfer", "agency:travel"], lines!.Select(line => line.Category));
    }

    [Fact]
    public void A_plan_of_more_than_the_budget_is_refused_on_its_lines()
    {
        var errors = new ValidationErrors();
        Assert.True(BudgetPlanRules.CheckWithinBudget([new("travel", 600m), new("events", 400m)], 1_000m, errors));
        Assert.False(BudgetPlanRules.CheckWithinBudget([new("travel", 600m), new("events", 400.01m)], 1_000m, errors));
        Assert.Equal("The plan's total, 1000.01 SEK, is more than the assignment's budget, 1000.00 SEK.", Assert.Single(errors.Malformed["lines"]));
    }

    [Fact]
    public void The_outcome_holds_every_cost_type_planned_or_spent_with_planned_less_spent()
    {
        var outcome = BudgetPlanRules.Outcome(
            [new("agency:staff", 1_000m), new("travel", 300m)],
            [new("travel", 350.50m), new("events", 99.99m), new("legacy", 1m)]);
        Assert.Equal(
        [
            new CostTypeOutcome("events", 0m, 99.99m, -99.99m),
            new CostTypeOutcome("travel", 300m, 350.50m, -50.50m),
            new CostTypeOutcome("agency:staff", 1_000m, 0m, 1_000m),
            new CostTypeOutcome("legacy", 0m, 1m, -1m),
        ], outcome);
    }
}
