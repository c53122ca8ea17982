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

    private static LessonRequest Lesson(string targetGroup) =>
        new("Tidig dialog lönar sig", "När kommunerna deltog tidigt gick planeringen fortare.", [targetGroup], null, null, null);

    [Fact]
    public void A_valid_assignment_and_lesson_have_no_errors()
    {
        var errors = new ValidationErrors();
        Assert.NotNull(AssignmentRules.Validate(Assignment("24 Näringsliv"), errors));
        Assert.NotNull(LessonRules.Validate(Lesson("kommuner"), errors));
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
        Assert.Null(LessonRules.Validate(Lesson(group), errors));
        Assert.Contains("targetGroups[0]", errors.Malformed.Keys);
    }
}
