namespace Platform.Client.Models;

/// <summary>
/// The Swedish names of the API's codes, as the reports to the Government Offices and the web client show them: one
/// list, so a status reads the same on a page and in a report.
/// </summary>
public static class SwedishNames
{
    /// <summary>A need's status, e.g. <c>linked</c>: "Kopplat till utmaning".</summary>
    /// <param name="status">The status code.</param>
    /// <returns>Its Swedish name, or the code when it has none.</returns>
    public static string NeedStatus(string status) => status switch
    {
        "submitted" => "Inkommet",
        "accepted" => "Godkänt",
        "linked" => "Kopplat till utmaning",
        "rejected" => "Avvisat",
        "resolved" => "Löst",
        "withdrawn" => "Återkallat",
        _ => status,
    };

    /// <summary>A challenge's status, e.g. <c>addressed</c>: "Åtgärdas".</summary>
    /// <param name="status">The status code.</param>
    /// <returns>Its Swedish name, or the code when it has none.</returns>
    public static string ChallengeStatus(string status) => status switch
    {
        "identified" => "Identifierad",
        "analysed" => "Analyserad",
        "addressed" => "Åtgärdas",
        "resolved" => "Löst",
        "archived" => "Arkiverad",
        _ => status,
    };

    /// <summary>An effort's status, e.g. <c>ongoing</c>: "Pågående".</summary>
    /// <param name="status">The status code.</param>
    /// <returns>Its Swedish name, or the code when it has none.</returns>
    public static string EffortStatus(string status) => status switch
    {
        "planned" => "Planerad",
        "ongoing" => "Pågående",
        "completed" => "Avslutad",
        "cancelled" => "Avbruten",
        _ => status,
    };

    /// <summary>An expenditure's category, e.g. <c>events</c>: "Möten och evenemang".</summary>
    /// <param name="category">The category code.</param>
    /// <returns>Its Swedish name, or the code when it has none.</returns>
    public static string ExpenditureCategory(string category) => category switch
    {
        "personnel" => "Personal",
        "consultancy" => "Konsulttjänster",
        "events" => "Möten och evenemang",
        "travel" => "Resor",
        "transfer" => "Transfereringar till andra aktörer",
        "other" => "Övrigt",
        _ => category,
    };
}
