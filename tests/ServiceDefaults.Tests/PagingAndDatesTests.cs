using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Tests;

public sealed class PagingAndDatesTests
{
    [Theory]
    [InlineData(2147483647, 20)]
    [InlineData(21474837, 100)]
    [InlineData(107374183, null)]
    public void A_page_beyond_what_can_be_addressed_is_refused(int page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        PageRequest.Parse(page, pageSize, errors);
        Assert.Contains("page", errors.Keys);
    }

    [Fact]
    public void The_furthest_addressable_page_is_accepted()
    {
        var errors = new Dictionary<string, string[]>();
        var request = PageRequest.Parse(PageRequest.MaxOffset / 100 + 1, 100, errors);
        Assert.Empty(errors);
        Assert.InRange(request.Offset, PageRequest.MaxOffset - 99, PageRequest.MaxOffset);
    }

    [Theory]
    [InlineData("9999-12-31", false)]
    [InlineData("0001-01-01", false)]
    [InlineData("1899-12-31", false)]
    [InlineData("1900-01-01", true)]
    [InlineData("2199-12-31", true)]
    [InlineData("2200-01-01", false)]
    public void Dates_are_within_a_sane_range(string text, bool accepted)
    {
        var errors = new ValidationErrors();
        var date = FieldRules.Date(text, "from", errors);
        Assert.Equal(accepted, date is not null);
        Assert.Equal(!accepted, errors.Malformed.ContainsKey("from"));
    }
}
