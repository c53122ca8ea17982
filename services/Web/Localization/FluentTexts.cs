using System.Collections.Frozen;
using Microsoft.FluentUI.AspNetCore.Components;

namespace Platform.Web.Localization;

/// <summary>
/// The words Fluent UI's components write themselves (a close button's name, a required field's message): Swedish,
/// or the library's own English when the person has switched to English.
/// </summary>
public sealed class FluentTexts : IFluentLocalizer
{
    /// <summary>The Swedish of the library's texts the pages can show, by the library's resource name.</summary>
    public static readonly FrozenDictionary<string, string> Swedish = new Dictionary<string, string>
    {
        ["LayoutHamburger_Close"] = "Stäng",
        ["LayoutHamburger_Title"] = "Meny",
        ["MessageBar_Dismiss"] = "Dölj meddelandet",
        ["Field_ErrorMessage"] = "Något är fel",
        ["Field_SuccessMessage"] = "Uppgiften är godkänd",
        ["Field_WarningMessage"] = "Kontrollera uppgiften",
        ["FluentInputBase_Required"] = "Obligatorisk",
        ["FluentInputBase_RequiredMessage"] = "Fältet måste fyllas i",
        ["LabelInfo_InfoActionText"] = "Läs mer",
        ["LabelInfo_InfoText"] = "Mer information",
        ["ErrorBoundary_Close"] = "Stäng",
        ["ErrorBoundary_Message"] = "Ett oväntat fel inträffade. Ladda om sidan.",
        ["ErrorBoundary_Title"] = "Ett fel inträffade",
        ["Nav_ToggleTitle"] = "Visa eller dölj menyn",
        ["DatePicker_ButtonTitle"] = "Visa kalendern",
        ["Calendar_FieldMustBeADate"] = "Fältet {0} måste vara ett datum.",
        ["MessageBox_ButtonCancel"] = "Avbryt",
        ["MessageBox_ButtonNo"] = "Nej",
        ["MessageBox_ButtonOk"] = "OK",
        ["MessageBox_ButtonYes"] = "Ja",
    }.ToFrozenDictionary();

    public string this[string key, params object[] arguments] =>
        !Texts.InEnglish && Swedish.TryGetValue(key, out var swedish)
            ? string.Format(Texts.Swedish, swedish, arguments)
            : this.GetDefault(key, arguments);
}
