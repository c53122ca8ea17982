namespace Platform.ActorRegistry.Domain;

/// <summary>The phases of an establishment, and which one its history gains when it changes.</summary>
public static class EstablishmentPhases
{
    public static readonly IReadOnlyList<string> All = ["announced", "permitting", "construction", "operating", "paused", "cancelled"];

    /// <summary>
    /// The phase an establishment's history gains when it is registered (<paramref name="current"/> null) or updated:
    /// the requested one when it differs from the current one, none when unchanged. Any phase may follow any other:
    /// plans pause, resume and are cancelled in every order.
    /// </summary>
    public static string? Entered(string? current, string requested) => string.Equals(current, requested, StringComparison.Ordinal) ? null : requested;
}

/// <summary>An establishment as validated: trimmed texts, the county of its municipality.</summary>
public sealed record EstablishmentData(
    Guid CompanyActorId, string Name, string Sector, string MunicipalityCode, string CountyCode, decimal? InvestmentSek, int? ExpectedJobs,
    string Phase, DateOnly? AnnouncedOn, DateOnly? ExpectedOperationOn);

/// <summary>Shape rules of establishments, and what their company must be; the store checks the company against the database.</summary>
public static class EstablishmentRules
{
    /// <summary>The data of <paramref name="request"/>, or null with each wrong field recorded in <paramref name="errors"/>.</summary>
    public static EstablishmentData? Validate(EstablishmentRequest request, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.CompanyActorId is null || request.CompanyActorId == Guid.Empty)
        {
            errors.Malformed["companyActorId"] = ["The company actor is required."];
        }

        var name = FieldRules.Text(request.Name, "name", 2, ActorRules.MaxNameLength, errors);
        var sector = FieldRules.Text(request.Sector, "sector", 2, 100, errors);
        string? countyCode = null;
        if (string.IsNullOrWhiteSpace(request.MunicipalityCode))
        {
            errors.Malformed["municipalityCode"] = ["The municipality is required."];
        }
        else if (Geography.TryGetMunicipality(request.MunicipalityCode.Trim(), out var municipality))
        {
            countyCode = municipality.CountyCode;
        }
        else
        {
            errors.UnknownReferences["municipalityCode"] = [$"Municipality '{request.MunicipalityCode}' is not one of the 29 municipalities of Norrbotten and Västerbotten."];
        }

        var investmentSek = request.InvestmentSek is null ? null : FieldRules.Amount(request.InvestmentSek, "investmentSek", allowZero: true, errors);

        if (request.ExpectedJobs is < 0 or > 1_000_000)
        {
            errors.Malformed["expectedJobs"] = ["Expected jobs is zero or more."];
        }

        errors.RequireOneOf("phase", request.Phase, EstablishmentPhases.All);

        FieldRules.CheckDate(request.AnnouncedOn, "announcedOn", errors);
        FieldRules.CheckDate(request.ExpectedOperationOn, "expectedOperationOn", errors);
        if (request.AnnouncedOn is { } announced && request.ExpectedOperationOn is { } operating && operating < announced)
        {
            errors.Malformed["expectedOperationOn"] = ["Expected operation cannot be before the announcement."];
        }

        return errors.Any
            ? null
            : new EstablishmentData(request.CompanyActorId!.Value, name!, sector!, request.MunicipalityCode!.Trim(), countyCode!,
                investmentSek, request.ExpectedJobs, request.Phase!, request.AnnouncedOn, request.ExpectedOperationOn);
    }

    /// <summary>The data of a request its endpoint filter accepted.</summary>
    public static EstablishmentData ToData(EstablishmentRequest? request) =>
        (request is null ? null : Validate(request, new ValidationErrors()))
        ?? throw new ArgumentException("Only a request the validator accepted has data.", nameof(request));

    /// <summary>
    /// An establishment belongs to a registered, active company: the refusal of the actor
    /// <paramref name="companyActorId"/> as it is (<paramref name="actor"/> null when it does not exist), or null.
    /// </summary>
    public static string? RefusalOfCompany(Guid companyActorId, (string Kind, bool Active)? actor) => actor switch
    {
        null => $"Actor {companyActorId} does not exist.",
        { Kind: not ActorKinds.Company } => $"Actor {companyActorId} is not a company.",
        { Active: false } => $"Actor {companyActorId} is deactivated.",
        _ => null,
    };
}
