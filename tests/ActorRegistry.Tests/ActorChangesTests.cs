using Platform.ActorRegistry.Domain;
using Actor = Platform.Client.Models.Actor;
using Contact = Platform.Client.Models.Contact;

namespace Platform.ActorRegistry.Tests;

/// <summary>Who may change an actor, and how it is deactivated and reactivated: rules without I/O.</summary>
public sealed class ActorChangesTests
{
    private static readonly Guid Own = Guid.NewGuid();

    private static readonly Editor Coordinator = new("dev-coordinator-1", IsCoordinator: true, ActorId: null);
    private static readonly Editor OwnUser = new("dev-actor-1", IsCoordinator: false, ActorId: Own);
    private static readonly Editor OtherActorUser = new("dev-actor-2", IsCoordinator: false, ActorId: Guid.NewGuid());
    private static readonly Editor Reader = new("dev-reader-1", IsCoordinator: false, ActorId: null);

    private static ActorData Company(string kind = "company", string? organisationNumber = "556036-0793", string name = "Gruvbolaget AB") =>
        new(name, kind, organisationNumber, "2584", ["25"], null, []);

    [Fact]
    public void Coordinators_update_any_actor_and_an_actor_user_only_its_own()
    {
        Assert.Null(ActorChanges.RefusalToUpdate(Coordinator, Own));
        Assert.Null(ActorChanges.RefusalToUpdate(OwnUser, Own));
        Assert.Equal("An actor user may update only its own actor.", ActorChanges.RefusalToUpdate(OtherActorUser, Own));
        Assert.NotNull(ActorChanges.RefusalToUpdate(Reader, Own));
    }

    [Fact]
    public void An_actor_user_changes_its_name_and_details_but_not_its_kind_or_organisation_number()
    {
        Assert.Null(ActorChanges.RefusalToChange(OwnUser, Company(), Company(name: "Gruvbolaget i Kiruna AB")));
        Assert.Equal("Only coordinators change an actor's kind or organisation number.", ActorChanges.RefusalToChange(OwnUser, Company(), Company(kind: "agency")));
        Assert.NotNull(ActorChanges.RefusalToChange(OwnUser, Company(), Company(organisationNumber: null)));
        Assert.Null(ActorChanges.RefusalToChange(Coordinator, Company(), Company(kind: "agency", organisationNumber: null)));
    }

    [Fact]
    public void Deactivation_keeps_its_reason_and_records_a_deactivation()
    {
        Assert.Equal(new ActorStatusChange(false, "Konkurs", ActorHistory.Deactivated), ActorChanges.SetActive(isActive: true, activate: false, "Konkurs"));
    }

    [Fact]
    public void Reactivation_clears_the_deactivation_reason_and_records_its_own_reason_in_the_history_only()
    {
        Assert.Equal(new ActorStatusChange(true, null, ActorHistory.Reactivated), ActorChanges.SetActive(isActive: false, activate: true, "Rekonstruktion klar"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_actor_already_in_the_status_asked_for_is_not_changed(bool active) =>
        Assert.Null(ActorChanges.SetActive(isActive: active, activate: active, "Igen"));

    [Fact]
    public void An_actor_answered_to_others_keeps_its_contacts_names_and_roles_only()
    {
        var actor = new Actor(Own, "Gruvbolaget AB", "company", null, null, ["25"], null, [new Contact("Karin Ek", "vd", "karin@example.se", "070-123")],
            true, null, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        Assert.Same(actor, ContactPrivacy.ShownTo(actor, isCoordinator: true, callerActorId: null));
        Assert.Same(actor, ContactPrivacy.ShownTo(actor, isCoordinator: false, callerActorId: Own));
        var shown = ContactPrivacy.ShownTo(actor, isCoordinator: false, callerActorId: Guid.NewGuid());
        Assert.Equal([new Contact("Karin Ek", "vd", null, null)], shown.Contacts);
        Assert.Equal(actor with { Contacts = shown.Contacts }, shown);
    }
}
