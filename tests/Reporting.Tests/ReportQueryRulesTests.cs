using Platform.Client.Models;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Tests;

/// <summary>The rules of the reports' query parameters, without a server.</summary>
public sealed class ReportQueryRulesTests
{
    [Theory]
    [InlineData("2024-01-01", "2024-12-31", null)]
    [InlineData("2024-01-01", "2024-01-01", null)]
    [InlineData("2024-13-01", "2024-12-31", "from")]
    [InlineData(null, "2024-12-31", "from")]
    [InlineData("2024-01-01", null, "to")]
    [InlineData("2024-02-01", "2024-01-01", "to")]
    [InlineData("2000-01-01", "2024-12-31", "to")]
    public void A_period_is_two_dates_in_order_at_most_ten_years_apart(string? from, string? to, string? wrongField)
    {
        var errors = new ValidationErrors();

        var period = ReportQueryRules.Period(from, to, errors);

        if (wrongField is null)
        {
            Assert.Equal(new ReportPeriod(DateOnly.Parse(from!, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to!, System.Globalization.CultureInfo.InvariantCulture)), period);
            Assert.False(errors.Any);
        }
        else
        {
            Assert.Null(period);
            Assert.Contains(wrongField, errors.Malformed.Keys);
        }
    }

    [Theory]
    [InlineData(" KN2023/03505 ", true, "KN2023/03505", false)]
    [InlineData(null, true, null, true)]
    [InlineData("", false, null, false)]
    [InlineData("nonsense", false, "nonsense", true)]
    public void An_assignment_is_a_registration_number(string? value, bool required, string? read, bool wrong)
    {
        var errors = new ValidationErrors();

        Assert.Equal(read, ReportQueryRules.AssignmentReference(value, required, errors));
        Assert.Equal(wrong, errors.Malformed.ContainsKey("assignment"));
    }

    [Theory]
    [InlineData(null, "json", false)]
    [InlineData(" HTML ", "html", false)]
    [InlineData("md", "md", false)]
    [InlineData(" PDF", "pdf", false)]
    [InlineData("docx", "docx", true)]
    public void A_format_is_one_of_the_report_formats_json_when_none_is_given(string? value, string format, bool wrong)
    {
        var errors = new ValidationErrors();
        ReportQueryRules.CheckFormat(value, errors);

        Assert.Equal(format, ReportQueryRules.Format(value));
        Assert.Equal(wrong, errors.Malformed.ContainsKey("format"));
    }
}
