using System.Globalization;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// The characters the platform accepts in text, for every field and query parameter of every service. Control
/// characters have no place in what people type, and PostgreSQL refuses U+0000 in text outright; bidirectional
/// overrides make a name or title display as something other than what it is (Trojan Source, CVE-2021-42574).
/// </summary>
public static class TextRules
{
    /// <summary>
    /// Long text (descriptions, minutes, reasons): no C0 control character but tab and line breaks, and no DEL.
    /// Line breaks include carriage returns, which browsers send in every text area (CR LF).
    /// </summary>
    public static char? ForbiddenInLongText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if ((c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\u007F')
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>One line (names, titles, codes, query parameters): no control character at all, no bidirectional override or isolate.</summary>
    public static char? ForbiddenInLine(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if (c < ' ' || c is '\u007F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>What the user reads when <paramref name="c"/> was refused, e.g. "must not contain U+0000 (a control character)".</summary>
    public static string Describe(char c) =>
        $"must not contain U+{(int)c:X4} ({(c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' ? "a bidirectional override" : c is '\t' or '\n' or '\r' ? "a tab or line break" : "a control character")})";

    /// <summary>Checks one-line text, recording a malformed-field error; true when it is allowed.</summary>
    public static bool CheckLine(string? value, string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not null && ForbiddenInLine(value) is { } c)
        {
            errors.Malformed[field] = [$"{Capitalised(field)} {Describe(c)}."];
            return false;
        }

        return true;
    }

    /// <summary>Checks long text, recording a malformed-field error; true when it is allowed.</summary>
    public static bool CheckLongText(string? value, string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not null && ForbiddenInLongText(value) is { } c)
        {
            errors.Malformed[field] = [$"{Capitalised(field)} {Describe(c)}."];
            return false;
        }

        return true;
    }

    internal static string Capitalised(string field) =>
        field.Length == 0 ? field : string.Concat(char.ToUpper(field[0], CultureInfo.InvariantCulture).ToString(), field.AsSpan(1));
}
