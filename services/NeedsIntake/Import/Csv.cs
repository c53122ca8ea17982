using nietras.SeparatedValues;

namespace Platform.NeedsIntake.Import;

/// <summary>One record of a CSV file and the line it starts on (1-based; a quoted field can span lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

public sealed class CsvFormatException(int line, string message) : Exception($"Line {line}: {message}")
{
    public int Line { get; } = line;
}

/// <summary>
/// A strict RFC 4180 reader: comma-separated fields, double-quoted fields may hold commas, line breaks and doubled
/// quotes; records end with CRLF, LF or CR. A quote inside an unquoted field, text after a closing quote or an
/// unterminated quoted field is an error naming its line. A leading byte order mark and a final line break are allowed.
/// </summary>
public static class Csv
{
    /// <summary>
    /// Sep splits records and fields and counts lines; it accepts a quote anywhere, so each field's raw text is checked
    /// and unquoted here.
    /// </summary>
    private static readonly SepReaderOptions Options = Sep.New(',').Reader() with { HasHeader = false, DisableColCountCheck = true };

    public static IReadOnlyList<CsvRecord> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = Options.FromText(text.StartsWith('\uFEFF') ? text[1..] : text);
        var records = new List<CsvRecord>();
        // A record starts on the line the one before it ended (Sep's LineNumberFrom of the first row, without a header, is its end).
        var recordLine = 1;
        foreach (var row in reader)
        {
            var fields = new string[row.ColCount];
            var line = recordLine;
            for (var i = 0; i < fields.Length; i++)
            {
                var raw = row[i].Span;
                fields[i] = Field(raw, line);
                line += LineBreaks(raw);
            }

            records.Add(new CsvRecord(recordLine, fields));
            recordLine = row.LineNumberToExcl;
        }

        return records;
    }

    /// <summary>The value of a field as written (<paramref name="raw"/>) that starts on <paramref name="line"/>.</summary>
    private static string Field(ReadOnlySpan<char> raw, int line)
    {
        if (raw is not ['"', ..])
        {
            return raw.Contains('"')
                ? throw new CsvFormatException(line, "a quote inside an unquoted field; quote the whole field and double the quote.")
                : raw.ToString();
        }

        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] != '"')
            {
                continue;
            }

            if (i + 1 < raw.Length && raw[i + 1] == '"')
            {
                i++;
                continue;
            }

            return i + 1 == raw.Length
                ? raw[1..i].ToString().Replace("\"\"", "\"", StringComparison.Ordinal)
                : throw new CsvFormatException(line + LineBreaks(raw[..i]), "a closing quote must end the field (found text after it).");
        }

        throw new CsvFormatException(line, "a quoted field is not closed.");
    }

    /// <summary>Line breaks in <paramref name="text"/>: CRLF, LF or a lone CR each end one line.</summary>
    private static int LineBreaks(ReadOnlySpan<char> text) => text.Count('\n') + text.Count('\r') - text.Count("\r\n");
}
