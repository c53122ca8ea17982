using System.Collections.Frozen;

namespace Platform.Reference;

public sealed record County(string Code, string Name);

public sealed record Municipality(string Code, string Name, string CountyCode);

/// <summary>The reference geography of the assignment (SCB codes): Norrbotten (25) and Västerbotten (24).</summary>
public static class Geography
{
    public static readonly IReadOnlyList<County> Counties =
    [
        new("24", "Västerbottens län"),
        new("25", "Norrbottens län"),
    ];

    public static readonly IReadOnlyList<Municipality> Municipalities =
    [
        new("2401", "Nordmaling", "24"), new("2403", "Bjurholm", "24"), new("2404", "Vindeln", "24"),
        new("2409", "Robertsfors", "24"), new("2417", "Norsjö", "24"), new("2418", "Malå", "24"),
        new("2421", "Storuman", "24"), new("2422", "Sorsele", "24"), new("2425", "Dorotea", "24"),
        new("2460", "Vännäs", "24"), new("2462", "Vilhelmina", "24"), new("2463", "Åsele", "24"),
        new("2480", "Umeå", "24"), new("2481", "Lycksele", "24"), new("2482", "Skellefteå", "24"),
        new("2505", "Arvidsjaur", "25"), new("2506", "Arjeplog", "25"), new("2510", "Jokkmokk", "25"),
        new("2513", "Överkalix", "25"), new("2514", "Kalix", "25"), new("2518", "Övertorneå", "25"),
        new("2521", "Pajala", "25"), new("2523", "Gällivare", "25"), new("2560", "Älvsbyn", "25"),
        new("2580", "Luleå", "25"), new("2581", "Piteå", "25"), new("2582", "Boden", "25"),
        new("2583", "Haparanda", "25"), new("2584", "Kiruna", "25"),
    ];

    private static readonly FrozenDictionary<string, Municipality> MunicipalityByCode =
        Municipalities.ToFrozenDictionary(municipality => municipality.Code, StringComparer.Ordinal);

    private static readonly FrozenSet<string> CountyCodes = Counties.Select(county => county.Code).ToFrozenSet(StringComparer.Ordinal);

    public static bool TryGetMunicipality(string code, out Municipality municipality) =>
        MunicipalityByCode.TryGetValue(code, out municipality!);

    public static bool IsCounty(string code) => CountyCodes.Contains(code);

    /// <summary>The counties of the given municipality codes (unknown codes skipped), sorted.</summary>
    public static IReadOnlyList<string> CountiesOf(IEnumerable<string> municipalityCodes) =>
        municipalityCodes.Select(code => MunicipalityByCode.TryGetValue(code, out var municipality) ? municipality.CountyCode : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
