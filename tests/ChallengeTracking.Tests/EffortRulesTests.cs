using Platform.ChallengeTracking.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.ChallengeTracking.Tests;

/// <summary>The field rules of progress reports, without a server.</summary>
public sealed class EffortRulesTests
{
    private static ValidationErrors Errors(IndicatorRequest indicator)
    {
        var errors = new ValidationErrors();
        EffortRules.Validate(new ProgressRequest(40, null, null, [indicator]), EffortStatuses.Ongoing, errors);
        return errors;
    }

    [Fact]
    public void An_indicator_with_a_name_unit_baseline_and_target_is_valid() =>
        Assert.False(Errors(new IndicatorRequest("Nya bostäder", "lägenheter", 0, 300, 120)).Any);

    [Theory]
    [InlineData("Nya\u0000 bostäder", "lägenheter", "indicators[0].name")]
    [InlineData("Nya bostäder\u202E", "lägenheter", "indicators[0].name")]
    [InlineData("Nya bostäder", "lägen\u0000heter", "indicators[0].unit")]
    [InlineData("Nya bostäder", "\u202Elägenheter", "indicators[0].unit")]
    public void An_indicator_name_and_unit_are_one_line(string name, string unit, string field) =>
        Assert.Contains(field, Errors(new IndicatorRequest(name, unit, 0, 300, null)).Malformed.Keys);
}
