using System.Collections.Frozen;

namespace Platform.Reference;

public sealed record Theme(string Code, string NameSv, string NameEn);

/// <summary>The themes needs and challenges are sorted under (DESIGN.md), with Swedish and English names.</summary>
public static class Themes
{
    public static readonly IReadOnlyList<Theme> All =
    [
        new("electricity", "Ny elproduktion och elnät", "New electricity generation and grids"),
        new("infrastructure", "Infrastruktur och transporter", "Infrastructure and transport"),
        new("housing", "Bostäder", "Housing"),
        new("education", "Utbildning", "Education"),
        new("skills", "Kompetensförsörjning och kompetensinflyttning", "Skills supply and attracting skilled people"),
        new("planning", "Planering och tillstånd", "Planning and permits"),
        new("public-services", "Kommunal kapacitet och välfärd", "Municipal capacity and welfare"),
        new("other", "Övrigt", "Other"),
    ];

    public static readonly IReadOnlyCollection<string> Codes = All.Select(theme => theme.Code).ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKnown(string code) => Codes.Contains(code);
}
