using System.Text;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Tests;

/// <summary>The characters every field and parameter accepts, and where in a JSON body a refused one is.</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Bostäder i Boden", null)]
    [InlineData("rad ett\r\nrad två\tflik", null)]
    [InlineData("före\u0000efter", '\u0000')]
    [InlineData("klocka\u0007", '\u0007')]
    [InlineData("escape\u001B[31m", '\u001B')]
    [InlineData("delete\u007F", '\u007F')]
    [InlineData("\u202Eاختبار", null)]
    public void Long_text_allows_tabs_and_line_breaks_only(string text, char? refused) =>
        Assert.Equal(refused, TextRules.ForbiddenInLongText(text));

    [Theory]
    [InlineData("Luleå kommun", null)]
    [InlineData("två\nrader", '\n')]
    [InlineData("flik\tnamn", '\t')]
    [InlineData("före\u0000efter", '\u0000')]
    [InlineData("faktura\u202Efdp.exe", '\u202E')]
    [InlineData("\u2066isolat\u2069", '\u2066')]
    [InlineData("\u202Abädda in", '\u202A')]
    public void A_line_has_no_control_character_and_no_bidirectional_override(string text, char? refused) =>
        Assert.Equal(refused, TextRules.ForbiddenInLine(text));

    [Fact]
    public void Field_rules_refuse_a_title_with_an_override_and_name_the_field()
    {
        var errors = new ValidationErrors();
        Assert.Null(FieldRules.Text("Rapport\u202Efdp.exe", "title", 3, 200, errors));
        Assert.Contains("U+202E", Assert.Single(errors.Malformed["title"]), StringComparison.Ordinal);

        errors = new ValidationErrors();
        Assert.Equal("rad ett\nrad två", FieldRules.Text(" rad ett\nrad två ", "text", 3, 200, errors, multiline: true));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData("""{"title":"ok","description":"a\u0000b"}""", "$.description", '\u0000')]
    [InlineData("""{"contacts":[{"name":"A"},{"name":"B\u0001"}]}""", "$.contacts[1].name", '\u0001')]
    [InlineData("""{"targetGroups":["kommuner","reg\u0000ioner"]}""", "$.targetGroups[1]", '\u0000')]
    [InlineData("""{"quantity":{"value":3,"unit":"st\u007f"},"x":[1,[2,"\u0002"]]}""", "$.quantity.unit", '\u007F')]
    [InlineData("""{"a":[1,[2,"\u0002"]]}""", "$.a[1][1]", '\u0002')]
    [InlineData("""{"na\u0000me":"x"}""", "$.na\u0000me", '\u0000')]
    public void A_refused_string_in_a_body_is_found_with_its_path(string json, string path, char refused)
    {
        var found = TextInputMiddleware.FindRefusedString(Encoding.UTF8.GetBytes(json));
        Assert.Equal((path, refused), found);
    }

    [Theory]
    [InlineData("""{"title":"ok","text":"rad\nrad\ttab \u00e5"}""")]
    [InlineData("""{"title":"ok", "broken": """)]
    [InlineData("[]")]
    public void A_body_without_refused_strings_or_not_json_passes(string json) =>
        Assert.Null(TextInputMiddleware.FindRefusedString(Encoding.UTF8.GetBytes(json)));
}
