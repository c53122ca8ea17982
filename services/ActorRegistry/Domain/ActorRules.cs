using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace Platform.ActorRegistry.Domain;

/// <summary>
/// A contact person's e-mail address and phone number are personal data (GDPR art. 5, data minimisation):
/// coordinators and the actor's own users see them; everyone else sees name and role only.
/// </summary>
public static class ContactPrivacy
{
    public static bool MaySeeDetails(bool isCoordinator, Guid? callerActorId, Guid actorId) => isCoordinator || callerActorId == actorId;

    /// <summary>The contacts with e-mail and phone left out (null, so the shape clients read stays the same).</summary>
    public static IReadOnlyList<Contact> NamesAndRoles(IReadOnlyList<Contact> contacts) =>
        [.. contacts.Select(contact => contact with { Email = null, Phone = null })];

    /// <summary>The actor as a caller may see it: contact e-mail and phone only for coordinators and the actor's own users.</summary>
    public static Actor ShownTo(Actor actor, bool isCoordinator, Guid? callerActorId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return MaySeeDetails(isCoordinator, callerActorId, actor.Id) ? actor : actor with { Contacts = NamesAndRoles(actor.Contacts) };
    }
}

/// <summary>An actor as validated: normalised organisation number, derived counties.</summary>
public sealed record ActorData(
    string Name, string Kind, string? OrganisationNumber, string? MunicipalityCode, IReadOnlyList<string> CountyCodes, string? Website, IReadOnlyList<Contact> Contacts)
{
    public string SearchName => ActorRules.SearchText(Name);

    /// <summary>The data of a stored actor, to compare with an update.</summary>
    public static ActorData Of(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new(actor.Name, actor.Kind, actor.OrganisationNumber, actor.MunicipalityCode, actor.CountyCodes, actor.Website, actor.Contacts);
    }
}

public static class ActorRules
{
    public const int MaxNameLength = 200;
    public const int MaxContacts = 20;
    public const int MaxReasonLength = 1000;

    /// <summary>The data of <paramref name="request"/>, or null with each wrong field recorded in <paramref name="errors"/>.</summary>
    public static ActorData? Validate(ActorRequest request, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var name = FieldRules.Text(request.Name, "name", 2, MaxNameLength, errors);

        var kind = request.Kind?.Trim();
        errors.RequireOneOf("kind", kind, ActorKinds.All);

        string? organisationNumber = null;
        if (!string.IsNullOrWhiteSpace(request.OrganisationNumber))
        {
            if (OrganisationNumber.TryParse(request.OrganisationNumber, out var parsed, out var error))
            {
                organisationNumber = parsed.Value.ToString();
            }
            else
            {
                errors.Malformed["organisationNumber"] = [error];
            }
        }

        var counties = new SortedSet<string>(StringComparer.Ordinal);
        string? municipalityCode = null;
        if (!string.IsNullOrWhiteSpace(request.MunicipalityCode))
        {
            municipalityCode = request.MunicipalityCode.Trim();
            if (Geography.TryGetMunicipality(municipalityCode, out var municipality))
            {
                counties.Add(municipality.CountyCode);
            }
            else
            {
                errors.UnknownReferences["municipalityCode"] = [$"Municipality '{municipalityCode}' is not one of the 29 municipalities of Norrbotten and Västerbotten."];
            }
        }
        else if (kind == ActorKinds.Municipality)
        {
            errors.Malformed["municipalityCode"] = ["A municipality actor needs its municipality code."];
        }

        foreach (var county in request.CountyCodes ?? [])
        {
            if (county is not null && Geography.IsCounty(county.Trim()))
            {
                counties.Add(county.Trim());
            }
            else
            {
                errors.UnknownReferences["countyCodes"] = [$"County '{county}' is not known; use 24 (Västerbotten) or 25 (Norrbotten)."];
            }
        }

        string? website = null;
        if (!string.IsNullOrWhiteSpace(request.Website))
        {
            if (Uri.TryCreate(request.Website.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && request.Website.Length <= 500)
            {
                website = uri.ToString();
            }
            else
            {
                errors.Malformed["website"] = ["Website must be an absolute http(s) address of at most 500 characters."];
            }
        }

        var contacts = new List<Contact>();
        var requestedContacts = request.Contacts ?? [];
        if (requestedContacts.Count > MaxContacts)
        {
            errors.Malformed["contacts"] = [$"At most {MaxContacts} contacts."];
        }

        for (var i = 0; i < requestedContacts.Count && i < MaxContacts; i++)
        {
            var contact = requestedContacts[i];
            var contactName = contact?.Name?.Trim();
            if (string.IsNullOrEmpty(contactName) || contactName.Length > MaxNameLength)
            {
                errors.Malformed[$"contacts[{i}].name"] = [$"A contact needs a name of at most {MaxNameLength} characters."];
                continue;
            }

            if (!TextRules.CheckLine(contactName, $"contacts[{i}].name", errors))
            {
                continue;
            }

            var email = contact!.Email?.Trim();
            if (!string.IsNullOrEmpty(email) && (email.Length > 254 || !MailAddress.TryCreate(email, out _)))
            {
                errors.Malformed[$"contacts[{i}].email"] = ["Email must be a valid address."];
            }

            var phone = contact.Phone?.Trim();
            if (!string.IsNullOrEmpty(phone) && (phone.Length > 40 || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')))
            {
                errors.Malformed[$"contacts[{i}].phone"] = ["Phone may hold digits, spaces, +, - and parentheses, at most 40 characters."];
            }

            var role = FieldRules.OptionalText(contact.Role, $"contacts[{i}].role", 200, errors);
            contacts.Add(new Contact(contactName, role, NullIfEmpty(email), NullIfEmpty(phone)));
        }

        return errors.Any ? null : new ActorData(name!, kind!, organisationNumber, municipalityCode, [.. counties], website, contacts);
    }

    /// <summary>The data of a request its endpoint filter accepted.</summary>
    public static ActorData ToData(ActorRequest? request) =>
        (request is null ? null : Validate(request, new ValidationErrors()))
        ?? throw new ArgumentException("Only a request the validator accepted has data.", nameof(request));

    /// <summary>The reason of a deactivation or reactivation: optional, several lines, at most <see cref="MaxReasonLength"/> characters.</summary>
    public static string? Reason(string? reason, ValidationErrors errors) =>
        FieldRules.OptionalText(reason, "reason", MaxReasonLength, errors, multiline: true);

    /// <summary>Lower case without diacritics or repeated blanks: "Luleå kommun" -> "lulea kommun".</summary>
    public static string SearchText(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var isSpace = char.IsWhiteSpace(c);
            if (!(isSpace && lastWasSpace))
            {
                result.Append(isSpace ? ' ' : c);
            }

            lastWasSpace = isSpace;
        }

        return result.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
