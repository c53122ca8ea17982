using Microsoft.Extensions.Caching.Memory;
using Platform.Client;
using Platform.Client.Models;
using Platform.Web.Localization;

namespace Platform.Web;

/// <summary>
/// Themes, counties and municipalities: the same for every role and person, so read through the first person's client
/// and kept for everyone for a while (nothing a role may not see is in them).
/// </summary>
public sealed class ReferenceData(PlatformClient platform, IMemoryCache cache)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);
    private Task<Loaded>? loaded;

    public sealed record Loaded(IReadOnlyList<Theme> Themes, IReadOnlyList<County> Counties, IReadOnlyList<Municipality> Municipalities)
    {
        public string ThemeName(string code) =>
            Themes.FirstOrDefault(theme => theme.Code == code) is { } theme ? (Texts.InEnglish ? theme.NameEn : theme.NameSv) : code;

        public string CountyName(string code) => Counties.FirstOrDefault(county => county.Code == code)?.Name ?? code;

        public string MunicipalityName(string code) => Municipalities.FirstOrDefault(municipality => municipality.Code == code)?.Name ?? code;
    }

    public Task<Loaded> GetAsync(CancellationToken cancellationToken) =>
        loaded ??= cache.GetOrCreateAsync(nameof(ReferenceData), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = KeptFor;
            return LoadAsync(cancellationToken);
        })!;

    private async Task<Loaded> LoadAsync(CancellationToken cancellationToken)
    {
        var themes = platform.Challenges.ListThemesAsync(cancellationToken);
        var counties = platform.Geography.ListCountiesAsync(pageSize: 100, cancellationToken: cancellationToken);
        var municipalities = platform.Geography.ListMunicipalitiesAsync(pageSize: 100, cancellationToken: cancellationToken);
        return new Loaded(await themes, (await counties).Items, [.. (await municipalities).Items.OrderBy(m => m.Name, StringComparer.Create(Texts.Swedish, false))]);
    }
}
