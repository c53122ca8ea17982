using Platform.Client.Models;
using Platform.Reporting.Domain;

namespace Platform.Reporting.Tests;

/// <summary>Which of the parties the decision names the forums and meetings reached, without a server.</summary>
public sealed class DialogueCoverageTests
{
    private static PartyActor Actor(string name, string kind, string? municipality = null, params string[] counties) =>
        new(Guid.CreateVersion7(), name, kind, municipality, counties);

    [Fact]
    public void Every_named_party_is_counted_in_the_decisions_order_and_the_unreached_are_named()
    {
        var regionNorth = Actor("Region Norrbotten", "region", null, "25");
        var regionSouth = Actor("Region Västerbotten", "region", null, "24");
        var boardNorth = Actor("Länsstyrelsen i Norrbottens län", "county-board", null, "25");
        var boardSouth = Actor("Länsstyrelsen i Västerbottens län", "county-board", null, "24");
        var lulea = Actor("Luleå kommun", "municipality", "2580");
        var boden = Actor("Bodens kommun", "municipality", "2582");
        var umea = Actor("Umeå kommun", "municipality", "2480");
        var trafikverket = Actor("Trafikverket", "agency", null, "24", "25");
        var boverket = Actor("Boverket", "agency", null, "24", "25");
        var steel = Actor("Stålbolaget AB", "company", "2582");
        var university = Actor("Luleå tekniska universitet", "academia", "2580");
        Guid forum = Guid.CreateVersion7(), first = Guid.CreateVersion7(), second = Guid.CreateVersion7();
        var forums = new Dictionary<Guid, IReadOnlySet<Guid>> { [regionNorth.Id] = new HashSet<Guid> { forum }, [trafikverket.Id] = new HashSet<Guid> { forum } };
        var meetings = new Dictionary<Guid, IReadOnlySet<Guid>>
        {
            [lulea.Id] = new HashSet<Guid> { first, second }, [boden.Id] = new HashSet<Guid> { second }, [steel.Id] = new HashSet<Guid> { first },
            [university.Id] = new HashSet<Guid> { first },
        };

        var reach = DialogueCoverage.Of(
            [regionNorth, regionSouth, boardNorth, boardSouth, lulea, boden, umea, trafikverket, boverket, steel, university], forums, meetings);

        Assert.Equal(
        [
            new PartyCoverage("Regionen i Norrbottens län", 1, 1, 1, 0),
            new PartyCoverage("Regionen i Västerbottens län", 1, 0, 0, 0),
            new PartyCoverage("Länsstyrelsen i Norrbottens län", 1, 0, 0, 0),
            new PartyCoverage("Länsstyrelsen i Västerbottens län", 1, 0, 0, 0),
            new PartyCoverage("Kommunerna i Norrbottens län", 2, 2, 0, 2),
            new PartyCoverage("Kommunerna i Västerbottens län", 1, 0, 0, 0),
            new PartyCoverage("Berörda myndigheter", 2, 1, 1, 0),
            new PartyCoverage("Näringslivet", 1, 1, 0, 1),
        ], reach.Parties);
        Assert.Equal(
        [
            new UnreachedParty("Regionen i Västerbottens län", "Region Västerbotten"),
            new UnreachedParty("Länsstyrelsen i Norrbottens län", "Länsstyrelsen i Norrbottens län"),
            new UnreachedParty("Länsstyrelsen i Västerbottens län", "Länsstyrelsen i Västerbottens län"),
            new UnreachedParty("Kommunerna i Västerbottens län", "Umeå kommun"),
            new UnreachedParty("Berörda myndigheter", "Boverket"),
        ], reach.Unreached);
    }

    [Fact]
    public void A_company_not_reached_is_counted_but_not_named()
    {
        var reach = DialogueCoverage.Of([Actor("Tyst AB", "company", "2580")], new Dictionary<Guid, IReadOnlySet<Guid>>(), new Dictionary<Guid, IReadOnlySet<Guid>>());
        Assert.Equal(new PartyCoverage("Näringslivet", 1, 0, 0, 0), reach.Parties[^1]);
        Assert.Empty(reach.Unreached);
    }
}
