using Platform.ChallengeTracking.Apis;
using Platform.ServiceDefaults.Http;

namespace Platform.ChallengeTracking.Tests;

/// <summary>The field rules of progress reports, without a server.</summary>
public sealed class ProgressRequestValidatorTests
{
    private static async Task<ValidationErrors> ErrorsAsync(IndicatorRequest indicator)
    {
        var errors = new ValidationErrors();
        await new ProgressRequestValidator().ValidateAsync(new ProgressRequest(40, null, null, [indicator]), errors, TestContext.Current.CancellationToken);
        return errors;
    }

    [Fact]
    public async Task An_indicator_with_a_name_unit_baseline_and_target_is_valid() =>
        Assert.False((await ErrorsAsync(new IndicatorRequest("Nya bostäder", "lägenheter", 0, 300, 120))).Any);

    [Theory]
    [InlineData("Nya\u0000 bostäder", "lägenheter", "indicators[0].name")]
    [InlineData("Nya bostäder\u202E", "lägenheter", "indicators[0].name")]
    [InlineData("Nya bostäder", "lägen\u0000heter", "indicators[0].unit")]
    [InlineData("Nya bostäder", "\u202Elägenheter", "indicators[0].unit")]
    public async Task An_indicator_name_and_unit_are_one_line(string name, string unit, string field) =>
        Assert.Contains(field, (await ErrorsAsync(new IndicatorRequest(name, unit, 0, 300, null))).Malformed.Keys);
}
