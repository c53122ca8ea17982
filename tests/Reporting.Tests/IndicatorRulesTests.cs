using Platform.Reporting.Domain;

namespace Platform.Reporting.Tests;

public sealed class IndicatorRulesTests
{
    [Theory]
    [InlineData(0, 200, 120, 60)]
    [InlineData(0, 200, 200, 100)]
    [InlineData(0, 200, 250, 125)]
    [InlineData(10, 30, 5, -25)]
    [InlineData(50, 20, 35, 50)]
    [InlineData(0, 3, 1, 33)]
    [InlineData(0, 8, 1, 13)]
    public void Achieved_is_the_share_of_the_way_from_baseline_to_target(int baseline, int target, int actual, int percent) =>
        Assert.Equal(percent, IndicatorRules.AchievedPercent(baseline, target, actual));

    [Fact]
    public void Nothing_is_achieved_without_an_outcome_or_a_way_to_go()
    {
        Assert.Null(IndicatorRules.AchievedPercent(0m, 200m, null));
        Assert.Null(IndicatorRules.AchievedPercent(12.5m, 12.5m, 13m));
    }
}
