using Platform.Client.Models;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Domain;

/// <summary>The rules of the reports' query parameters: the assignment reported on, the period and the format.</summary>
public static class ReportQueryRules
{
    /// <summary>The longest period a report covers, in days: ten years.</summary>
    public const int MaxPeriodDays = 3_700;

    /// <summary>
    /// The assignment's registration number, trimmed, or null when none is given; records an error when it is
    /// <paramref name="required"/> and missing, or not a registration number.
    /// </summary>
    public static string? AssignmentReference(string? value, bool required, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var assignment = value?.Trim();
        if (assignment is null or "")
        {
            if (required)
            {
                errors.Malformed["assignment"] = ["Assignment is required: a registration number such as KN2023/03505."];
            }

            return null;
        }

        if (!Assignments.ReferencePattern().IsMatch(assignment))
        {
            errors.Malformed["assignment"] = ["Assignment is a registration number such as KN2023/03505."];
        }

        return assignment;
    }

    /// <summary>The period from and to, both days included, of at most ten years; records what is wrong and returns null otherwise.</summary>
    public static ReportPeriod? Period(string? from, string? to, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = FieldRules.Date(from, "from", errors);
        var last = FieldRules.Date(to, "to", errors);
        if (first is not { } start || last is not { } end)
        {
            return null;
        }

        if (end < start)
        {
            errors.Malformed["to"] = ["To must not be before from."];
            return null;
        }

        if (end.DayNumber - start.DayNumber > MaxPeriodDays)
        {
            errors.Malformed["to"] = ["A period is at most ten years."];
            return null;
        }

        return new ReportPeriod(start, end);
    }

    /// <summary>The period of parameters their validator accepted.</summary>
    public static ReportPeriod ToPeriod(string? from, string? to) =>
        Period(from, to, new ValidationErrors()) ?? throw new ArgumentException("The period is not valid; validate it first.", nameof(from));

    /// <summary>The format asked for, trimmed and in lower case; <see cref="ReportFormats.Json"/> when none is.</summary>
    public static string Format(string? value) => string.IsNullOrWhiteSpace(value) ? ReportFormats.Json : value.Trim().ToLowerInvariant();

    /// <summary>The CSV dialect asked for, trimmed and in lower case; <see cref="CsvDialects.Excel"/> when none is.</summary>
    public static string Dialect(string? value) => string.IsNullOrWhiteSpace(value) ? CsvDialects.Excel : value.Trim().ToLowerInvariant();

    /// <summary>Records an error unless <paramref name="value"/> names one of <see cref="CsvDialects.All"/>.</summary>
    public static void CheckDialect(string? value, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.RequireOneOf("dialect", Dialect(value), CsvDialects.All);
    }

    /// <summary>Records an error unless <paramref name="value"/> names one of <see cref="ReportFormats.All"/>.</summary>
    public static void CheckFormat(string? value, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.RequireOneOf("format", Format(value), ReportFormats.All);
    }
}
