using Platform.ServiceDefaults.Http;

namespace Platform.ActorRegistry.Domain;

public static class EstablishmentPhases
{
    public static readonly IReadOnlyList<string> All = ["announced", "permitting", "construction", "operating", "paused", "cancelled"];
}

public static class ForumScopes
{
    public static readonly IReadOnlyList<string> All = ["national", "regional", "cross-county"];
}

public static class ForumRoles
{
    public static readonly IReadOnlyList<string> All = ["convenor", "member", "observer", "secretariat"];
}

public sealed record EstablishmentRequest(
    Guid? CompanyActorId,
    string? Name,
    string? Sector,
    string? MunicipalityCode,
    decimal? InvestmentSek,
    int? ExpectedJobs,
    string? Phase,
    DateOnly? AnnouncedOn,
    DateOnly? ExpectedOperationOn);

public sealed record EstablishmentData(
    Guid CompanyActorId,
    string Name,
    string Sector,
    string MunicipalityCode,
    string CountyCode,
    decimal? InvestmentSek,
    int? ExpectedJobs,
    string Phase,
    DateOnly? AnnouncedOn,
    DateOnly? ExpectedOperationOn);

public sealed record ForumRequest(string? Name, string? Purpose, string? Scope, Guid? ConvenorActorId);

public sealed record ForumMemberRequest(Guid? ActorId, string? Role);

public sealed record MeetingRequest(
    DateOnly? Date,
    Guid? ForumId,
    string? Title,
    string? Agenda,
    string? Minutes,
    IReadOnlyList<Guid>? AttendingActorIds,
    IReadOnlyList<Guid>? NeedIds,
    IReadOnlyList<Guid>? ChallengeIds);

/// <summary>Shape rules of establishments, forums and meetings; references are checked against the database.</summary>
public static class CollaborationRules
{
    public const int MaxTextLength = 20_000;
    public const int MaxLinks = 200;

    public static EstablishmentData? Validate(EstablishmentRequest? request, ValidationErrors errors)
    {
        if (request is null)
        {
            errors.Malformed["body"] = ["A JSON body is required."];
            return null;
        }

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

    public static ForumRequest? Validate(ForumRequest? request, ValidationErrors errors)
    {
        if (request is null)
        {
            errors.Malformed["body"] = ["A JSON body is required."];
            return null;
        }

        var name = FieldRules.Text(request.Name, "name", 2, ActorRules.MaxNameLength, errors);
        var purpose = FieldRules.OptionalText(request.Purpose, "purpose", 2000, errors, multiline: true);
        errors.RequireOneOf("scope", request.Scope, ForumScopes.All);

        return errors.Any ? null : request with { Name = name, Purpose = purpose };
    }

    public static ForumMemberRequest? Validate(ForumMemberRequest? request, ValidationErrors errors)
    {
        if (request?.ActorId is null || request.ActorId == Guid.Empty)
        {
            errors.Malformed["actorId"] = ["The actor is required."];
        }

        errors.RequireOneOf("role", request?.Role, ForumRoles.All);

        return errors.Any ? null : request;
    }

    public static MeetingRequest? Validate(MeetingRequest? request, ValidationErrors errors)
    {
        if (request is null)
        {
            errors.Malformed["body"] = ["A JSON body is required."];
            return null;
        }

        if (request.Date is null)
        {
            errors.Malformed["date"] = ["The meeting date (YYYY-MM-DD) is required."];
        }
        else
        {
            FieldRules.CheckDate(request.Date, "date", errors);
        }

        var title = FieldRules.Text(request.Title, "title", 2, ActorRules.MaxNameLength, errors);
        var agenda = FieldRules.OptionalText(request.Agenda, "agenda", MaxTextLength, errors, multiline: true);
        var minutes = FieldRules.OptionalText(request.Minutes, "minutes", MaxTextLength, errors, multiline: true);
        foreach (var (field, ids) in new[] { ("attendingActorIds", request.AttendingActorIds), ("needIds", request.NeedIds), ("challengeIds", request.ChallengeIds) })
        {
            if (ids is { Count: > MaxLinks } || ids?.Contains(Guid.Empty) == true)
            {
                errors.Malformed[field] = [$"At most {MaxLinks} ids, none empty."];
            }
        }

        // The ids stay as given, so an unknown one can be named by its place in the request; the store keeps each once.
        return errors.Any
            ? null
            : request with
            {
                Title = title,
                Agenda = agenda,
                Minutes = minutes,
                AttendingActorIds = request.AttendingActorIds ?? [],
                NeedIds = request.NeedIds ?? [],
                ChallengeIds = request.ChallengeIds ?? [],
            };
    }
}
