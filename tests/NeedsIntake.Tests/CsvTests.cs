using Platform.NeedsIntake.Import;

namespace Platform.NeedsIntake.Tests;

public sealed class CsvTests
{
    [Fact]
    public void Quoted_fields_hold_separators_line_breaks_and_doubled_quotes()
    {
        var records = Csv.Parse("\uFEFFa,b,c\r\n1,\"x, \"\"y\"\"\r\nz\",3\n4,,\"\"\n");
        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["1", "x, \"y\"\r\nz", "3"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["4", "", ""], records[2].Fields);
        Assert.Equal(4, records[2].Line);
    }

    [Fact]
    public void The_last_record_needs_no_line_break() => Assert.Equal(["1", "2"], Csv.Parse("a,b\n1,2")[1].Fields);

    [Fact]
    public void An_unterminated_quoted_field_names_the_line_it_starts_on() =>
        Assert.Equal(2, Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b\n1,\"open\nstill open")).Line);

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_an_error() =>
        Assert.Equal(3, Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b\n1,2\n3,4\"5")).Line);

    [Fact]
    public void Text_after_a_closing_quote_is_an_error() =>
        Assert.Equal(2, Assert.Throws<CsvFormatException>(() => Csv.Parse("a,b\n\"1\"x,2")).Line);
}
