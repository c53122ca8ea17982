using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.FluentUI.AspNetCore.Components;
using Platform.Web.Localization;
using Platform.Web.SignIn;

namespace Platform.Web.Tests;

/// <summary>The pages' words and formats, and where a sign-in may lead.</summary>
public sealed partial class TextsTests
{
    [Fact]
    public void Amounts_and_dates_are_written_the_Swedish_way_in_both_languages()
    {
        foreach (var culture in Texts.Cultures)
        {
            CultureInfo.CurrentUICulture = culture;
            Assert.Equal("1\u00a0234\u00a0567,89 kr", Texts.Kronor(1_234_567.89m));
            Assert.Equal("4\u00a0000\u00a0000 kr", Texts.WholeKronor(4_000_000m));
            Assert.Equal("2024-01-31", Texts.Date(new DateOnly(2024, 1, 31)));
            // Midnight in Stockholm is the evening before in UTC: the date people saw is Stockholm's.
            Assert.Equal("2024-02-01", Texts.Date(new DateTimeOffset(2024, 1, 31, 23, 30, 0, TimeSpan.Zero)));
        }
    }

    [Fact]
    public void Every_Swedish_text_of_the_pages_has_its_English()
    {
        var web = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "services", "Web", "Components"));
        var missing = Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => TextKey().Matches(File.ReadAllText(file)).Select(match => (File: Path.GetFileName(file), Text: match.Groups["text"].Value)))
            .Where(text => !English.Words.ContainsKey(text.Text))
            .Select(text => $"{text.File}: {text.Text}")
            .ToList();

        Assert.NotEmpty(Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories));
        Assert.Empty(missing);
    }

    [Fact]
    public void The_language_switch_translates_and_Swedish_stays_as_written()
    {
        var texts = new Texts();
        CultureInfo.CurrentUICulture = Texts.Swedish;
        Assert.Equal("Behov", texts["Behov"]);
        Assert.Equal("3 behov", texts.Format("{0} behov", 3));
        CultureInfo.CurrentUICulture = Texts.EnglishCulture;
        Assert.Equal("Needs", texts["Behov"]);
        Assert.Equal("3 needs", texts.Format("{0} behov", 3));
    }

    [Fact]
    public void The_component_librarys_own_words_follow_the_language_switch()
    {
        IFluentLocalizer texts = new FluentTexts();
        CultureInfo.CurrentUICulture = Texts.Swedish;
        Assert.Equal("Stäng", texts["LayoutHamburger_Close"]);
        Assert.Equal("Fältet Startdatum måste vara ett datum.", texts["Calendar_FieldMustBeADate", "Startdatum"]);
        CultureInfo.CurrentUICulture = Texts.EnglishCulture;
        Assert.Equal("Close", texts["LayoutHamburger_Close"]);
        Assert.Equal("Hide this message", texts["MessageBar_Dismiss"]);
    }

    [Theory]
    [InlineData("/behov/ny", "/behov/ny")]
    [InlineData("/behov?q=el%C3%A4t", "/behov?q=el%C3%A4t")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    public void After_signing_in_only_a_path_of_this_site_is_followed(string? returnUrl, string expected) =>
        Assert.Equal(expected, WebAuthentication.LocalUrl(returnUrl));

    [GeneratedRegex("""T(?:\[|\.Format\()"(?<text>(?:[^"\\]|\\.)+)"[\],]""")]
    private static partial Regex TextKey();
}
