using System.Globalization;

namespace Platform.ServiceDefaults.Http;

/// <summary>Field rules several APIs share: calendar dates and amounts in kronor.</summary>
public static class FieldRules
{
    /// <summary>Largest amount in kronor any API accepts (ten trillion).</summary>
    public const decimal MaxAmount = 10_000_000_000_000m;

    /// <summary>Required text, trimmed, <paramref name="min"/> to <paramref name="max"/> characters; records a malformed-field error and returns null otherwise.</summary>
    public static string? Text(string? value, string field, int min, int max, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = value?.Trim();
        if (text is { Length: var length } && length >= min && length <= max)
        {
            return text;
        }

        errors.Malformed[field] = [$"{Capitalised(field)} is required, {min} to {max} characters."];
        return null;
    }

    /// <summary>A required date, <c>YYYY-MM-DD</c>; records a malformed-field error and returns null otherwise.</summary>
    public static DateOnly? Date(string? text, string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Malformed[field] = [$"{Capitalised(field)} is required, YYYY-MM-DD."];
        return null;
    }

    /// <summary>A required amount in kronor to the öre (at most two decimals), positive or, when allowed, zero.</summary>
    public static decimal? Amount(decimal? value, string field, bool allowZero, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not { } amount || amount < 0 || (!allowZero && amount == 0) || amount > MaxAmount || decimal.Round(amount, 2) != amount)
        {
            errors.Malformed[field] = [$"{Capitalised(field)} is required: {(allowZero ? "zero or more" : "more than zero")} kronor, at most two decimals (öre)."];
            return null;
        }

        return amount;
    }

    private static string Capitalised(string field) => $"{char.ToUpperInvariant(field[0])}{field[1..]}";
}
