using System.Text;

namespace Platform.Reporting.Reports;

/// <summary>
/// Text as Markdown that a CommonMark renderer, GitHub's included, shows exactly as typed on one line: no HTML, no
/// link, image or autolink, no emphasis, code, strikethrough or math, and no cell break in a table.
/// </summary>
public static class MarkdownText
{
    /// <summary>
    /// What opens or closes markup inline, backslash-escaped. <c>!</c> and parentheses stay as they are: with the
    /// brackets escaped they cannot make a link or an image.
    /// </summary>
    private const string Escaped = "\\`*_~[]#|$@";

    public static string Escape(string text)
    {
        var markdown = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '<':
                    markdown.Append("&lt;");
                    break;
                case '>':
                    markdown.Append("&gt;");
                    break;
                case '&':
                    markdown.Append("&amp;");
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    markdown.Append(' ');
                    break;
                case var c when Escaped.Contains(c, StringComparison.Ordinal) || StartsBareLink(text, i):
                    markdown.Append('\\').Append(c);
                    break;
                case var c:
                    markdown.Append(c);
                    break;
            }
        }

        return markdown.ToString();
    }

    /// <summary>
    /// GitHub turns a bare <c>http://…</c>, <c>mailto:…</c> or <c>www.…</c> into a link: its scheme's colon (a colon
    /// between a letter and more text) or the dot after <c>www</c>, escaped, keeps it text. A colon before a space or
    /// after a digit (<c>10:00</c>) stays as it is.
    /// </summary>
    private static bool StartsBareLink(string text, int i) => text[i] switch
    {
        ':' => i > 0 && char.IsAsciiLetter(text[i - 1]) && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]),
        '.' => i >= 3 && text.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
