using System.Text;

namespace Platform.Reporting.Tests;

/// <summary>Reads CSV as RFC 4180 says a spreadsheet should, and fails on anything the RFC does not allow.</summary>
internal static class Rfc4180
{
    /// <summary>
    /// An RFC 4180 reader: quoted fields, doubled quotes, CRLF record ends, line breaks inside quotes; a semicolon
    /// <paramref name="separator"/> reads what Swedish Excel writes.
    /// </summary>
    public static List<string[]> Parse(string text, char separator = ',')
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                Assert.False(c is '"' or '\r' or '\n', $"unquoted {c} at {i}");
                field.Append(c);
            }
        }

        Assert.True(field.Length == 0 && fields.Count == 0, "the last record ends with CRLF");
        return records;
    }
}
