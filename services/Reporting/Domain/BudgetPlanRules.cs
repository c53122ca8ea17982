using System.Globalization;
using Platform.Client.Models;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Domain;

/// <summary>
/// The rules of an assignment's budget plan per cost type: each cost type at most once with a positive amount, together
/// at most the assignment's budget; and how the plan meets the outcome in the financial account.
/// </summary>
public static class BudgetPlanRules
{
    /// <summary>The plan's lines in the order of <see cref="CostTypes.All"/>, or null with every wrong field recorded.</summary>
    public static IReadOnlyList<BudgetPlanLine>? Validate(BudgetPlanRequest request, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.Lines is not { Count: > 0 } lines || lines.Count > CostTypes.All.Count)
        {
            errors.Malformed["lines"] = [$"A plan has one line per budgeted cost type: 1 to {CostTypes.All.Count} lines."];
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not { } line)
            {
                errors.Malformed[$"lines[{i}]"] = ["A line has a category and an amountSek."];
                continue;
            }

            if (errors.RequireOneOf($"lines[{i}].category", line.Category, CostTypes.All) && !seen.Add(line.Category))
            {
                errors.Malformed[$"lines[{i}].category"] = [$"Cost type {line.Category} appears more than once; give each cost type one line."];
            }

            FieldRules.Amount(line.AmountSek, $"lines[{i}].amountSek", allowZero: false, errors);
        }

        return errors.Any ? null : [.. lines.OrderBy(line => IndexOf(line.Category))];
    }

    /// <summary>Records an error on <c>lines</c> when the plan's total is more than the assignment's <paramref name="budgetSek"/>.</summary>
    public static bool CheckWithinBudget(IReadOnlyList<BudgetPlanLine> lines, decimal budgetSek, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(errors);
        var total = lines.Sum(line => line.AmountSek);
        if (total <= budgetSek)
        {
            return true;
        }

        errors.Malformed["lines"] = [string.Create(CultureInfo.InvariantCulture, $"The plan's total, {total:0.00} SEK, is more than the assignment's budget, {budgetSek:0.00} SEK.")];
        return false;
    }

    /// <summary>
    /// Each cost type planned or spent on, in the order of <see cref="CostTypes.All"/> (any other spent category after
    /// them), with planned less spent.
    /// </summary>
    public static IReadOnlyList<CostTypeOutcome> Outcome(IReadOnlyList<BudgetPlanLine> plan, IReadOnlyList<CategorySpending> spent)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(spent);
        var planned = plan.ToDictionary(line => line.Category, line => line.AmountSek, StringComparer.Ordinal);
        var outcome = spent.GroupBy(line => line.Category, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Sum(line => line.SpentSek), StringComparer.Ordinal);
        return
        [
            .. planned.Keys.Union(outcome.Keys, StringComparer.Ordinal)
                .OrderBy(IndexOf).ThenBy(category => category, StringComparer.Ordinal)
                .Select(category =>
                {
                    var (plannedSek, spentSek) = (planned.GetValueOrDefault(category), outcome.GetValueOrDefault(category));
                    return new CostTypeOutcome(category, plannedSek, spentSek, plannedSek - spentSek);
                }),
        ];
    }

    private static readonly Dictionary<string, int> Order = CostTypes.All.Select((category, index) => (category, index)).ToDictionary(entry => entry.category, entry => entry.index, StringComparer.Ordinal);

    private static int IndexOf(string category) => Order.GetValueOrDefault(category, int.MaxValue);
}
