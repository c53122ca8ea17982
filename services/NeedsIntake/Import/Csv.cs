using System.Text;

namespace Platform.NeedsIntake.Import;

/// <summary>One record of a CSV file and the line it starts on (1-based; a quoted field can span lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

public sealed class CsvFormatException(int line, string message) : Exception($"Line {line}: {message}")
{
    public int Line { get; } = line;
}

/// <summary>
/// A strict RFC 4180 reader: comma-separated fields, double-quoted fields may hold commas, line breaks and doubled
/// quotes; records end with CRLF or LF. A quote inside an unquoted field, text after a closing quote or an
/// unterminated quoted field is an error naming its line. A leading byte order mark and a final line break are allowed.
/// </summary>
public static class Csv
{
    public static IReadOnlyList<CsvRecord> Parse(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        var recordLine = 1;
        var atFieldStart = true;

        while (position < text.Length)
        {
            var c = text[position];
            if (atFieldStart && c == '"')
            {
                position = ReadQuoted(text, position + 1, field, ref line);
                atFieldStart = false;
                if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    throw new CsvFormatException(line, "a closing quote must end the field (found text after it).");
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    position++;
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(new CsvRecord(recordLine, [.. fields]));
                    fields.Clear();
                    position += c == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                    line++;
                    recordLine = line;
                    atFieldStart = true;
                    break;
                case '"':
                    throw new CsvFormatException(line, "a quote inside an unquoted field; quote the whole field and double the quote.");
                default:
                    field.Append(c);
                    atFieldStart = false;
                    position++;
                    break;
            }
        }

        if (!atFieldStart || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, [.. fields]));
        }

        return records;
    }

    private static int ReadQuoted(string text, int position, StringBuilder field, ref int line)
    {
        var startLine = line;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '"')
            {
                if (position + 1 < text.Length && text[position + 1] == '"')
                {
                    field.Append('"');
                    position += 2;
                    continue;
                }

                return position + 1;
            }

            if (c == '\n' || (c == '\r' && (position + 1 >= text.Length || text[position + 1] != '\n')))
            {
                line++;
            }

            field.Append(c);
            position++;
        }

        throw new CsvFormatException(startLine, "a quoted field is not closed.");
    }
}
