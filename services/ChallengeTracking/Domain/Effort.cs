using Platform.ServiceDefaults.Http;

namespace Platform.ChallengeTracking.Domain;

public sealed record ParticipantRequest(Guid? ActorId, string? Role);

public sealed record EffortRequest(
    string? Title,
    IReadOnlyList<Guid>? ChallengeIds,
    Guid? LeadActorId,
    IReadOnlyList<ParticipantRequest>? Participants,
    string? Status,
    string? StartDate,
    string? EndDate,
    decimal? BudgetSek,
    string? FundingAssignment);

public sealed record Participant(Guid ActorId, string Role);

public sealed record EffortData(
    string Title, IReadOnlyList<Guid> ChallengeIds, Guid LeadActorId, IReadOnlyList<Participant> Participants, string Status,
    DateOnly StartDate, DateOnly EndDate, decimal BudgetSek, string? FundingAssignment);

public sealed record ExpenditureRequest(string? Date, decimal? AmountSek, string? Category, string? Description);

public sealed record ExpenditureData(DateOnly Date, decimal AmountSek, string Category, string? Description);

public sealed record IndicatorRequest(string? Name, string? Unit, decimal? Baseline, decimal? Target, decimal? Actual);

public sealed record Indicator(string Name, string Unit, decimal Baseline, decimal Target, decimal? Actual);

public sealed record ProgressRequest(int? ProgressPercent, string? Status, string? Note, IReadOnlyList<IndicatorRequest>? Indicators);

public sealed record ProgressData(int ProgressPercent, string? Status, string? Note, IReadOnlyList<Indicator> Indicators);

/// <summary>The field rules of efforts, expenditures and progress reports; references (challenges, actors) are the store's.</summary>
public static class EffortRules
{
    public const int MaxTitleLength = 200;
    public const int MaxNoteLength = 2000;

    public static EffortData? Validate(EffortRequest? request, ValidationErrors errors)
    {
        if (request is null)
        {
            errors.Malformed["body"] = ["A JSON body is required."];
            return null;
        }

        var title = FieldRules.Text(request.Title, "title", 3, MaxTitleLength, errors);

        var challenges = request.ChallengeIds?.Distinct().ToList() ?? [];
        if (challenges.Count is 0 or > 50 || challenges.Contains(Guid.Empty))
        {
            errors.Malformed["challengeIds"] = ["One to 50 challenge ids are required."];
        }

        if (request.LeadActorId is null || request.LeadActorId == Guid.Empty)
        {
            errors.Malformed["leadActorId"] = ["LeadActorId is required."];
        }

        var participants = new List<Participant>();
        foreach (var (participant, index) in (request.Participants ?? []).Select((participant, index) => (participant, index)))
        {
            if (participant?.ActorId is not { } actorId || actorId == Guid.Empty)
            {
                errors.Malformed[$"participants[{index}].actorId"] = ["A participant's actorId is required."];
            }
            else if (errors.RequireOneOf($"participants[{index}].role", participant.Role, ParticipantRoles.All))
            {
                participants.Add(new Participant(actorId, participant.Role!));
            }
        }

        if (participants.Count > 100)
        {
            errors.Malformed["participants"] = ["At most 100 participants."];
        }

        var status = request.Status?.Trim() ?? EffortStatuses.Planned;
        if (status is not (EffortStatuses.Planned or EffortStatuses.Ongoing))
        {
            errors.Malformed["status"] = ["A new effort is planned or ongoing."];
        }

        var start = FieldRules.Date(request.StartDate, "startDate", errors);
        var end = FieldRules.Date(request.EndDate, "endDate", errors);
        if (start is { } from && end is { } to && to < from)
        {
            errors.Malformed["endDate"] = ["EndDate must not be before startDate."];
        }

        var budget = FieldRules.Amount(request.BudgetSek, "budgetSek", allowZero: true, errors);
        var assignment = string.IsNullOrWhiteSpace(request.FundingAssignment) ? null : request.FundingAssignment.Trim();
        if (assignment is not null && !Assignments.ReferencePattern().IsMatch(assignment))
        {
            errors.Malformed["fundingAssignment"] = ["FundingAssignment is a registration number such as KN2023/03505."];
        }

        return errors.Any
            ? null
            : new EffortData(title!, challenges, request.LeadActorId!.Value, participants.Distinct().ToList(), status, start!.Value, end!.Value, budget!.Value, assignment);
    }

    /// <summary>An expenditure: a positive amount in öre precision, a category, and a date within the effort's dates.</summary>
    public static ExpenditureData? Validate(ExpenditureRequest? request, DateOnly effortStart, DateOnly effortEnd, ValidationErrors errors)
    {
        if (request is null)
        {
            errors.Malformed["body"] = ["A JSON body is required."];
            return null;
        }

        var date = FieldRules.Date(request.Date, "date", errors);
        if (date is { } day && (day < effortStart || day > effortEnd))
        {
            errors.Malformed["date"] = [$"The date must be within the effort's dates, {effortStart:yyyy-MM-dd} to {effortEnd:yyyy-MM-dd}."];
        }

        var amount = FieldRules.Amount(request.AmountSek, "amountSek", allowZero: false, errors);
        errors.RequireOneOf("category", request.Category, ExpenditureCategories.All);
        var description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        if (description is { Length: > 500 })
        {
            errors.Malformed["description"] = ["Description is at most 500 characters."];
        }

        return errors.Any ? null : new ExpenditureData(date!.Value, amount!.Value, request.Category!, description);
    }

    public static ProgressData? Validate(ProgressRequest? request, string currentStatus, ValidationErrors errors)
    {
        if (request is null)
        {
            errors.Malformed["body"] = ["A JSON body is required."];
            return null;
        }

        if (request.ProgressPercent is not (>= 0 and <= 100))
        {
            errors.Malformed["progressPercent"] = ["ProgressPercent is required, 0 to 100."];
        }

        var status = string.IsNullOrWhiteSpace(request.Status) ? null : request.Status.Trim();
        if (status is not null && errors.RequireOneOf("status", status, EffortStatuses.All) && !EffortStatuses.CanMove(currentStatus, status))
        {
            errors.Malformed["status"] = [$"An effort that is {currentStatus} cannot become {status}."];
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            errors.Malformed["note"] = [$"Note is at most {MaxNoteLength} characters."];
        }

        var indicators = new List<Indicator>();
        foreach (var (indicator, index) in (request.Indicators ?? []).Select((indicator, index) => (indicator, index)))
        {
            var name = indicator?.Name?.Trim();
            var unit = indicator?.Unit?.Trim();
            if (name is not { Length: >= 1 and <= 200 } || unit is not { Length: >= 1 and <= 50 } || indicator!.Baseline is null || indicator.Target is null)
            {
                errors.Malformed[$"indicators[{index}]"] = ["An indicator has a name (1-200), a unit (1-50), a baseline and a target; actual is optional."];
                continue;
            }

            var nameIsLine = TextRules.CheckLine(name, $"indicators[{index}].name", errors);
            var unitIsLine = TextRules.CheckLine(unit, $"indicators[{index}].unit", errors);
            if (!nameIsLine || !unitIsLine)
            {
                continue;
            }

            indicators.Add(new Indicator(name, unit, indicator.Baseline.Value, indicator.Target.Value, indicator.Actual));
        }

        if (indicators.Select(indicator => indicator.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != indicators.Count)
        {
            errors.Malformed["indicators"] = ["Indicator names are unique within a report."];
        }

        return errors.Any ? null : new ProgressData(request.ProgressPercent!.Value, status, note, indicators);
    }
}
