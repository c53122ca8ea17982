namespace Platform.Reporting.Reports;

/// <summary>
/// OWASP's rule against CSV injection: a spreadsheet that opens a CSV file reads a cell starting with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, tab or carriage return as a formula, so such text gets a leading <c>'</c> and stays text.
/// Applies to text cells only: a number the report formats itself (a negative amount) must stay a number.
/// </summary>
public static class FormulaInjection
{
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? $"'{text}" : text;
}
