using Platform.NeedsIntake.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.NeedsIntake.Tests;

/// <summary>Who changes a need's status, from which status, to which: the rules without a server.</summary>
public sealed class NeedStatusRulesTests
{
    private static readonly Guid Submitter = Guid.Parse("0193f0a0-0000-7000-8000-000000000001");
    private static readonly Guid OtherActor = Guid.Parse("0193f0a0-0000-7000-8000-000000000002");
    private static readonly Requester Coordinator = new(true, null);
    private static readonly Requester SubmittingActor = new(false, Submitter);
    private static readonly Requester AnotherActor = new(false, OtherActor);

    private static NeedState Need(string status, string submitterKind = "municipality", Guid? challengeId = null, int version = 3) =>
        new(Guid.Parse("0193f0a0-0000-7000-8000-00000000000a"), status, Submitter, submitterKind, challengeId, version);

    public static TheoryData<string> Statuses => [.. NeedStatuses.All];

    [Theory]
    [InlineData(NeedStatuses.Submitted, null, "accept", NeedStatuses.Accepted)]
    [InlineData(NeedStatuses.Submitted, null, "reject", NeedStatuses.Rejected)]
    [InlineData(NeedStatuses.Accepted, null, "reject", NeedStatuses.Rejected)]
    [InlineData(NeedStatuses.Rejected, null, "accept", NeedStatuses.Accepted)]
    [InlineData(NeedStatuses.Submitted, "0193f0a0-0000-7000-8000-0000000000c1", "accept", NeedStatuses.Linked)]
    [InlineData(NeedStatuses.Linked, "0193f0a0-0000-7000-8000-0000000000c1", "accept", NeedStatuses.Linked)]
    [InlineData(NeedStatuses.Linked, "0193f0a0-0000-7000-8000-0000000000c1", "reject", NeedStatuses.Rejected)]
    public void A_coordinator_accepts_or_rejects_a_need_and_an_accepted_need_with_a_challenge_is_linked(string status, string? challengeId, string decision, string to)
    {
        var result = NeedStatusRules.Triage(Need(status, challengeId: challengeId is null ? null : Guid.Parse(challengeId)), Coordinator, 3, decision);
        Assert.Equal((WriteStatus.Updated, to), (result.Outcome, result.To));
    }

    [Theory]
    [InlineData(NeedStatuses.Resolved)]
    [InlineData(NeedStatuses.Withdrawn)]
    public void A_resolved_or_withdrawn_need_is_not_triaged(string status)
    {
        var result = NeedStatusRules.Triage(Need(status), Coordinator, null, TriageDecisions.Accept);
        Assert.Equal(WriteStatus.Conflict, result.Outcome);
        Assert.Null(result.To);
        Assert.Equal(status, result.Extensions?["status"]);
    }

    [Fact]
    public void Only_coordinators_triage() =>
        Assert.Equal(WriteStatus.Forbidden, NeedStatusRules.Triage(Need(NeedStatuses.Submitted), SubmittingActor, null, TriageDecisions.Accept).Outcome);

    [Fact]
    public void A_triage_based_on_another_version_is_stale_and_a_missing_need_is_not_found()
    {
        Assert.Equal(WriteStatus.Stale, NeedStatusRules.Triage(Need(NeedStatuses.Withdrawn, version: 3), Coordinator, 2, TriageDecisions.Accept).Outcome);
        Assert.Equal(WriteStatus.NotFound, NeedStatusRules.Triage(null, Coordinator, 1, TriageDecisions.Accept).Outcome);
    }

    [Theory]
    [InlineData(NeedStatuses.Submitted)]
    [InlineData(NeedStatuses.Linked)]
    [InlineData(NeedStatuses.Accepted)]
    public void The_submitting_actor_withdraws_an_open_need(string status)
    {
        var result = NeedStatusRules.Withdraw(Need(status), SubmittingActor, null);
        Assert.Equal((WriteStatus.Updated, NeedStatuses.Withdrawn), (result.Outcome, result.To));
    }

