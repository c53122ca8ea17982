using Aspire.Hosting;
using Microsoft.Extensions.Configuration;

namespace Platform.AppHost.Tests;

public sealed class PlatformServiceTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("", 1)]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    [InlineData("8", 8)]
    public void Replicas_default_to_one_and_take_a_whole_number_up_to_eight(string? setting, int expected) =>
        Assert.Equal(expected, PlatformService.ReplicasFrom(Settings(setting)));

    [Theory]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1.5")]
    public void Other_replica_counts_fail_naming_the_setting(string setting)
    {
        var error = Assert.Throws<DistributedApplicationException>(() => PlatformService.ReplicasFrom(Settings(setting)));
        Assert.Contains("Platform:Replicas", error.Message, StringComparison.Ordinal);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "needs-intake")]
    [InlineData(1, "needs-intake-2")]
    [InlineData(7, "needs-intake-8")]
    public void Instances_after_the_first_are_numbered_from_two(int index, string expected) =>
        Assert.Equal(expected, PlatformService.InstanceName("needs-intake", index));

    private static IConfiguration Settings(string? replicas) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Platform:Replicas"] = replicas }).Build();
}
