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

    [Fact]
    public void Every_line_of_the_file_counts_blank_ones_and_any_line_break()
    {
        var records = Csv.Parse("a\n\n\"x\r\ny\"\r\n\r\nb\rc");
        Assert.Equal([1, 2, 3, 5, 6, 7], records.Select(record => record.Line));
        Assert.Equal(["a", "", "x\r\ny", "", "b", "c"], records.Select(record => Assert.Single(record.Fields)));
    }

    [Fact]
    public void An_empty_file_has_no_records()
    {
        Assert.Empty(Csv.Parse(""));
        Assert.Empty(Csv.Parse("\uFEFF"));
    }

    [Theory]
    [InlineData("a\"b,c\n1,2", 1)]
    [InlineData("\"a\nb\"x,c\n1,2", 2)]
    [InlineData("a,b\n\"x\ny\",2\"z", 3)]
    [InlineData("a,b\n1,\"x\ny\"z", 3)]
    [InlineData("a,b\n\"x\ny\",\"open", 3)]
    [InlineData("a,b\n\"x\r\n\r\ny\",2\n3,4\"", 5)]
    public void An_error_names_its_line_in_the_file_past_fields_of_several_lines(string text, int line) =>
        Assert.Equal(line, Assert.Throws<CsvFormatException>(() => Csv.Parse(text)).Line);
}
