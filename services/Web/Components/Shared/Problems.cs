using Platform.Client;

namespace Platform.Web.Components.Shared;

/// <summary>
/// What went wrong, for the person: the API's problem details as a Swedish message for the page and one per field it
/// names (<c>T[...]</c> gives the English). Fields without a message of their own show the API's words.
/// </summary>
public sealed record Problem(string Message, IReadOnlyDictionary<string, string> Fields)
{
    public string? For(string field) => Fields.TryGetValue(field, out var message) ? message : null;

    public static Problem From(PlatformApiException exception) => From(exception, static _ => null);

    /// <summary>The problem with the page's own messages first: the same field name means different things on different forms.</summary>
    public static Problem From(PlatformApiException exception, Func<string, string?> pageMessage) => new(Summary(exception), exception.Errors.ToDictionary(
        error => error.Key,
        error => pageMessage(error.Key) ?? FieldMessage(error.Key) ?? string.Join(" ", error.Value),
        StringComparer.OrdinalIgnoreCase));

    private static string Summary(PlatformApiException exception) => exception.Status switch
    {
        400 => "Några uppgifter behöver rättas; se fälten nedan.",
        401 => "Du är inte längre inloggad. Logga in igen.",
        403 => "Du har inte behörighet att göra detta.",
        404 => "Det du söker finns inte, eller så får du inte se det.",
        409 => "Det går inte just nu: statusen tillåter det inte.",
        412 => "Någon annan hann ändra detta medan du arbetade. Se vad som ändrats och gör om ditt beslut.",
        413 => "Filen är för stor.",
        422 => "Uppgifterna hänvisar till något som inte finns.",
        428 => "Sidan behöver läsas in igen innan ändringen kan sparas.",
        429 => "För många förfrågningar just nu. Vänta en stund och försök igen.",
        503 => "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
        _ => "Något gick fel. Försök igen om en stund.",
    };

    private static string? FieldMessage(string field) => field switch
    {
        "title" => "Rubriken ska vara 5–200 tecken, utan radbrytningar.",
        "description" => "Beskrivningen ska vara 20–4 000 tecken.",
        "theme" => "Välj ett tema.",
        "municipalityCodes" => "Välj en till 29 kommuner i Norrbotten eller Västerbotten.",
        "urgency" => "Välj hur brådskande behovet är.",
        "quantity" or "quantity.value" => "Antalet ska vara större än noll och högst 1 000 000 000.",
        "quantity.unit" => "Enheten ska vara 1–50 tecken.",
        "neededBy" => "Ange ett datum (ÅÅÅÅ-MM-DD) som inte har passerat.",
        "reason" => "Ange ett skäl (högst 2 000 tecken).",
        "decision" => "Välj godkänn eller avvisa.",
        "submittedByActorId" => "Välj vilken aktör behovet gäller.",
        _ => null,
    };
}
