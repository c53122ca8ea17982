using System.Globalization;

namespace Platform.Web.Localization;

/// <summary>
/// The web client's words: Swedish is written in the pages, English comes from <see cref="English"/> when the person
/// has switched to it. Numbers, amounts and dates follow Swedish conventions in both (<c>1 234 567,89 kr</c>,
/// <c>2024-01-31</c>): the platform's money is Swedish kronor and its dates are read beside Swedish documents.
/// </summary>
public sealed class Texts
{
    public static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");
    public static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-GB");
    public static readonly IReadOnlyList<CultureInfo> Cultures = [Swedish, EnglishCulture];

    public static bool InEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the person's language: <paramref name="swedish"/>, or its English translation.</summary>
    public string this[string swedish] => InEnglish && English.Words.TryGetValue(swedish, out var english) ? english : swedish;

    /// <summary>A text with values, e.g. <c>T.Format("{0} behov", 12)</c>; the values are formatted the Swedish way.</summary>
    public string Format(string swedish, params object?[] values) => string.Format(Swedish, this[swedish], values);

    public static string Kronor(decimal amount) => amount.ToString("N2", Swedish) + " kr";

    public static string WholeKronor(decimal amount) => amount.ToString("N0", Swedish) + " kr";

    public static string Number(long count) => count.ToString("N0", Swedish);

    public static string Number(decimal value) => value.ToString("#,0.##", Swedish);

    /// <summary>
    /// An amount or a measure as people type it: <c>1 234,50</c>, <c>1234.50</c> or <c>1 234</c> (spaces, also
    /// no-break spaces, group the digits; a comma or a point before the decimals).
    /// </summary>
    public static bool TryParseNumber(string? text, out decimal value)
    {
        var compact = string.Concat((text ?? string.Empty).Where(c => !char.IsWhiteSpace(c))).Replace(',', '.').Replace('\u2212', '-');
        return decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Stockholm).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Stockholm).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Times are shown as they were in Sweden, whatever the server's zone.</summary>
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
}
