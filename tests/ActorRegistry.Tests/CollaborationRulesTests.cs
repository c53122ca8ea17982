using Platform.ActorRegistry.Apis;
using Platform.ActorRegistry.Domain;
using Platform.ServiceDefaults.Http;
using Forum = Platform.Client.Models.Forum;
using ForumMember = Platform.Client.Models.ForumMember;

namespace Platform.ActorRegistry.Tests;

/// <summary>Establishment phases, the company an establishment belongs to, and forum membership: rules without I/O.</summary>
public sealed class CollaborationRulesTests
{
    public static TheoryData<string, string> PhasePairs()
    {
        var pairs = new TheoryData<string, string>();
        foreach (var from in EstablishmentPhases.All)
        {
            foreach (var to in EstablishmentPhases.All.Where(phase => phase != from))
            {
                pairs.Add(from, to);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(PhasePairs))]
    public void Any_phase_may_follow_any_other_and_the_new_one_enters_the_history(string from, string to) =>
        Assert.Equal(to, EstablishmentPhases.Entered(from, to));

    [Fact]
    public void A_registered_establishment_begins_its_history_with_its_phase_and_an_unchanged_phase_adds_nothing()
    {
        Assert.Equal("announced", EstablishmentPhases.Entered(null, "announced"));
        Assert.Null(EstablishmentPhases.Entered("construction", "construction"));
    }

    [Fact]
    public void An_establishment_belongs_to_a_registered_active_company()
    {
        var id = Guid.NewGuid();
        Assert.Null(EstablishmentRules.RefusalOfCompany(id, ("company", true)));
        Assert.Equal($"Actor {id} does not exist.", EstablishmentRules.RefusalOfCompany(id, null));
        Assert.Equal($"Actor {id} is not a company.", EstablishmentRules.RefusalOfCompany(id, ("municipality", true)));
        Assert.Equal($"Actor {id} is deactivated.", EstablishmentRules.RefusalOfCompany(id, ("company", false)));
    }

    [Fact]
    public void An_actor_joins_a_forum_once()
    {
        var member = Guid.NewGuid();
        var forum = new Forum(Guid.NewGuid(), "Elnätsforum", null, "regional", member, DateTimeOffset.UnixEpoch,
            [new ForumMember(member, ForumRoles.Convenor, DateTimeOffset.UnixEpoch)], []);

        Assert.Null(ForumRules.RefusalToJoin(forum, Guid.NewGuid()));
        Assert.Equal($"Actor {member} is already a member of forum {forum.Id}.", ForumRules.RefusalToJoin(forum, member));
    }

    [Theory]
    [InlineData(null, "member", "actorId")]
    [InlineData("00000000-0000-0000-0000-000000000000", "member", "actorId")]
    [InlineData("0190c9d2-7a4e-7c3b-9f1e-2d5a6b7c8d9e", "king", "role")]
    [InlineData("0190c9d2-7a4e-7c3b-9f1e-2d5a6b7c8d9e", null, "role")]
    public void A_new_member_needs_an_actor_and_a_known_role(string? actorId, string? role, string field)
    {
        var errors = new ValidationErrors();
        ForumRules.Validate(new ForumMemberRequest(actorId is null ? null : Guid.Parse(actorId), role), errors);
        Assert.Equal([field], errors.Malformed.Keys);
    }

    [Fact]
    public void A_convenor_is_one_of_the_forum_roles() => Assert.Contains(ForumRoles.Convenor, ForumRoles.All);

    [Theory]
    [InlineData(null, 5, "planned", false)]
    [InlineData(null, 0, "held", false)]
    [InlineData(null, -3, "held", false)]
    [InlineData("planned", -3, "planned", false)]
    [InlineData("held", 0, "held", false)]
    [InlineData("held", 1, "held", true)]
    public void A_meeting_is_held_only_once_its_day_has_come(string? asked, int daysFromToday, string status, bool refused)
    {
        var today = new DateOnly(2026, 12, 2);
        var (taken, refusal) = MeetingRules.Status(asked, today.AddDays(daysFromToday), today);
        Assert.Equal((status, refused), (taken, refusal is not null));
    }

    [Fact]
    public void Only_a_member_is_removed_or_given_another_role()
    {
        var member = Guid.NewGuid();
        var forum = new Forum(Guid.NewGuid(), "Elnätsforum", null, "regional", member, DateTimeOffset.UnixEpoch,
            [new ForumMember(member, ForumRoles.Convenor, DateTimeOffset.UnixEpoch)], []);
        Assert.Equal((ForumRoles.Convenor, null), (ForumRules.Membership(forum, member).Member?.Role, ForumRules.Membership(forum, member).Refusal));
        var (none, refusal) = ForumRules.Membership(forum, Guid.NewGuid());
        Assert.Null(none);
        Assert.Contains("is not a member", refusal, StringComparison.Ordinal);
    }
}
