using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Platform.Client.Models;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Domain;

/// <summary>A section the final report has: its key in the API and its heading.</summary>
public sealed record SectionDefinition(string Key, string Title);

/// <summary>
/// The written parts of the final report: the sections coordinators draft (one per task of the decision, between a
/// summary and conclusions, and a comment on the financial account) and the facts of its cover.
/// </summary>
public static class ReportWriting
{
    public const int MaxTextLength = 20_000;

    /// <summary>Who reports, and to whom (the decision's department).</summary>
    public const string Sender = "Tillväxtverket";

    public const string Recipient = "Regeringskansliet (Klimat- och näringslivsdepartementet)";

    /// <summary>The sections in the report's order.</summary>
    public static readonly IReadOnlyList<SectionDefinition> Sections =
    [
        new("summary", "Sammanfattning"),
        new("collaboration", "Långsiktig samverkan mellan myndigheter, regioner, kommuner och näringsliv"),
        new("efforts", "Insatser där utmaningarna är särskilt stora"),
        new("lessons", "Dokumentation och spridning av kunskaper och erfarenheter"),
        new("dialogue", "Dialog med regionerna, länsstyrelserna, kommunerna, myndigheterna och näringslivet"),
        new("structures", "Befintliga strukturer och statliga myndigheters medverkan"),
        new("finance", "Ekonomisk slutredovisning"),
        new("conclusions", "Slutsatser"),
    ];

    public static SectionDefinition? Section(string key) => Sections.FirstOrDefault(section => section.Key == key);

    // CommonMark as it is, HTML included, so that HTML in a text is found and refused rather than kept as text that the
    // Markdown format would pass on.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    /// <summary>The text as Markdown's syntax tree, parsed the one way the rules and the renderers read it.</summary>
    public static MarkdownDocument Parse(string text) => Markdown.Parse(text, Pipeline);

    /// <summary>
    /// Records what is wrong with a section's text: too long, or using more than the report's subset of Markdown
    /// (paragraphs, bulleted and numbered lists, <c>###</c> and <c>####</c> subheadings, emphasis and line breaks). No
    /// HTML, links, images, code or tables: the report is printed and sent as it reads, and holds nothing that fetches
    /// or runs.
    /// </summary>
    public static string? CheckText(string? text, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            errors.Malformed["text"] = ["Text is required (an empty text clears the section)."];
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > MaxTextLength)
        {
            errors.Malformed["text"] = [$"Text is at most {MaxTextLength:N0} characters."];
            return null;
        }

        if (!TextRules.CheckLongText(trimmed, "text", errors))
        {
            return null;
        }

        if (Parse(trimmed).Descendants().FirstOrDefault(node => Refused(node) is not null) is { } refused)
        {
            errors.Malformed["text"] = [$"{Refused(refused)} (line {refused.Line + 1}): the report takes paragraphs, lists, ### subheadings and emphasis only."];
            return null;
        }

        return trimmed;
    }

    /// <summary>What a node of the text is, when the report does not take it; null when it does.</summary>
    private static string? Refused(MarkdownObject node) => node switch
    {
        HtmlBlock or HtmlInline => "HTML is not allowed",
        LinkInline { IsImage: true } => "An image is not allowed",
        LinkInline or AutolinkInline => "A link is not allowed",
        CodeBlock or CodeInline => "Code is not allowed",
        ThematicBreakBlock => "A horizontal rule is not allowed",
        QuoteBlock => "A quotation block is not allowed",
        HeadingBlock { Level: < 3 } => "Only ### and #### subheadings are allowed",
        LinkReferenceDefinitionGroup or LinkReferenceDefinition => "A link is not allowed",
        // A bare address becomes a link where the Markdown format is shown (GitHub, wikis).
        LiteralInline literal when literal.Content.ToString().Contains("://", StringComparison.Ordinal) => "A web address is not allowed",
        _ => null,
    };

    /// <summary>Records what is wrong with the cover's facts and returns them trimmed.</summary>
    public static (string AgencyCaseNumber, string DecidedBy, string PresentedBy)? CheckCover(
        string? agencyCaseNumber, string? decidedBy, string? presentedBy, ValidationErrors errors)
    {
        var caseNumber = FieldRules.Text(agencyCaseNumber, "agencyCaseNumber", 3, 50, errors);
        var decided = FieldRules.Text(decidedBy, "decidedBy", 3, 200, errors);
        var presented = FieldRules.Text(presentedBy, "presentedBy", 3, 200, errors);
        return errors.Any ? null : (caseNumber!, decided!, presented!);
    }

    /// <summary>The cover of <paramref name="assignment"/>'s report dated <paramref name="date"/>, with the facts saved so far.</summary>
    public static ReportCover Cover(Assignment assignment, DateOnly date, ReportCoverFacts facts)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(facts);
        return new ReportCover(Sender, Recipient, assignment.Title, assignment.Reference, date, facts.AgencyCaseNumber, facts.DecidedBy, facts.PresentedBy);
    }
}
