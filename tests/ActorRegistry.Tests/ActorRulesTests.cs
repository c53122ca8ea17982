using Platform.ActorRegistry.Apis;
using Platform.ActorRegistry.Domain;
using Contact = Platform.Client.Models.Contact;

namespace Platform.ActorRegistry.Tests;

/// <summary>Who sees contact details, and what an actor's history records: rules without I/O.</summary>
public sealed class ActorRulesTests
{
    private static readonly Guid Actor = Guid.NewGuid();

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(false, false, false)]
    public void Contact_details_are_for_coordinators_and_the_actors_own_users(bool coordinator, bool ownActor, bool seesDetails) =>
        Assert.Equal(seesDetails, ContactPrivacy.MaySeeDetails(coordinator, ownActor ? Actor : Guid.NewGuid(), Actor));

    [Fact]
    public void A_user_of_no_actor_sees_no_details() => Assert.False(ContactPrivacy.MaySeeDetails(false, null, Actor));

    [Fact]
    public void Without_details_a_contact_keeps_name_and_role() =>
        Assert.Equal([new Contact("Karin Ek", "vd", null, null)], ContactPrivacy.NamesAndRoles([new Contact("Karin Ek", "vd", "karin@example.se", "070-123")]));

    [Theory]
    [InlineData("vd\u202Eabc")]
    [InlineData("två\nrader")]
    public void A_contacts_role_is_one_line(string role)
    {
        var errors = new Platform.ServiceDefaults.Http.ValidationErrors();
        Assert.Null(ActorRules.Validate(new ActorRequest("Gruvbolaget AB", "company", null, null, null, null, [new ContactRequest("Karin Ek", role, null, null)]), errors));
        Assert.Contains("contacts[0].role", errors.Malformed.Keys);
    }

    [Fact]
    public void A_contacts_role_over_200_characters_is_refused_not_cut()
    {
        var errors = new Platform.ServiceDefaults.Http.ValidationErrors();
        Assert.Null(ActorRules.Validate(new ActorRequest("Gruvbolaget AB", "company", null, null, null, null, [new ContactRequest("Karin Ek", new string('r', 201), null, null)]), errors));
        Assert.Contains("contacts[0].role", errors.Malformed.Keys);
    }

    private static ActorData Data(string name = "Gruvbolaget AB", string? website = null, params Contact[] contacts) =>
        new(name, "company", null, "2584", ["25"], website, contacts);

    [Fact]
    public void An_update_records_the_fields_it_changed_with_their_new_values()
    {
        var changes = ActorHistory.Between(Data(website: "https://gruva.example.se/"), Data("Gruvbolaget i Kiruna AB"));
        Assert.Equal(["name", "website"], changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Gruvbolaget i Kiruna AB", changes["name"]);
        Assert.Null(changes["website"]);
    }

    [Fact]
    public void A_changed_email_shows_as_changed_contacts_without_the_address()
    {
        var changes = ActorHistory.Between(Data(contacts: new Contact("Per Berg", "vd", "per@example.se", null)), Data(contacts: new Contact("Per Berg", "vd", "per.berg@example.se", null)));
        var contact = Assert.Single(Assert.IsType<List<Dictionary<string, string?>>>(changes["contacts"]));
        Assert.Equal(["name", "role"], contact.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Per Berg", contact["name"]);
    }

    [Fact]
    public void An_update_that_changes_nothing_records_no_fields() => Assert.Empty(ActorHistory.Between(Data(), Data()));
}
