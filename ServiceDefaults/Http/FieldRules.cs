using System.Globalization;

namespace Platform.ServiceDefaults.Http;

/// <summary>Field rules several APIs share: text, calendar dates and amounts in kronor.</summary>
public static class FieldRules
{
    /// <summary>The earliest date any API accepts: nothing the platform records happened before it.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>The latest date any API accepts: far beyond any plan, and far from the calendar's end, so date arithmetic cannot overflow.</summary>
    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    /// <summary>The sane range in words: "a date from 1900-01-01 to 2199-12-31".</summary>
    public static string DateRange => string.Create(CultureInfo.InvariantCulture, $"a date from {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd}");

    public static bool IsSaneDate(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>Records a malformed-field error unless the optional <paramref name="date"/> is within the sane range.</summary>
    public static bool CheckDate(DateOnly? date, string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (date is { } value && !IsSaneDate(value))
        {
            errors.Malformed[field] = [$"{Capitalised(field)} must be {DateRange}."];
            return false;
        }

        return true;
    }

    /// <summary>Largest amount in kronor any API accepts (ten trillion).</summary>
    public const decimal MaxAmount = 10_000_000_000_000m;

    /// <summary>
    /// Required text, trimmed, <paramref name="min"/> to <paramref name="max"/> characters: one line (a name or a
    /// title) unless <paramref name="multiline"/>, under <see cref="TextRules"/>; records a malformed-field error and
    /// returns null otherwise.
    /// </summary>
    public static string? Text(string? value, string field, int min, int max, ValidationErrors errors, bool multiline = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = value?.Trim();
        if (text is not { Length: var length } || length < min || length > max)
        {
            errors.Malformed[field] = [$"{Capitalised(field)} is required, {min} to {max} characters."];
            return null;
        }

        return (multiline ? TextRules.CheckLongText(text, field, errors) : TextRules.CheckLine(text, field, errors)) ? text : null;
    }

    /// <summary>Optional text, trimmed, at most <paramref name="max"/> characters (null when empty), under the same rules as <see cref="Text"/>.</summary>
    public static string? OptionalText(string? value, string field, int max, ValidationErrors errors, bool multiline = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > max)
        {
            errors.Malformed[field] = [$"{Capitalised(field)} is at most {max} characters."];
            return null;
        }

        return (multiline ? TextRules.CheckLongText(text, field, errors) : TextRules.CheckLine(text, field, errors)) ? text : null;
    }

    /// <summary>A required date, <c>YYYY-MM-DD</c>; records a malformed-field error and returns null otherwise.</summary>
    public static DateOnly? Date(string? text, string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Malformed[field] = [$"{Capitalised(field)} is required, YYYY-MM-DD."];
            return null;
        }

        return CheckDate(date, field, errors) ? date : null;
    }

    /// <summary>
    /// An optional day something happened, <c>YYYY-MM-DD</c>, not after <paramref name="today"/>: what is typed in later
    /// keeps its real date. Null when none is given or it is wrong (recorded as a malformed field).
    /// </summary>
    public static DateOnly? PastDate(string? text, string field, DateOnly today, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Malformed[field] = [$"{Capitalised(field)} must be a date, YYYY-MM-DD."];
            return null;
        }

        if (date > today)
        {
            errors.Malformed[field] = [$"{Capitalised(field)} must not be in the future (today is {today:yyyy-MM-dd})."];
            return null;
        }

        return CheckDate(date, field, errors) ? date : null;
    }

    /// <summary>An amount in kronor to the öre (at most two decimals), positive or, when allowed, zero; an absent amount (null) is refused as well.</summary>
    public static decimal? Amount(decimal? value, string field, bool allowZero, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not { } amount || amount < 0 || (!allowZero && amount == 0) || amount > MaxAmount || decimal.Round(amount, 2) != amount)
        {
            errors.Malformed[field] = [$"{Capitalised(field)} must be {(allowZero ? "zero or more" : "more than zero")} kronor, at most two decimals (öre), at most {MaxAmount.ToString("N0", CultureInfo.InvariantCulture)}."];
            return null;
        }

        return amount;
    }

    /// <summary>How many government assignments one thing may be reported under.</summary>
    public const int MaxAssignments = 20;

    /// <summary>
    /// Optional registration numbers of government assignments (<c>KN2023/03505</c>), trimmed, each once, in the order
    /// given; records a malformed-field error naming the first wrong one's place and returns null otherwise.
    /// </summary>
    public static IReadOnlyList<string>? AssignmentReferences(IReadOnlyList<string?>? values, string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (values is null)
        {
            return [];
        }

        if (values.Count > MaxAssignments)
        {
            errors.Malformed[field] = [$"{Capitalised(field)} holds at most {MaxAssignments} registration numbers."];
            return null;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i]?.Trim() is not { } reference || !Platform.Reference.Assignments.ReferencePattern().IsMatch(reference))
            {
                errors.Malformed[$"{field}[{i}]"] = ["A registration number of the Government Offices, such as KN2023/03505."];
                return null;
            }
        }

        return [.. values.Select(value => value!.Trim()).Distinct(StringComparer.Ordinal)];
    }

    private static string Capitalised(string field) => TextRules.Capitalised(field);
}
