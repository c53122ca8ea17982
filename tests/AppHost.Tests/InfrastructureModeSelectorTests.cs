using Platform.AppHost.Infrastructure;

namespace Platform.AppHost.Tests;

public sealed class InfrastructureModeSelectorTests
{
    [Theory]
    [InlineData(null, true, InfrastructureMode.Containers)]
    [InlineData(null, false, InfrastructureMode.Local)]
    [InlineData("", true, InfrastructureMode.Containers)]
    [InlineData("auto", true, InfrastructureMode.Containers)]
    [InlineData("Auto", false, InfrastructureMode.Local)]
    public void Auto_uses_containers_only_when_the_runtime_answers(string? setting, bool runtimeAnswers, InfrastructureMode expected) =>
        Assert.Equal(expected, InfrastructureModeSelector.Choose(setting, () => runtimeAnswers));

    [Theory]
    [InlineData("containers", false, InfrastructureMode.Containers)]
    [InlineData("local", true, InfrastructureMode.Local)]
    [InlineData(" LOCAL ", true, InfrastructureMode.Local)]
    public void An_explicit_setting_overrides_the_runtime(string setting, bool runtimeAnswers, InfrastructureMode expected) =>
        Assert.Equal(expected, InfrastructureModeSelector.Choose(setting, () => runtimeAnswers));

    [Fact]
    public void An_explicit_setting_does_not_probe_the_runtime() =>
        InfrastructureModeSelector.Choose("local", () => throw new InvalidOperationException("probed"));

    [Fact]
    public void An_unknown_setting_fails_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => InfrastructureModeSelector.Choose("kubernetes", () => true));
        Assert.Contains(InfrastructureModeSelector.SettingName, error.Message, StringComparison.Ordinal);
        Assert.Contains("kubernetes", error.Message, StringComparison.Ordinal);
    }
}
