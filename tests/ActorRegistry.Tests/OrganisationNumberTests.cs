using Platform.ActorRegistry.Domain;

namespace Platform.ActorRegistry.Tests;

public sealed class OrganisationNumberTests
{
    [Theory]
    [InlineData("212000-2833", "212000-2833")] // Bjurholms kommun
    [InlineData("202100-6230", "202100-6230")] // Myndigheten för yrkeshögskolan
    [InlineData("2120002833", "212000-2833")]
    [InlineData(" 556036-0793 ", "556036-0793")]
    public void Valid_numbers_are_accepted_and_normalised(string input, string normalised)
    {
        Assert.True(OrganisationNumber.TryParse(input, out var number, out var error), error);
        Assert.Equal(normalised, number.Value.ToString());
    }

    [Theory]
    [InlineData("212000-2834", "check digit")]
    [InlineData("202100-6231", "check digit")]
    [InlineData("191212-1212", "third digit")] // a personal identity number shape
    [InlineData("21200-02833", "ten digits")]
    [InlineData("212000+2833", "ten digits")]
    [InlineData("21200028", "ten digits")]
    [InlineData("21200028331", "ten digits")]
    [InlineData("abcdef-ghij", "ten digits")]
    [InlineData("", "ten digits")]
    [InlineData(null, "ten digits")]
    [InlineData("２１２０００-２８３３", "ten digits")] // full-width digits are not ASCII digits
    public void Invalid_numbers_are_refused_with_the_reason(string? input, string reason)
    {
        Assert.False(OrganisationNumber.TryParse(input, out var number, out var error));
        Assert.Null(number);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Luleå kommun", "lulea kommun")]
    [InlineData("  ÖVERTORNEÅ   kommun ", "overtornea kommun")]
    [InlineData("Älvsbyns kommun", "alvsbyns kommun")]
    public void Search_text_ignores_case_accents_and_repeated_blanks(string input, string expected) =>
        Assert.Equal(expected, ActorRules.SearchText(input));
}
