using System.Globalization;
using Platform.NeedsIntake.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.NeedsIntake.Import;

/// <summary>What is wrong with one field of one row; <see cref="UnknownReference"/> when it names something that does not exist.</summary>
public sealed record ImportRowError(int Line, string Field, string Message, bool UnknownReference = false);

public sealed record ImportRow(int Line, NeedData Data);

/// <summary>The rows of an import file that passed the field rules, and every error of the ones that did not.</summary>
public sealed record ParsedImport(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportRowError> Errors, IReadOnlyList<string> IgnoredColumns);

/// <summary>
/// Maps the columns of <c>POST /api/needs/import</c> to submissions and applies the submission rules to each row.
/// Columns (header row required, any order, names as below; unknown columns are ignored and reported):
/// title, description, theme, municipality_codes (separated by ';'), urgency; optionally submitted_by_actor_id
/// (defaults to the importing actor), establishment_id, quantity_value, quantity_unit, needed_by (YYYY-MM-DD),
/// identified_on (YYYY-MM-DD, the day the need was identified; today when left out).
/// </summary>
public static class NeedImport
{
    public const int MaxRows = 10_000;
    public const long MaxBytes = 10 * 1024 * 1024;

    public static readonly IReadOnlyList<string> RequiredColumns = ["title", "description", "theme", "municipality_codes", "urgency"];

    public static readonly IReadOnlyList<string> OptionalColumns = ["submitted_by_actor_id", "establishment_id", "quantity_value", "quantity_unit", "needed_by", "identified_on"];

    /// <summary>The column an error of a submission field belongs to.</summary>
    public static string Column(string field) => field switch
    {
        "submittedByActorId" => "submitted_by_actor_id",
        "establishmentId" => "establishment_id",
        "municipalityCodes" => "municipality_codes",
        "quantity.value" => "quantity_value",
        "quantity.unit" => "quantity_unit",
        "neededBy" => "needed_by",
        "identifiedOn" => "identified_on",
        _ => field,
    };

    /// <summary>Checks the header (a problem there is thrown as <see cref="CsvFormatException"/>) and validates every row.</summary>
    public static ParsedImport Validate(IReadOnlyList<CsvRecord> records, Guid? defaultActorId, DateOnly today)
    {
        if (records.Count == 0)
        {
            throw new CsvFormatException(1, "the file is empty; a header row and at least one row are required.");
        }

        var header = records[0];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var ignored = new List<string>();
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant();
            if (!RequiredColumns.Contains(name) && !OptionalColumns.Contains(name))
            {
                ignored.Add(header.Fields[i]);
            }
            else if (!columns.TryAdd(name, i))
            {
                throw new CsvFormatException(header.Line, $"column '{name}' appears twice.");
            }
        }

        if (RequiredColumns.Where(column => !columns.ContainsKey(column)).ToList() is { Count: > 0 } missing)
        {
            throw new CsvFormatException(header.Line, $"missing column(s): {string.Join(", ", missing)}. Required: {string.Join(", ", RequiredColumns)}.");
        }

        var data = records.Skip(1).Where(record => record.Fields is not [""]).ToList();
        if (data.Count == 0)
        {
            throw new CsvFormatException(header.Line, "the file has no rows after the header.");
        }

        if (data.Count > MaxRows)
        {
            throw new CsvFormatException(data[MaxRows].Line, $"at most {MaxRows} rows can be imported at once; this file has {data.Count}.");
        }

        var rows = new List<ImportRow>(data.Count);
        var errors = new List<ImportRowError>();
        foreach (var record in data)
        {
            var rowErrors = new ValidationErrors();
            if (record.Fields.Count != header.Fields.Count)
            {
                errors.Add(new ImportRowError(record.Line, "row", $"The row has {record.Fields.Count} fields; the header has {header.Fields.Count}."));
                continue;
            }

            string? Field(string column) => columns.TryGetValue(column, out var index) && record.Fields[index].Trim() is { Length: > 0 } value ? value : null;

            var actorId = ParseGuid(Field("submitted_by_actor_id"), "submitted_by_actor_id", rowErrors) ?? defaultActorId;
            var establishmentId = ParseGuid(Field("establishment_id"), "establishment_id", rowErrors);
            decimal? quantityValue = null;
            if (Field("quantity_value") is { } quantityText)
            {
                if (decimal.TryParse(quantityText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                {
                    quantityValue = parsed;
                }
                else
                {
                    rowErrors.Malformed["quantity_value"] = ["Quantity value must be a number, e.g. 400 or 12.5."];
                }
            }

            var request = new NeedRequest(
                Field("title"),
                Field("description"),
                Field("theme"),
                actorId,
                establishmentId,
                Field("municipality_codes")?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                quantityValue is null && Field("quantity_unit") is null ? null : new QuantityRequest(quantityValue, Field("quantity_unit")),
                Field("needed_by"),
                Field("urgency"),
                Field("identified_on"));
            var need = NeedRules.Validate(request, today, rowErrors, Column);
            if (need is null || rowErrors.Any)
            {
                errors.AddRange(ErrorsOf(record.Line, rowErrors));
            }
            else
            {
                rows.Add(new ImportRow(record.Line, need));
            }
        }

        return new ParsedImport(rows, errors, ignored);
    }

    public static IEnumerable<ImportRowError> ErrorsOf(int line, ValidationErrors errors) =>
        errors.Malformed.SelectMany(error => error.Value.Select(message => new ImportRowError(line, error.Key, message)))
            .Concat(errors.UnknownReferences.SelectMany(error => error.Value.Select(message => new ImportRowError(line, error.Key, message, UnknownReference: true))));

    private static Guid? ParseGuid(string? text, string column, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        errors.Malformed[column] = [$"{column} must be an id (a GUID)."];
        return null;
    }
}