    [Fact]
    public void Withdrawing_a_withdrawn_need_again_changes_nothing()
    {
        var result = NeedStatusRules.Withdraw(Need(NeedStatuses.Withdrawn), SubmittingActor, 3);
        Assert.Equal((WriteStatus.Updated, null), (result.Outcome, result.To));
    }

    [Theory]
    [InlineData(NeedStatuses.Rejected)]
    [InlineData(NeedStatuses.Resolved)]
    public void A_rejected_or_resolved_need_is_not_withdrawn(string status) =>
        Assert.Equal(WriteStatus.Conflict, NeedStatusRules.Withdraw(Need(status), SubmittingActor, null).Outcome);

    [Fact]
    public void Another_actor_does_not_withdraw_a_need_and_does_not_learn_of_a_companys()
    {
        Assert.Equal(WriteStatus.Forbidden, NeedStatusRules.Withdraw(Need(NeedStatuses.Submitted), AnotherActor, null).Outcome);
        Assert.Equal(WriteStatus.NotFound, NeedStatusRules.Withdraw(Need(NeedStatuses.Submitted, submitterKind: "company"), AnotherActor, null).Outcome);
        Assert.Equal(WriteStatus.Updated, NeedStatusRules.Withdraw(Need(NeedStatuses.Submitted, submitterKind: "company"), SubmittingActor, null).Outcome);
    }

    [Fact]
    public void A_user_without_an_actor_withdraws_nothing_not_even_a_missing_need()
    {
        Assert.Equal(WriteStatus.Forbidden, NeedStatusRules.Withdraw(Need(NeedStatuses.Submitted), Coordinator, null).Outcome);
        Assert.Equal(WriteStatus.Forbidden, NeedStatusRules.Withdraw(null, Coordinator, null).Outcome);
        Assert.Equal(WriteStatus.NotFound, NeedStatusRules.Withdraw(null, SubmittingActor, null).Outcome);
    }

    [Fact]
    public void Who_may_withdraw_is_decided_before_the_version_and_the_version_before_the_status()
    {
        Assert.Equal(WriteStatus.Forbidden, NeedStatusRules.Withdraw(Need(NeedStatuses.Resolved, version: 3), AnotherActor, 7).Outcome);
        Assert.Equal(WriteStatus.Stale, NeedStatusRules.Withdraw(Need(NeedStatuses.Resolved, version: 3), SubmittingActor, 7).Outcome);
        Assert.Equal(WriteStatus.Stale, NeedStatusRules.Withdraw(Need(NeedStatuses.Withdrawn, version: 3), SubmittingActor, 7).Outcome);
    }

    [Theory]
    [InlineData(NeedStatuses.Submitted, NeedStatuses.Linked)]
    [InlineData(NeedStatuses.Accepted, NeedStatuses.Linked)]
    [InlineData(NeedStatuses.Linked, NeedStatuses.Linked)]
    [InlineData(NeedStatuses.Rejected, NeedStatuses.Rejected)]
    [InlineData(NeedStatuses.Resolved, NeedStatuses.Resolved)]
    [InlineData(NeedStatuses.Withdrawn, NeedStatuses.Withdrawn)]
    public void A_link_makes_a_submitted_or_accepted_need_linked_and_leaves_other_statuses(string status, string to) =>
        Assert.Equal(to, NeedStatusRules.Link(status, null, DateTimeOffset.UnixEpoch));

    [Fact]
    public void Links_apply_in_the_order_they_were_made()
    {
        var linkedAt = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        Assert.Null(NeedStatusRules.Link(NeedStatuses.Linked, linkedAt, linkedAt.AddSeconds(-1)));
        Assert.Equal(NeedStatuses.Linked, NeedStatusRules.Link(NeedStatuses.Linked, linkedAt, linkedAt));
        Assert.Equal(NeedStatuses.Linked, NeedStatusRules.Link(NeedStatuses.Linked, linkedAt, linkedAt.AddSeconds(1)));
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void A_resolved_challenge_resolves_the_open_needs_only(string status) =>
        Assert.Equal(status is NeedStatuses.Submitted or NeedStatuses.Linked or NeedStatuses.Accepted, NeedStatusRules.ResolvedFrom.Contains(status));
}
