using System.Text;
using Platform.Client.Models;
using Platform.Reporting.Reports;

namespace Platform.Reporting.Tests;

/// <summary>
/// The Markdown report read as a CommonMark renderer (with GitHub's tables) reads it: the user's text shows as typed,
/// makes no HTML element, link, image or emphasis, and stays in its table cell.
/// </summary>
public sealed class MarkdownEscapingTests
{
    /// <summary>Characters that open or close markup in CommonMark, GitHub's tables, strikethrough, math and e-mail links, or an entity.</summary>
    private const string Markup = "\\`*_~[]<>&|#$@";

    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<!-- kommentar -->")]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("![x](http://evil.example/)")]
    [InlineData("[x][ref] och [ref]: http://evil.example/")]
    [InlineData("<http://evil.example/> <a@evil.example>")]
    [InlineData("http://evil.example/ HTTPS://evil.example WWW.evil.example a@evil.example mailto:a@evil.example javascript:alert(1)")]
    [InlineData("`kod` *fet* _kursiv_ ~~struken~~ $x^2$")]
    [InlineData("&lt;b&gt; &amp; &#60;script&#62; &copy")]
    [InlineData("rad ett | rad två\nrad tre\r\nrad fyra\rslut")]
    [InlineData("snedstreck \\ sist \\")]
    [InlineData("avslutas med #")]
    public async Task User_text_shows_as_typed_with_no_html_link_or_emphasis(string text)
    {
        var report = HostileReport.With(text);
        var markdown = await MarkdownAsync(report);

        Assert.DoesNotContain('<', markdown);

        // GitHub links a bare URL, e-mail address or www. name: a scheme's colon and the dot after www stay escaped.
        Assert.DoesNotMatch("[A-Za-z]:[^ ]", markdown);
        Assert.DoesNotMatch("(?i)www\\.", markdown);
        var lines = markdown.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.StartsWith("# ", lines[0], StringComparison.Ordinal);
        Assert.Equal(OneLine(report.Title), Shown(lines[0][2..]));

        // Every table but the written sections, which are the chapters' own text.
        var sections = Sections(lines);
        var tables = ReportTables.From(report).Where(table => table.Name != ReportTables.Sections).ToList();
        Assert.Equal(tables.Select(table => table.Heading), sections.Select(section => section.Heading));
        foreach (var (table, (_, rows)) in tables.Zip(sections))
        {
            Assert.Equal(table.Columns, Cells(rows[0]).Select(Shown));
            var body = rows.Skip(2).Select(Cells).ToList();
            Assert.Equal(table.Rows.Count, body.Count);
            for (var row = 0; row < body.Count; row++)
            {
                Assert.Equal(table.Rows[row].Select(cell => OneLine(ReportTables.Display(cell))), body[row].Select(Shown));
            }
        }
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("[x](javascript:alert(1))", "\\[x\\](javascript\\:alert(1))")]
    [InlineData("![x](http://evil.example/)", "!\\[x\\](http\\://evil.example/)")]
    [InlineData("<http://evil.example/>", "&lt;http\\://evil.example/&gt;")]
    [InlineData("se www.evil.example, a@evil.example kl. 10:00", "se www\\.evil.example, a\\@evil.example kl. 10:00")]
    [InlineData("`kod` *fet* _kursiv_ ~~struken~~", "\\`kod\\` \\*fet\\* \\_kursiv\\_ \\~\\~struken\\~\\~")]
    [InlineData("a | b\nc", "a \\| b c")]
    [InlineData("C:\\temp & #1", "C\\:\\\\temp &amp; \\#1")]
    public async Task User_text_is_written_escaped(string text, string written)
    {
        var markdown = await MarkdownAsync(HostileReport.With(text));

        Assert.StartsWith($"# {written}{Environment.NewLine}", markdown, StringComparison.Ordinal);
        Assert.Contains($"| Uppdrag | {written} |", markdown, StringComparison.Ordinal);
    }

    private static async Task<string> MarkdownAsync(ReportDocument report)
    {
        var rendered = await ReportRenderer.RenderAsync(report, ReportFormats.Markdown, null, Token);
        return Encoding.UTF8.GetString(rendered.Content);
    }

    /// <summary>The report's tables: each "### heading" with the lines of its table (none when it says it has no data).</summary>
    private static List<(string Heading, List<string> Rows)> Sections(List<string> lines) =>
    [
        .. lines.Select((line, index) => (line, index)).Where(item => item.line.StartsWith("### ", StringComparison.Ordinal))
            .Select(item => (item.line[4..], lines.Skip(item.index + 2).TakeWhile(line => line.StartsWith('|')).ToList())),
    ];

    /// <summary>A table row's cells, split where GitHub splits them: at every pipe not escaped with a backslash.</summary>
    private static List<string> Cells(string row)
    {
        Assert.StartsWith("| ", row, StringComparison.Ordinal);
        Assert.EndsWith(" |", row, StringComparison.Ordinal);
        var cells = new List<string>();
        var cell = new StringBuilder();
        for (var i = 1; i < row.Length - 1; i++)
        {
            if (row[i] == '\\' && i + 1 < row.Length - 1)
            {
                cell.Append(row, i++, 2);
            }
            else if (row[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(row[i]);
            }
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }

    /// <summary>
    /// What a CommonMark renderer shows for inline text made only of plain characters, backslash escapes and the
    /// entities &amp;lt; &amp;gt; &amp;amp;; fails on any character left that could begin or end markup.
    /// </summary>
    private static string Shown(string inline)
    {
        var shown = new StringBuilder();
        for (var i = 0; i < inline.Length; i++)
        {
            var c = inline[i];
            if (c == '\\' && i + 1 < inline.Length && AsciiPunctuation.Contains(inline[i + 1], StringComparison.Ordinal))
            {
                shown.Append(inline[++i]);
            }
            else if (c == '&' && Entity(inline.AsSpan(i)) is { } entity)
            {
                shown.Append(entity.Shown);
                i += entity.Length - 1;
            }
            else
            {
                Assert.False(Markup.Contains(c, StringComparison.Ordinal), $"unescaped {c} at {i} of {inline}");
                shown.Append(c);
            }
        }

        return shown.ToString();
    }

    private static (char Shown, int Length)? Entity(ReadOnlySpan<char> text) =>
        text.StartsWith("&lt;") ? ('<', 4) : text.StartsWith("&gt;") ? ('>', 4) : text.StartsWith("&amp;") ? ('&', 5) : null;

    /// <summary>A table cell and a heading are one line: a line break in the text shows as a space.</summary>
    private static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');
}
