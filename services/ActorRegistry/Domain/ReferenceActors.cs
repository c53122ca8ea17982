using System.Security.Cryptography;
using System.Text;

namespace Platform.ActorRegistry.Domain;

public sealed record ReferenceActor(Guid Id, ActorRequest Request);

/// <summary>
/// The actors every installation has: both regions and county boards, the 29 municipalities, the national agencies
/// of the assignment and the two universities. Ids are derived from a stable key, so every replica and every
/// installation seeds the same ids.
/// </summary>
public static class ReferenceActors
{
    private static readonly string[] BothCounties = ["24", "25"];

    private static readonly Dictionary<string, string> MunicipalityNames = new(StringComparer.Ordinal)
    {
        ["2401"] = "Nordmalings kommun", ["2403"] = "Bjurholms kommun", ["2404"] = "Vindelns kommun",
        ["2409"] = "Robertsfors kommun", ["2417"] = "Norsjö kommun", ["2418"] = "Malå kommun",
        ["2421"] = "Storumans kommun", ["2422"] = "Sorsele kommun", ["2425"] = "Dorotea kommun",
        ["2460"] = "Vännäs kommun", ["2462"] = "Vilhelmina kommun", ["2463"] = "Åsele kommun",
        ["2480"] = "Umeå kommun", ["2481"] = "Lycksele kommun", ["2482"] = "Skellefteå kommun",
        ["2505"] = "Arvidsjaurs kommun", ["2506"] = "Arjeplogs kommun", ["2510"] = "Jokkmokks kommun",
        ["2513"] = "Överkalix kommun", ["2514"] = "Kalix kommun", ["2518"] = "Övertorneå kommun",
        ["2521"] = "Pajala kommun", ["2523"] = "Gällivare kommun", ["2560"] = "Älvsbyns kommun",
        ["2580"] = "Luleå kommun", ["2581"] = "Piteå kommun", ["2582"] = "Bodens kommun",
        ["2583"] = "Haparanda stad", ["2584"] = "Kiruna kommun",
    };

    /// <summary>Organisation numbers known to pass the check (DESIGN.md); others are left for coordinators to add.</summary>
    private static readonly Dictionary<string, string> OrganisationNumbers = new(StringComparer.Ordinal)
    {
        ["municipality:2403"] = "212000-2833",
        ["agency:myh"] = "202100-6230",
    };

    public static IReadOnlyList<ReferenceActor> All { get; } = Build();

    public static Guid IdFor(string key) => new(MD5.HashData(Encoding.UTF8.GetBytes($"platform:actor:{key}")));

    private static List<ReferenceActor> Build()
    {
        var actors = new List<ReferenceActor>
        {
            Actor("region:25", "Region Norrbotten", ActorKinds.Region, countyCodes: ["25"]),
            Actor("region:24", "Region Västerbotten", ActorKinds.Region, countyCodes: ["24"]),
            Actor("county-board:25", "Länsstyrelsen i Norrbottens län", ActorKinds.CountyBoard, countyCodes: ["25"]),
            Actor("county-board:24", "Länsstyrelsen i Västerbottens län", ActorKinds.CountyBoard, countyCodes: ["24"]),
        };

        actors.AddRange(Geography.Municipalities.Select(municipality =>
            Actor($"municipality:{municipality.Code}", MunicipalityNames[municipality.Code], ActorKinds.Municipality, municipalityCode: municipality.Code)));

        (string Key, string Name)[] agencies =
        [
            ("tillvaxtverket", "Tillväxtverket"), ("trafikverket", "Trafikverket"), ("svk", "Svenska kraftnät"),
            ("energimyndigheten", "Energimyndigheten"), ("ei", "Energimarknadsinspektionen"),
            ("arbetsformedlingen", "Arbetsförmedlingen"), ("myh", "Myndigheten för yrkeshögskolan"), ("boverket", "Boverket"),
            ("skolverket", "Skolverket"), ("forsvarsmakten", "Försvarsmakten"), ("fortifikationsverket", "Fortifikationsverket"),
        ];
        actors.AddRange(agencies.Select(agency => Actor($"agency:{agency.Key}", agency.Name, ActorKinds.Agency, countyCodes: BothCounties)));

        actors.Add(Actor("academia:ltu", "Luleå tekniska universitet", ActorKinds.Academia, municipalityCode: "2580"));
        actors.Add(Actor("academia:umu", "Umeå universitet", ActorKinds.Academia, municipalityCode: "2480"));
        return actors;
    }

    private static ReferenceActor Actor(string key, string name, string kind, string? municipalityCode = null, string[]? countyCodes = null) =>
        new(IdFor(key), new ActorRequest(name, kind, OrganisationNumbers.GetValueOrDefault(key), municipalityCode, countyCodes, null, null));
}
