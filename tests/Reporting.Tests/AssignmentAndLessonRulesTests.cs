using Platform.Client.Models;
using Platform.Reporting.Domain;
using Platform.ServiceDefaults.Http;
using AssignmentRequest = Platform.Reporting.Apis.AssignmentRequest;

namespace Platform.Reporting.Tests;

/// <summary>The field rules of assignments and lessons, without a server.</summary>
public sealed class AssignmentAndLessonRulesTests
{
    private static AssignmentRequest Assignment(string? expenditureArea) =>
        new("KN2099/1", "Regeringsuppdrag om industrin", "2026-06-22", "2027-01-31", "1:4 Tillväxtverket", expenditureArea, 2026, 4_000_000m);

    private static readonly DateOnly Today = new(2026, 12, 2);

    private static LessonRequest Lesson(string targetGroup, string? documentedOn = null) =>
        new("Tidig dialog lönar sig", "När kommunerna deltog tidigt gick planeringen fortare.", [targetGroup], null, null, null, DocumentedOn: documentedOn);

    [Fact]
    public void A_valid_assignment_and_lesson_have_no_errors()
    {
        var errors = new ValidationErrors();
        Assert.NotNull(AssignmentRules.Validate(Assignment("24 Näringsliv"), errors));
        Assert.NotNull(LessonRules.Validate(Lesson("kommuner"), Today, errors));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData("24 Närings\u0000liv")]
    [InlineData("24 Näringsliv\u202E")]
    public void An_expenditure_area_is_one_line(string area)
    {
        var errors = new ValidationErrors();
        Assert.Null(AssignmentRules.Validate(Assignment(area), errors));
        Assert.Contains("expenditureArea", errors.Malformed.Keys);
    }

    [Theory]
    [InlineData("kom\u0000muner")]
    [InlineData("\u202Ekommuner")]
    public void A_target_group_is_one_line(string group)
    {
        var errors = new ValidationErrors();
        Assert.Null(LessonRules.Validate(Lesson(group), Today, errors));
        Assert.Contains("targetGroups[0]", errors.Malformed.Keys);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("2023-11-20", "2023-11-20")]
    [InlineData(" 2026-12-02 ", "2026-12-02")]
    public void A_lesson_keeps_the_day_it_was_documented_when_typed_in_later(string? documentedOn, string? kept)
    {
        var errors = new ValidationErrors();
        var lesson = LessonRules.Validate(Lesson("kommuner", documentedOn), Today, errors);
        Assert.False(errors.Any);
        Assert.Equal(kept is null ? null : DateOnly.Parse(kept, System.Globalization.CultureInfo.InvariantCulture), lesson!.DocumentedOn);
    }

    [Theory]
    [InlineData("2026-12-03", "must not be in the future (today is 2026-12-02)")]
    [InlineData("20/11/2023", "must be a date, YYYY-MM-DD")]
    [InlineData("1899-12-31", "must be a date from 1900-01-01")]
    public void A_documented_day_is_a_date_not_in_the_future(string documentedOn, string message)
    {
        var errors = new ValidationErrors();
        Assert.Null(LessonRules.Validate(Lesson("kommuner", documentedOn), Today, errors));
        Assert.Contains(message, Assert.Single(errors.Malformed["documentedOn"]), StringComparison.Ordinal);
    }
}
