using Platform.Client.Models;
using Platform.NeedsIntake.Domain;
using Platform.ServiceDefaults.Http;
using NeedRequest = Platform.NeedsIntake.Domain.NeedRequest;

namespace Platform.NeedsIntake.Tests;

/// <summary>The field rules of a submission, without a server: one case per rule.</summary>
public sealed class NeedRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly Guid Actor = Guid.Parse("0193f0a0-0000-7000-8000-000000000001");

    private static NeedRequest Valid() => new(
        "Fler hyresrätter i Boden",
        "Boden behöver cirka 300 nya hyresrätter när stålverket anställer.",
        "housing",
        Actor,
        null,
        ["2582", "2482"],
        new QuantityRequest(300, "lägenheter"),
        "2028-06-30",
        "high");

    private static ValidationErrors Errors(NeedRequest request)
    {
        var errors = new ValidationErrors();
        NeedRules.Validate(request, Today, errors);
        return errors;
    }

    [Fact]
    public void A_valid_need_is_trimmed_and_its_counties_derived()
    {
        var errors = new ValidationErrors();
        var data = NeedRules.Validate(Valid() with { Title = "  Fler hyresrätter i Boden  ", MunicipalityCodes = ["2582", "2482", "2582"] }, Today, errors);
        Assert.False(errors.Any);
        Assert.NotNull(data);
        Assert.Equal("Fler hyresrätter i Boden", data.Title);
        Assert.Equal(["2482", "2582"], data.MunicipalityCodes);
        Assert.Equal(["24", "25"], data.CountyCodes);
        Assert.Equal(new Quantity(300, "lägenheter"), data.Quantity);
        Assert.Equal(new DateOnly(2028, 6, 30), data.NeededBy);
    }

    [Fact]
    public void A_missing_body_is_malformed() => Assert.Contains("body", ErrorsOfNull().Malformed.Keys);

    private static ValidationErrors ErrorsOfNull()
    {
        var errors = new ValidationErrors();
        NeedRules.Validate(null, Today, errors);
        return errors;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("Hus")]
    public void A_title_is_required_and_at_least_five_characters(string? title) => Assert.Contains("title", Errors(Valid() with { Title = title }).Malformed.Keys);

    [Fact]
    public void A_title_is_at_most_200_characters() => Assert.Contains("title", Errors(Valid() with { Title = new string('å', 201) }).Malformed.Keys);

    [Fact]
    public void A_title_has_no_control_characters() => Assert.Contains("title", Errors(Valid() with { Title = "Bostäder\u0000 i Boden" }).Malformed.Keys);

    [Theory]
    [InlineData(null)]
    [InlineData("För kort text.")]
    public void A_description_is_required_and_at_least_twenty_characters(string? description) =>
        Assert.Contains("description", Errors(Valid() with { Description = description }).Malformed.Keys);

    [Fact]
    public void A_description_is_at_most_4000_characters() =>
        Assert.Contains("description", Errors(Valid() with { Description = new string('x', 4001) }).Malformed.Keys);

    [Fact]
    public void A_missing_theme_is_malformed() => Assert.Contains("theme", Errors(Valid() with { Theme = null }).Malformed.Keys);

    [Fact]
    public void An_unknown_theme_is_an_unknown_reference()
    {
        var errors = Errors(Valid() with { Theme = "weather" });
        Assert.Empty(errors.Malformed);
        Assert.Contains("theme", errors.UnknownReferences.Keys);
    }

    [Fact]
    public void The_submitting_actor_is_required() => Assert.Contains("submittedByActorId", Errors(Valid() with { SubmittedByActorId = null }).Malformed.Keys);

    [Fact]
    public void The_establishment_is_not_the_empty_id() => Assert.Contains("establishmentId", Errors(Valid() with { EstablishmentId = Guid.Empty }).Malformed.Keys);

    [Theory]
    [InlineData("")]
    [InlineData("25")]
    [InlineData("2582,Boden")]
    public void Municipality_codes_are_one_or_more_four_digit_codes(string codes) =>
        Assert.Contains("municipalityCodes", Errors(Valid() with { MunicipalityCodes = codes.Split(',', StringSplitOptions.RemoveEmptyEntries) }).Malformed.Keys);

    [Fact]
    public void Municipality_codes_are_required() => Assert.Contains("municipalityCodes", Errors(Valid() with { MunicipalityCodes = null }).Malformed.Keys);

    [Fact]
    public void A_municipality_outside_the_two_counties_is_an_unknown_reference()
    {
        var errors = Errors(Valid() with { MunicipalityCodes = ["2582", "0180"] });
        Assert.Empty(errors.Malformed);
        Assert.Contains("0180", Assert.Single(errors.UnknownReferences["municipalityCodes"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_quantity_value_is_positive(int value) =>
        Assert.Contains("quantity.value", Errors(Valid() with { Quantity = new QuantityRequest(value, "MW") }).Malformed.Keys);

    [Fact]
    public void A_quantity_has_a_unit() => Assert.Contains("quantity.unit", Errors(Valid() with { Quantity = new QuantityRequest(300, " ") }).Malformed.Keys);

    [Theory]
    [InlineData("lägen\u0000heter")]
    [InlineData("lägenheter\u202E")]
    public void A_quantity_unit_is_one_line(string unit) =>
        Assert.Contains("quantity.unit", Errors(Valid() with { Quantity = new QuantityRequest(300, unit) }).Malformed.Keys);

    [Fact]
    public void A_quantity_unit_has_a_value() => Assert.Contains("quantity.value", Errors(Valid() with { Quantity = new QuantityRequest(null, "MW") }).Malformed.Keys);

    [Fact]
    public void The_quantity_is_optional() => Assert.False(Errors(Valid() with { Quantity = null }).Any);

    [Theory]
    [InlineData("2026-11-26")]
    [InlineData("31/12/2027")]
    [InlineData("2027-02-30")]
    public void Needed_by_is_a_date_not_in_the_past(string neededBy) =>
        Assert.Contains("neededBy", Errors(Valid() with { NeededBy = neededBy }).Malformed.Keys);

    [Fact]
    public void Needed_by_today_is_allowed() => Assert.False(Errors(Valid() with { NeededBy = "2026-11-27" }).Any);

    [Theory]
    [InlineData("2026-11-28")]
    [InlineData("2025-13-01")]
    [InlineData("1899-12-31")]
    public void Identified_on_is_a_date_not_in_the_future(string identifiedOn) =>
        Assert.Contains("identifiedOn", Errors(Valid() with { IdentifiedOn = identifiedOn }).Malformed.Keys);

    [Fact]
    public void A_need_identified_last_year_keeps_its_day_and_may_have_been_needed_by_a_day_since_passed()
    {
        var errors = new ValidationErrors();
        var data = NeedRules.Validate(Valid() with { IdentifiedOn = " 2025-08-15 ", NeededBy = "2025-12-31" }, Today, errors);
        Assert.False(errors.Any);
        Assert.Equal(new DateOnly(2025, 8, 15), data!.IdentifiedOn);
        Assert.Contains("neededBy", Errors(Valid() with { IdentifiedOn = "2025-08-15", NeededBy = "2025-08-14" }).Malformed.Keys);
        Assert.Null(NeedRules.Validate(Valid(), Today, new ValidationErrors())!.IdentifiedOn);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("urgent")]
    [InlineData("HIGH")]
    public void Urgency_is_one_of_the_four_levels(string? urgency) => Assert.Contains("urgency", Errors(Valid() with { Urgency = urgency }).Malformed.Keys);

    [Fact]
    public void A_quantity_with_neither_value_nor_unit_is_none()
    {
        var errors = new ValidationErrors();
        var data = NeedRules.Validate(Valid() with { Quantity = new QuantityRequest(null, " ") }, Today, errors);
        Assert.False(errors.Any);
        Assert.Null(data!.Quantity);
    }

    [Fact]
    public void A_valid_draft_has_a_title_and_a_description_as_a_submission_does()
    {
        var errors = new ValidationErrors();
        NeedRules.Check(new SimilarNeedsRequest("Hus", "kort"), errors);
        Assert.Equal(["description", "title"], errors.Malformed.Keys.Order());

        errors = new ValidationErrors();
        NeedRules.Check(new SimilarNeedsRequest("Fler hyresrätter i Boden", "Boden behöver cirka 300 nya hyresrätter."), errors);
        Assert.False(errors.Any);
    }

    private static ValidationErrors TriageErrors(TriageRequest request)
    {
        var errors = new ValidationErrors();
        NeedRules.Check(TriageChange.Of(request), errors);
        return errors;
    }

    [Theory]
    [InlineData("accept", null)]
    [InlineData(" accept ", "")]
    [InlineData("reject", "Dubblett")]
    public void A_triage_accepts_or_rejects_with_a_reason(string decision, string? reason) => Assert.False(TriageErrors(new TriageRequest(decision, Reason: reason)).Any);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("maybe")]
    [InlineData("ACCEPT")]
    public void A_triage_decision_is_accept_or_reject(string? decision) => Assert.Contains("decision", TriageErrors(new TriageRequest(decision!)).Malformed.Keys);

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_rejection_needs_a_reason(string? reason) => Assert.Contains("reason", TriageErrors(new TriageRequest("reject", Reason: reason)).Malformed.Keys);

    [Fact]
    public void A_reason_is_at_most_1000_characters()
    {
        Assert.Contains("reason", TriageErrors(new TriageRequest("accept", Reason: new string('x', 1001))).Malformed.Keys);
        Assert.False(TriageErrors(new TriageRequest("accept", Reason: new string('x', 1000))).Any);
        var errors = new ValidationErrors();
        NeedRules.CheckReason(new string('x', 1001), errors);
        Assert.Contains("reason", errors.Malformed.Keys);
    }

    [Fact]
    public void A_corrected_theme_that_is_not_known_is_an_unknown_reference()
    {
        var errors = TriageErrors(new TriageRequest("accept", Theme: "weather"));
        Assert.Empty(errors.Malformed);
        Assert.Contains("theme", errors.UnknownReferences.Keys);
    }

    [Fact]
    public void A_triage_is_trimmed_and_a_blank_theme_or_reason_is_none() =>
        Assert.Equal(new TriageChange("reject", "housing", "Dubblett"), TriageChange.Of(new TriageRequest(" reject ", " housing ", " Dubblett ")));
}
