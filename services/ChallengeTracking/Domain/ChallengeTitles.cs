using System.Globalization;
using Platform.Reference;

namespace Platform.ChallengeTracking.Domain;

/// <summary>What a challenge is called when the need that opened it may not be read by everyone.</summary>
public static class ChallengeTitles
{
    private static readonly StringComparer Swedish = StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: false);

    /// <summary>
    /// A title and description from the theme and the municipalities alone, e.g. "Bostäder: Boden, Luleå": every role
    /// reads a challenge, and a confidential need's text is for coordinators, agencies and its company only.
    /// </summary>
    public static (string Title, string Description) Neutral(string theme, IEnumerable<string> municipalityCodes)
    {
        var themeName = Themes.All.FirstOrDefault(t => t.Code == theme)?.NameSv ?? theme;
        var places = string.Join(", ", municipalityCodes
            .Distinct(StringComparer.Ordinal)
            .Select(code => Geography.TryGetMunicipality(code, out var municipality) ? municipality.Name : code)
            .Order(Swedish));
        return ($"{themeName}: {places}",
            $"{themeName} i {places}. Utmaningen bygger på ett konfidentiellt behov; titel och beskrivning hämtas från det första öppna behov som kopplas hit.");
    }
}
