using Platform.ChallengeTracking.Domain;

namespace Platform.ChallengeTracking.Tests;

/// <summary>Which changes a challenge takes, without a server.</summary>
public sealed class ChallengeRulesTests
{
    public static TheoryData<string> OpenToChange => [ChallengeStatuses.Identified, ChallengeStatuses.Analysed, ChallengeStatuses.Addressed, ChallengeStatuses.Resolved];

    [Theory]
    [MemberData(nameof(OpenToChange))]
    public void A_challenge_that_is_not_archived_takes_changes(string status) =>
        Assert.False(ChallengeRules.IsClosed(status, mergedInto: null));

    [Fact]
    public void An_archived_challenge_is_closed_whether_archived_by_hand_or_merged()
    {
        Assert.True(ChallengeRules.IsClosed(ChallengeStatuses.Archived, mergedInto: null));
        Assert.True(ChallengeRules.IsClosed(ChallengeStatuses.Archived, mergedInto: Guid.NewGuid()));
        Assert.True(ChallengeRules.IsClosed(ChallengeStatuses.Analysed, mergedInto: Guid.NewGuid()));
    }

    [Fact]
    public void Why_a_challenge_is_closed_names_it_and_the_challenge_it_was_merged_into()
    {
        var (id, into) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal($"Challenge {id} is archived.", ChallengeRules.ClosedDetail(id, null));
        Assert.Equal($"Challenge {id} is archived, merged into {into}.", ChallengeRules.ClosedDetail(id, into));
    }

    [Theory]
    [InlineData(ChallengeStatuses.Identified, ChallengeStatuses.Analysed, true)]
    [InlineData(ChallengeStatuses.Resolved, ChallengeStatuses.Addressed, true)]
    [InlineData(ChallengeStatuses.Addressed, ChallengeStatuses.Archived, true)]
    [InlineData(ChallengeStatuses.Analysed, ChallengeStatuses.Analysed, false)]
    public void A_status_change_writes_only_a_new_status(string from, string to, bool changes) =>
        Assert.Equal(changes, ChallengeStatuses.Changes(from, to));

    [Fact]
    public void Only_identified_analysed_and_addressed_challenges_take_new_needs() =>
        Assert.Equal([ChallengeStatuses.Identified, ChallengeStatuses.Analysed, ChallengeStatuses.Addressed], ChallengeStatuses.Open);

    [Fact]
    public void A_challenge_merges_others_but_not_itself()
    {
        var id = Guid.NewGuid();
        Assert.False(ChallengeRules.CanMerge(id, id));
        Assert.True(ChallengeRules.CanMerge(id, Guid.NewGuid()));
    }

    [Fact]
    public void A_relink_moves_a_need_from_another_challenge_or_none_but_not_into_its_own()
    {
        var id = Guid.NewGuid();
        Assert.False(ChallengeRules.RelinkMoves(id, id));
        Assert.True(ChallengeRules.RelinkMoves(Guid.NewGuid(), id));
        Assert.True(ChallengeRules.RelinkMoves(null, id));
    }
}
