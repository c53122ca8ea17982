using System.Globalization;
using System.Text.Json;
using System.Text;
using System.Xml;
using Platform.Client.Models;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;
using SpreadCheetah.Styling;
using SpreadCheetah;
using nietras.SeparatedValues;

namespace Platform.Reporting.Reports;

/// <summary>A rendered report: its bytes, media type and a file name for downloads.</summary>
public sealed record RenderedReport(byte[] Content, string ContentType, string FileName, bool Inline);

/// <summary>Renders the final and progress reports to each of <see cref="ReportFormats"/>, all from the same document and its tables.</summary>
public static class ReportRenderer
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Renders <paramref name="report"/>; a PDF is the HTML printed by <paramref name="printer"/>, a CSV file is in <paramref name="csvDialect"/>.</summary>
    public static async Task<RenderedReport> RenderAsync(
        ReportDocument report, string format, PdfPrinter? printer, CancellationToken cancellationToken, string csvDialect = CsvDialects.Excel)
    {
        ArgumentNullException.ThrowIfNull(report);
        var name = $"{(report.Kind == "final" ? "redovisning" : "lagesrapport")}-{report.Assignment.Reference.Replace('/', '-')}{(report.Version is { } version ? $"-v{version.Number}" : string.Empty)}";
        return format switch
        {
            ReportFormats.Json => new RenderedReport(JsonSerializer.SerializeToUtf8Bytes(report, JsonOptions), "application/json; charset=utf-8", $"{name}.json", true),
            ReportFormats.Html => new RenderedReport(HtmlReport.Render(report), "text/html; charset=utf-8", $"{name}.html", true),
            ReportFormats.Markdown => new RenderedReport(Utf8.GetBytes(MarkdownReport.Render(report)), "text/markdown; charset=utf-8", $"{name}.md", false),
            ReportFormats.Csv when csvDialect == CsvDialects.Rfc4180 =>
                new RenderedReport(Utf8.GetBytes(CsvReport.Render(report)), "text/csv; charset=utf-8; header=present", $"{name}.csv", false),
            ReportFormats.Csv => new RenderedReport(ExcelCsvReport.Render(report), "text/csv; charset=utf-8", $"{name}.csv", false),
            ReportFormats.Xlsx => new RenderedReport(
                await XlsxReport.RenderAsync(report, cancellationToken), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx", false),
            ReportFormats.Pdf => new RenderedReport(
                await (printer ?? throw new PdfUnavailableException("No PDF printer is configured.")).PrintAsync(HtmlReport.Render(report), report.Title, cancellationToken),
                "application/pdf", $"{name}.pdf", false),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
        };
    }

    /// <summary>The sentence every format opens with: when its data is from.</summary>
    internal static string DataStatement(ReportDocument report)
    {
        var period = report.Period is { } p ? $" Rapporten avser perioden {p.From:yyyy-MM-dd} – {p.To:yyyy-MM-dd}." : string.Empty;
        var last = report.LastEventAt is { } at ? $" Senaste registrerade händelse: {Timestamp(at)}." : " Inga händelser har registrerats ännu.";
        var version = (report.Version, report.SinceVersion) switch
        {
            ({ } frozen, _) => $"Fastställd version {frozen.Number}, {Timestamp(frozen.FrozenAt)}, av {frozen.FrozenBy}. ",
            (null, { Changes.Count: 0 } since) => $"Utkast. Inga uppgifter har ändrats sedan fastställd version {since.Version.Number}. ",
            (null, { } since) => $"Utkast. Sedan fastställd version {since.Version.Number} har {since.Changes.Count} {(since.Changes.Count == 1 ? "uppgift" : "uppgifter")} ändrats (tabellen {ReportTables.Changes.ToLowerInvariant()}). ",
            _ => string.Empty,
        };
        return $"{version}Uppgifterna avser läget {Timestamp(report.GeneratedAt)}.{last}{period}";
    }

    /// <summary>A moment as the reader in Sweden has it, summer time included.</summary>
    internal static string Timestamp(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, SwedishTime.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " svensk tid";
}

/// <summary>
/// CSV as Swedish Excel opens it with a double click (<see cref="CsvDialects.Excel"/>): UTF-8 with a BOM (or Excel
/// reads it as Windows-1252), semicolons (Excel's list separator where the decimal separator is a comma), amounts with
/// a decimal comma and no grouping (so they stay numbers), and one section per table: its heading, its column names,
/// its rows, its note, an empty line. Text that a spreadsheet would run as a formula is neutralised.
/// </summary>
internal static class ExcelCsvReport
{
    private static readonly NumberFormatInfo Numbers = new() { NumberDecimalSeparator = ",", NegativeSign = "-" };

    public static byte[] Render(ReportDocument report)
    {
        var csv = new StringBuilder();
        Line(csv, Text(report.Title));
        Line(csv, Text(ReportRenderer.DataStatement(report)));
        foreach (var table in ReportTables.From(report))
        {
            csv.Append("\r\n");
            Line(csv, Text(table.Heading));
            Line(csv, [.. table.Columns.Select(Text)]);
            foreach (var row in table.Rows)
            {
                Line(csv, [.. row.Select(Field)]);
            }

            if (table.Rows.Count == 0)
            {
                Line(csv, "Inga uppgifter.");
            }

            if (table.Note is { } note)
            {
                Line(csv, Text(note));
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void Line(StringBuilder csv, params string[] fields)
    {
        csv.AppendJoin(';', fields.Select(Quoted));
        csv.Append("\r\n");
    }

    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    private static string Text(string text) => FormulaInjection.Neutralise(text);

    private static string Field(object? cell) => cell switch
    {
        null => string.Empty,
        string text => Text(text),
        decimal amount => amount.ToString("0.00", Numbers),
        long number => number.ToString(CultureInfo.InvariantCulture),
        bool yes => yes ? "Ja" : "Nej",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => ReportTables.Invariant(cell),
    };
}

/// <summary>
/// RFC 4180 CSV in long form (<see cref="CsvDialects.Rfc4180"/>): one record per cell (table, row, column, value), so
/// every table fits one header. Text that a spreadsheet would run as a formula is neutralised (<see cref="FormulaInjection"/>).
/// </summary>
internal static class CsvReport
{
    private static readonly SepWriterOptions Options = Sep.New(',').Writer() with { Escape = true };

    public static string Render(ReportDocument report)
    {
        // Sep ends a record with the writer's NewLine: RFC 4180's CRLF whatever the host.
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using (var csv = Options.To(text, leaveOpen: true))
        {
            Record(csv, "Rapport", 1L, "Rubrik", report.Title);
            Record(csv, "Rapport", 1L, "Uppgifterna avser", ReportRenderer.Timestamp(report.GeneratedAt));
            Record(csv, "Rapport", 1L, "Senaste händelse", report.LastEventAt is { } at ? ReportRenderer.Timestamp(at) : null);
            Record(csv, "Rapport", 1L, "Period från", report.Period?.From);
            Record(csv, "Rapport", 1L, "Period till", report.Period?.To);
            foreach (var table in ReportTables.From(report))
            {
                for (var row = 0; row < table.Rows.Count; row++)
                {
                    for (var column = 0; column < table.Columns.Count; column++)
                    {
                        Record(csv, table.Name, row + 1L, table.Columns[column], table.Rows[row][column]);
                    }
                }

                if (table.Note is { } note)
                {
                    Record(csv, table.Name, 0L, "Anmärkning", note);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>One cell as a record under the header that its first record writes.</summary>
    private static void Record(SepWriter csv, string table, long row, string column, object? value)
    {
        using var record = csv.NewRow();
        record["tabell"].Set(Field(table));
        record["rad"].Set(Field(row));
        record["kolumn"].Set(Field(column));
        record["värde"].Set(Field(value));
    }

    /// <summary>What a cell is decides how it is written, so text never reads as a formula and numbers stay numbers.</summary>
    private static string Field(object? cell) => cell is string text ? FormulaInjection.Neutralise(text) : ReportTables.Invariant(cell);
}

/// <summary>
/// Markdown (GitHub tables) for pasting into documents and wikis: the cover, then each chapter (<c>##</c>) with its
/// written text and its tables (<c>###</c>). Data shows as typed (<see cref="MarkdownText"/>); the written sections are
/// the report's subset of Markdown, checked when they were saved.
/// </summary>
internal static class MarkdownReport
{
    public static string Render(ReportDocument report)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(MarkdownText.Escape(report.Title)).AppendLine();
        md.AppendLine(ReportRenderer.DataStatement(report)).AppendLine();
        var tables = ReportTables.From(report).ToDictionary(table => table.Name);
        if (tables.TryGetValue(ReportTables.Changes, out var changes))
        {
            Table(md, changes);
        }

        Table(md, tables[ReportTables.Cover]);

        var texts = report.Sections.ToDictionary(section => section.Key, section => section.Text);
        var chapter = 0;
        foreach (var part in ReportTables.Layout)
        {
            md.Append("## ").AppendLine(part.Key == "summary" ? part.Heading : $"{++chapter}. {part.Heading}").AppendLine();
            // A section's text is in the report's subset of Markdown already, checked when it was saved.
            if (texts.GetValueOrDefault(part.Key) is { Length: > 0 } text)
            {
                md.AppendLine(text).AppendLine();
            }

            foreach (var name in part.Tables)
            {
                Table(md, tables[name]);
            }
        }

        md.AppendLine(MarkdownText.Escape(ReportTables.DecisionSentence(report.Cover)));
        return md.ToString();
    }

    /// <summary>A table under its <c>###</c> heading; the chapters are the <c>##</c> headings.</summary>
    private static void Table(StringBuilder md, ReportTable table)
    {
        md.Append("### ").AppendLine(MarkdownText.Escape(table.Heading)).AppendLine();
        if (table.Rows.Count == 0)
        {
            md.AppendLine("Inga uppgifter.").AppendLine();
            return;
        }

        md.Append("| ").AppendJoin(" | ", table.Columns.Select(MarkdownText.Escape)).AppendLine(" |");
        md.Append('|').AppendJoin('|', table.Columns.Select((_, i) => IsNumeric(table, i) ? " ---: " : " --- ")).AppendLine("|");
        foreach (var row in table.Rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(cell => MarkdownText.Escape(ReportTables.Display(cell)))).AppendLine(" |");
        }

        md.AppendLine();
        if (table.Note is { } note)
        {
            md.AppendLine(MarkdownText.Escape(note)).AppendLine();
        }
    }

    internal static bool IsNumeric(ReportTable table, int column) => table.Rows.Any(row => row[column] is long or decimal);
}

/// <summary>xlsx with one worksheet per table, numbers as numbers and a first sheet saying when the data is from.</summary>
internal static class XlsxReport
{
    public static async Task<byte[]> RenderAsync(ReportDocument report, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(stream, cancellationToken: cancellationToken))
        {
            var bold = spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Font = { Bold = true } });
            var styles = new Styles(
                spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Format = NumberFormat.Custom("yyyy-mm-dd") }),
                spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Format = NumberFormat.Custom("#,##0.00 \"kr\"") }),
                spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Format = NumberFormat.Custom("#,##0") }));
            await spreadsheet.StartWorksheetAsync("Rapport", token: cancellationToken);
            await spreadsheet.AddRowAsync([new Cell(report.Title, bold)], cancellationToken);
            await spreadsheet.AddRowAsync([new Cell(ReportRenderer.DataStatement(report))], cancellationToken);
            foreach (var table in ReportTables.From(report))
            {
                // Excel allows 31 characters in a sheet's name.
                await spreadsheet.StartWorksheetAsync(table.Name.Length > 31 ? table.Name[..31] : table.Name, token: cancellationToken);
                await spreadsheet.AddRowAsync([.. table.Columns.Select(column => new Cell(column, bold))], cancellationToken);
                foreach (var row in table.Rows)
                {
                    await spreadsheet.AddRowAsync([.. row.Select((value, column) => ToCell(value, table.Columns[column], styles))], cancellationToken);
                }

                if (table.Note is { } note)
                {
                    await spreadsheet.AddRowAsync([new Cell(note)], cancellationToken);
                }
            }

            await spreadsheet.FinishAsync(cancellationToken);
        }

        return stream.ToArray();
    }

    private sealed record Styles(StyleId Date, StyleId Kronor, StyleId Count);

    /// <summary>Dates as dates, amounts in kronor as numbers shown in kronor, counts as whole numbers, the rest as text.</summary>
    private static Cell ToCell(object? value, string column, Styles styles) => value switch
    {
        null => new Cell(string.Empty),
        decimal amount when column.Contains("(kr)", StringComparison.Ordinal) || column == "Belopp" => new Cell(amount, styles.Kronor),
        decimal amount => new Cell(amount),
        long number => new Cell(number, styles.Count),
        DateOnly date => new Cell(date.ToDateTime(TimeOnly.MinValue), styles.Date),
        bool yes => new Cell(yes ? "Ja" : "Nej"),
        _ => new Cell(ReportTables.Invariant(value)),
    };
}

