using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Tests;

/// <summary>The report's subset of Markdown and the cover's facts, without a server.</summary>
public sealed class ReportWritingTests
{
    private static (string? Text, ValidationErrors Errors) Check(string? text)
    {
        var errors = new ValidationErrors();
        return (ReportWriting.CheckText(text, errors), errors);
    }

    [Fact]
    public void Paragraphs_lists_subheadings_and_emphasis_are_taken_trimmed()
    {
        var (text, errors) = Check("  Uppdraget har *genomförts* i **dialog**.\n\n### Resultat\n\n- Boden\n- Luleå\n\n1. Först\n2. Sedan  ");
        Assert.False(errors.Any);
        Assert.Equal("Uppdraget har *genomförts* i **dialog**.\n\n### Resultat\n\n- Boden\n- Luleå\n\n1. Först\n2. Sedan", text);
        Assert.Equal(string.Empty, Check("   ").Text);
    }

    [Theory]
    [InlineData("Se <b>detta</b>.", "HTML")]
    [InlineData("<div>block</div>", "HTML")]
    [InlineData("Läs [mer](https://example.org).", "link")]
    [InlineData("Läs <https://example.org>.", "link")]
    [InlineData("[mer][1]\n\n[1]: https://example.org", "link")]
    [InlineData("![bild](https://example.org/x.png)", "image")]
    [InlineData("Kör `kod`.", "Code")]
    [InlineData("```\nkod\n```", "Code")]
    [InlineData("# Rubrik", "subheadings")]
    [InlineData("## Rubrik", "subheadings")]
    [InlineData("> citat", "quotation")]
    [InlineData("text\n\n---\n\nmer", "horizontal rule")]
    [InlineData("Se https://example.org för mer.", "web address")]
    public void Anything_else_is_refused_naming_what_and_where(string text, string named)
    {
        var (accepted, errors) = Check(text);
        Assert.Null(accepted);
        Assert.Contains(named, Assert.Single(errors.Malformed["text"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_is_required_and_at_most_twenty_thousand_characters()
    {
        Assert.True(Check(null).Errors.Malformed.ContainsKey("text"));
        Assert.True(Check(new string('a', ReportWriting.MaxTextLength + 1)).Errors.Malformed.ContainsKey("text"));
        Assert.False(Check(new string('a', ReportWriting.MaxTextLength)).Errors.Any);
    }

    [Fact]
    public void The_cover_needs_every_fact()
    {
        var errors = new ValidationErrors();
        Assert.Null(ReportWriting.CheckCover(" Ä 2023-1234 ", "", null, errors));
        Assert.Equal(["decidedBy", "presentedBy"], errors.Malformed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("Ä 2023-1234", "generaldirektör Anna Andersson", "Erik Eriksson"),
            ReportWriting.CheckCover(" Ä 2023-1234 ", "generaldirektör Anna Andersson", "Erik Eriksson", new ValidationErrors()));
    }
}
