using Platform.ActorRegistry.Data;

namespace Platform.ActorRegistry.Tests;

public sealed class ActorSearchTotalsTests
{
    private static readonly ActorQuery Companies = new(null, "company", null, null, null);
    private static readonly ActorQuery CompaniesIn25 = new(null, "company", "25", null, null);

    [Fact]
    public void A_total_is_given_with_the_stamp_it_was_counted_at()
    {
        var totals = new ActorSearchTotals();
        Assert.False(totals.TryGet(Companies, out _, out _));

        totals.Remember(7, Companies, 8_000);
        totals.Remember(7, CompaniesIn25, 5_000);

        Assert.True(totals.TryGet(Companies with { }, out var stamp, out var total));
        Assert.Equal((7, 8_000), (stamp, total));
        Assert.True(totals.TryGet(CompaniesIn25, out _, out total));
        Assert.Equal(5_000, total);
        Assert.False(totals.TryGet(Companies with { Active = true }, out _, out _));
    }

    [Fact]
    public void A_total_counted_at_another_stamp_forgets_the_others()
    {
        var totals = new ActorSearchTotals();
        totals.Remember(7, Companies, 8_000);
        totals.Remember(8, CompaniesIn25, 5_001);

        Assert.False(totals.TryGet(Companies, out var stamp, out _));
        Assert.Equal(8, stamp);
        Assert.True(totals.TryGet(CompaniesIn25, out _, out var total));
        Assert.Equal(5_001, total);
    }

    [Fact]
    public void No_more_than_the_capacity_is_remembered_per_stamp()
    {
        var totals = new ActorSearchTotals();
        for (var i = 0; i <= ActorSearchTotals.Capacity; i++)
        {
            totals.Remember(1, new ActorQuery($"text {i}", null, null, null, null), i);
        }

        Assert.True(totals.TryGet(new ActorQuery($"text {ActorSearchTotals.Capacity - 1}", null, null, null, null), out _, out _));
        Assert.False(totals.TryGet(new ActorQuery($"text {ActorSearchTotals.Capacity}", null, null, null, null), out _, out _));
    }
}