/// <summary>Print-ready HTML in Swedish, written as well-formed XML, with charts as inline SVG.</summary>
internal static class HtmlReport
{
    private const string Svg = "http://www.w3.org/2000/svg";

    private const string Style = """
        body { font-family: "Segoe UI", Arial, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #999; } h3 { font-size: 1.05rem; }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.85rem; }
        th, td { border: 1px solid #bbb; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
        th { background: #eee; } td.num { text-align: right; white-space: nowrap; }
        figure { margin: 1rem 0; } figcaption { font-size: 0.85rem; color: #444; }
        .meta { color: #444; font-size: 0.9rem; }
        dl.cover { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; margin: 1.5rem 0; }
        dl.cover dt { font-weight: 600; } dl.cover dd { margin: 0; } section.decision { margin-top: 2.5rem; }
        td, th { overflow-wrap: anywhere; } svg { max-width: 100%; height: auto; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; } h2, h3 { break-after: avoid; } thead { display: table-header-group; }
          tr, figure { break-inside: avoid; } table { font-size: 8pt; }
        }
        """;

    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Encoding = new UTF8Encoding(false),
        ConformanceLevel = ConformanceLevel.Document,
    };

    public static byte[] Render(ReportDocument report)
    {
        var tables = ReportTables.From(report).ToDictionary(table => table.Name);
        using var stream = new MemoryStream();
        using (var html = XmlWriter.Create(stream, Settings))
        {
            html.WriteDocType("html", null, null, null);
            html.WriteStartElement("html");
            html.WriteAttributeString("lang", "sv");
            html.WriteStartElement("head");
            html.WriteStartElement("meta");
            html.WriteAttributeString("charset", "utf-8");
            html.WriteEndElement();
            Element(html, "title", report.Title);
            Element(html, "style", Style);
            html.WriteEndElement();

            html.WriteStartElement("body");
            Element(html, "h1", report.Title);
            html.WriteStartElement("p");
            html.WriteAttributeString("class", "meta");
            html.WriteString(WithoutNonXmlCharacters(ReportRenderer.DataStatement(report)));
            html.WriteEndElement();
            if (tables.TryGetValue(ReportTables.Changes, out var changes))
            {
                Section(html, changes);
            }

            Cover(html, report.Cover);
            var texts = report.Sections.ToDictionary(section => section.Key, section => section.Text);
            var chapter = 0;
            foreach (var part in ReportTables.Layout)
            {
                // The summary comes before the numbered chapters.
                Element(html, "h2", part.Key == "summary" ? part.Heading : $"{++chapter}. {part.Heading}");
                if (texts.GetValueOrDefault(part.Key) is { Length: > 0 } text)
                {
                    WrittenText(html, text);
                }

                Figures(html, report, part.Key);
                foreach (var name in part.Tables)
                {
                    Section(html, tables[name]);
                }
            }

            DecisionBlock(html, report.Cover);

            html.WriteEndElement();
            html.WriteEndElement();
        }

        return stream.ToArray();
    }

    /// <summary>The facts a ministry reader looks for first: from whom, to whom, about which decision, when.</summary>
    private static void Cover(XmlWriter html, ReportCover cover)
    {
        html.WriteStartElement("dl");
        html.WriteAttributeString("class", "cover");
        foreach (var (term, value) in ReportTables.CoverRows(cover))
        {
            Element(html, "dt", term);
            Element(html, "dd", value);
        }

        html.WriteEndElement();
    }

    /// <summary>Who decided the report and who presented it, as a government agency's decisions end.</summary>
    private static void DecisionBlock(XmlWriter html, ReportCover cover)
    {
        html.WriteStartElement("section");
        html.WriteAttributeString("class", "decision");
        Paragraph(html, ReportTables.DecisionSentence(cover));
        html.WriteEndElement();
    }

    /// <summary>The sentences and charts a chapter opens its tables with.</summary>
    private static void Figures(XmlWriter html, ReportDocument report, string section)
    {
        switch (section)
        {
            case "collaboration":
                Paragraph(html, $"Redovisningen omfattar {report.Forums.Count} samverkansforum och {report.Meetings.Count} dialogmöten.");
                break;
            case "efforts":
                var crossCounty = report.Challenges.Count(challenge => challenge.CrossCounty);
                Paragraph(html, $"Uppdraget finansierar {report.Efforts.Count} insatser. Redovisningen omfattar {report.Challenges.Count} utmaningar, varav {crossCounty} "
                    + "länsöverskridande (behov från både Norrbottens och Västerbottens län); de länsöverskridande redovisas först. "
                    + $"Totalt har {ReportTables.Display(report.Needs.Total)} behov registrerats.");
                NeedsChart(html, report.Needs);
                break;
            case "finance":
                FinanceChart(html, report.Finance);
                break;
        }
    }

    /// <summary>
    /// A section's text as coordinators wrote it, in the report's subset of Markdown (<see cref="Domain.ReportWriting"/>):
    /// paragraphs, lists, subheadings and emphasis become the same in HTML; anything else was refused when it was saved.
    /// </summary>
    private static void WrittenText(XmlWriter html, string text)
    {
        foreach (var block in Domain.ReportWriting.Parse(text))
        {
            Block(html, block);
        }
    }

    private static void Block(XmlWriter html, Markdig.Syntax.Block block)
    {
        switch (block)
        {
            case Markdig.Syntax.HeadingBlock heading:
                html.WriteStartElement(heading.Level == 3 ? "h3" : "h4");
                Inlines(html, heading.Inline);
                html.WriteEndElement();
                break;
            case Markdig.Syntax.ParagraphBlock paragraph:
                html.WriteStartElement("p");
                Inlines(html, paragraph.Inline);
                html.WriteEndElement();
                break;
            case Markdig.Syntax.ListBlock list:
                html.WriteStartElement(list.IsOrdered ? "ol" : "ul");
                foreach (var item in list.OfType<Markdig.Syntax.ListItemBlock>())
                {
                    html.WriteStartElement("li");
                    foreach (var child in item)
                    {
                        Block(html, child);
                    }

                    html.WriteEndElement();
                }

                html.WriteEndElement();
                break;
        }
    }

    private static void Inlines(XmlWriter html, Markdig.Syntax.Inlines.ContainerInline? inlines)
    {
        for (var inline = inlines?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case Markdig.Syntax.Inlines.LiteralInline literal:
                    html.WriteString(WithoutNonXmlCharacters(literal.Content.ToString()));
                    break;
                case Markdig.Syntax.Inlines.HtmlEntityInline entity:
                    html.WriteString(WithoutNonXmlCharacters(entity.Transcoded.ToString()));
                    break;
                case Markdig.Syntax.Inlines.LineBreakInline { IsHard: true }:
                    html.WriteElementString("br", null);
                    break;
                case Markdig.Syntax.Inlines.LineBreakInline:
                    html.WriteString(" ");
                    break;
                case Markdig.Syntax.Inlines.EmphasisInline emphasis:
                    html.WriteStartElement(emphasis.DelimiterCount >= 2 ? "strong" : "em");
                    Inlines(html, emphasis);
                    html.WriteEndElement();
                    break;
                case Markdig.Syntax.Inlines.ContainerInline container:
                    Inlines(html, container);
                    break;
            }
        }
    }

    private static void Section(XmlWriter html, ReportTable table)
    {
        Element(html, "h3", table.Heading);
        Table(html, table);
    }

    private static void Table(XmlWriter html, ReportTable table)
    {
        if (table.Rows.Count == 0)
        {
            Paragraph(html, "Inga uppgifter.");
            return;
        }

        var numeric = table.Columns.Select((_, i) => MarkdownReport.IsNumeric(table, i)).ToArray();
        html.WriteStartElement("table");
        html.WriteAttributeString("data-table", table.Name);
        html.WriteStartElement("thead");
        html.WriteStartElement("tr");
        foreach (var column in table.Columns)
        {
            Element(html, "th", column);
        }

        html.WriteEndElement();
        html.WriteEndElement();
        html.WriteStartElement("tbody");
        foreach (var row in table.Rows)
        {
            html.WriteStartElement("tr");
            for (var i = 0; i < row.Length; i++)
            {
                html.WriteStartElement("td");
                if (numeric[i])
                {
                    html.WriteAttributeString("class", "num");
                }

                html.WriteString(WithoutNonXmlCharacters(ReportTables.Display(row[i])));
                html.WriteEndElement();
            }

            html.WriteEndElement();
        }

        html.WriteEndElement();
        html.WriteEndElement();
        if (table.Note is { } note)
        {
            Paragraph(html, note);
        }
    }

    /// <summary>Horizontal bars per theme, one per county.</summary>
    private static void NeedsChart(XmlWriter html, NeedStatistics needs)
    {
        var counties = Geography.Counties;
        var colours = new[] { "#1f5fa8", "#e07b00" };
        var values = Themes.All
            .Select(theme => (theme.NameSv, Counts: counties.Select(county => needs.ByThemeCountyStatus
                .Where(count => count.Theme == theme.Code && count.CountyCode == county.Code).Sum(count => count.Count)).ToArray()))
            .ToList();
        var max = Math.Max(1, values.SelectMany(value => value.Counts).DefaultIfEmpty(0).Max());
        const int labelWidth = 250, barWidth = 330, barHeight = 11, groupGap = 10, top = 30;
        var height = top + (values.Count * ((counties.Count * barHeight) + groupGap)) + 10;

        StartChart(html, "Behov per tema och län", 660, height);
        for (var c = 0; c < counties.Count; c++)
        {
            Rect(html, labelWidth + (c * 170), 6, 12, 12, colours[c]);
            Text(html, labelWidth + (c * 170) + 16, 16, counties[c].Name, "start");
        }

        var y = top;
        foreach (var (name, counts) in values)
        {
            Text(html, labelWidth - 6, y + barHeight + 4, name, "end");
            for (var c = 0; c < counts.Length; c++)
            {
                var width = (double)counts[c] / max * barWidth;
                Rect(html, labelWidth, y, width, barHeight - 1, colours[c]);
                Text(html, labelWidth + width + 4, y + barHeight - 2, ReportTables.Display(counts[c]), "start");
                y += barHeight;
            }

            y += groupGap;
        }

        EndChart(html, "Antal behov per tema i vardera län.");
    }

    /// <summary>The appropriation against spending, in total and per cost category.</summary>
    private static void FinanceChart(XmlWriter html, FinanceReport finance)
    {
        var bars = new List<(string Label, decimal Amount, string Colour)>
        {
            ("Tilldelade medel", finance.BudgetSek, "#1f5fa8"),
            ("Ackumulerat utfall", finance.SpentToDateSek, finance.SpentToDateSek > finance.BudgetSek ? "#b00020" : "#e07b00"),
            ("Återstående medel", Math.Max(0, finance.RemainingSek), "#2e7d32"),
        };
        bars.AddRange(finance.ByCategory.Select(category => ($"Utfall: {CostTypes.SwedishName(category.Category)}", category.SpentSek, "#f2a654")));
        var max = Math.Max(1m, bars.Max(bar => bar.Amount));
        const int labelWidth = 250, barWidth = 260, barHeight = 18, top = 10;
        StartChart(html, "Budget och utfall", 660, top + (bars.Count * (barHeight + 6)) + 10);
        var y = top;
        foreach (var (label, amount, colour) in bars)
        {
            var width = (double)(amount / max) * barWidth;
            Text(html, labelWidth - 6, y + barHeight - 5, label, "end");
            Rect(html, labelWidth, y, width, barHeight, colour);
            Text(html, labelWidth + width + 4, y + barHeight - 5, $"{ReportTables.Display(amount)} kr", "start");
            y += barHeight + 6;
        }

        EndChart(html, "Tilldelade medel mot utfall, totalt och per kostnadsslag (kronor).");
    }

    private static void StartChart(XmlWriter html, string title, int width, int height)
    {
        html.WriteStartElement("figure");
        html.WriteStartElement("svg", Svg);
        html.WriteAttributeString("width", Number(width));
        html.WriteAttributeString("height", Number(height));
        html.WriteAttributeString("viewBox", $"0 0 {Number(width)} {Number(height)}");
        html.WriteAttributeString("role", "img");
        html.WriteAttributeString("font-family", "Arial, sans-serif");
        html.WriteAttributeString("font-size", "11");
        html.WriteElementString("title", Svg, title);
    }

    private static void EndChart(XmlWriter html, string caption)
    {
        html.WriteEndElement();
        Element(html, "figcaption", caption);
        html.WriteEndElement();
    }

    private static void Rect(XmlWriter html, double x, double y, double width, double height, string fill)
    {
        html.WriteStartElement("rect", Svg);
        html.WriteAttributeString("x", Number(x));
        html.WriteAttributeString("y", Number(y));
        html.WriteAttributeString("width", Number(width));
        html.WriteAttributeString("height", Number(height));
        html.WriteAttributeString("fill", fill);
        html.WriteEndElement();
    }

    private static void Text(XmlWriter html, double x, double y, string text, string anchor)
    {
        html.WriteStartElement("text", Svg);
        html.WriteAttributeString("x", Number(x));
        html.WriteAttributeString("y", Number(y));
        html.WriteAttributeString("text-anchor", anchor);
        html.WriteString(WithoutNonXmlCharacters(text));
        html.WriteEndElement();
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static void Paragraph(XmlWriter html, string text) => Element(html, "p", text);

    private static void Element(XmlWriter html, string name, string text) => html.WriteElementString(name, WithoutNonXmlCharacters(text));

    /// <summary>Drops characters XML cannot carry (control characters, lone surrogates), so the page stays well-formed.</summary>
    private static string WithoutNonXmlCharacters(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(text, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
        }

        return clean.ToString();
    }
}
