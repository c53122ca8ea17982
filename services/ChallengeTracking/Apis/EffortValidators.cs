using Platform.ChallengeTracking.Domain;
using Platform.ServiceDefaults.Http;

namespace Platform.ChallengeTracking.Apis;

public sealed class EffortSearchValidator : IRequestValidator<EffortSearchParameters>
{
    public ValueTask ValidateAsync(EffortSearchParameters request, ValidationErrors errors, CancellationToken cancellationToken) =>
        ListFilters.Check(request.Page, request.PageSize, errors, ("status", request.Status, EffortStatuses.All));
}

/// <summary>The fields of an effort to launch; whether its challenges, actors and assignment exist is the store's to check.</summary>
public sealed class EffortRequestValidator : IRequestValidator<EffortRequest>
{
    public ValueTask ValidateAsync(EffortRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        EffortFields.Check(request.Title, request.LeadActorId, request.Participants, request.StartDate, request.EndDate, request.BudgetSek, errors);

        var challenges = request.ChallengeIds?.Distinct().ToList() ?? [];
        if (challenges.Count is 0 or > EffortRules.MaxChallenges || challenges.Contains(Guid.Empty))
        {
            errors.Malformed["challengeIds"] = [$"One to {EffortRules.MaxChallenges} challenge ids are required."];
        }

        if (!EffortStatuses.AtLaunch.Contains(request.Status?.Trim() ?? EffortStatuses.Planned))
        {
            errors.Malformed["status"] = ["A new effort is planned or ongoing."];
        }

        if (!string.IsNullOrWhiteSpace(request.FundingAssignment) && !Assignments.ReferencePattern().IsMatch(request.FundingAssignment.Trim()))
        {
            errors.Malformed["fundingAssignment"] = ["FundingAssignment is a registration number such as KN2023/03505."];
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The fields of an effort's edit; whether its actors exist and its expenditures fit the dates is the store's to check.</summary>
public sealed class EffortEditRequestValidator : IRequestValidator<EffortEditRequest>
{
    public ValueTask ValidateAsync(EffortEditRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        EffortFields.Check(request.Title, request.LeadActorId, request.Participants, request.StartDate, request.EndDate, request.BudgetSek, errors);
        FieldRules.OptionalText(request.Description, "description", EffortRules.MaxDescriptionLength, errors, multiline: true);
        EffortFields.CheckIndicators(request.Indicators, errors);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The checks an effort's fields get wherever they are written: at launch and at an edit.</summary>
internal static class EffortFields
{
    public static void Check(
        string? title, Guid? leadActorId, IReadOnlyList<ParticipantRequest>? participants, string? startDate, string? endDate, decimal? budgetSek, ValidationErrors errors)
    {
        FieldRules.Text(title, "title", EffortRules.MinTitleLength, EffortRules.MaxTitleLength, errors);
        if (leadActorId is null || leadActorId == Guid.Empty)
        {
            errors.Malformed["leadActorId"] = ["LeadActorId is required."];
        }

        var count = 0;
        foreach (var (participant, index) in (participants ?? []).Select((participant, index) => (participant, index)))
        {
            if (participant?.ActorId is not { } actorId || actorId == Guid.Empty)
            {
                errors.Malformed[$"participants[{index}].actorId"] = ["A participant's actorId is required."];
            }
            else if (errors.RequireOneOf($"participants[{index}].role", participant.Role, ParticipantRoles.All))
            {
                count++;
            }
        }

        if (count > EffortRules.MaxParticipants)
        {
            errors.Malformed["participants"] = [$"At most {EffortRules.MaxParticipants} participants."];
        }

        var start = FieldRules.Date(startDate, "startDate", errors);
        var end = FieldRules.Date(endDate, "endDate", errors);
        if (start is { } from && end is { } to && to < from)
        {
            errors.Malformed["endDate"] = ["EndDate must not be before startDate."];
        }

        FieldRules.Amount(budgetSek, "budgetSek", allowZero: true, errors);
    }

    /// <summary>Each indicator whole (name, unit, baseline, target; actual optional), names unique.</summary>
    public static void CheckIndicators(IReadOnlyList<IndicatorRequest>? indicators, ValidationErrors errors)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unique = true;
        foreach (var (indicator, index) in (indicators ?? []).Select((indicator, index) => (indicator, index)))
        {
            var name = indicator?.Name?.Trim();
            var unit = indicator?.Unit?.Trim();
            if (name is not { Length: >= 1 and <= EffortRules.MaxIndicatorNameLength } || unit is not { Length: >= 1 and <= EffortRules.MaxIndicatorUnitLength }
                || indicator!.Baseline is null || indicator.Target is null)
            {
                errors.Malformed[$"indicators[{index}]"] = [
                    $"An indicator has a name (1-{EffortRules.MaxIndicatorNameLength}), a unit (1-{EffortRules.MaxIndicatorUnitLength}), a baseline and a target; actual is optional."];
                continue;
            }

            var nameIsLine = TextRules.CheckLine(name, $"indicators[{index}].name", errors);
            var unitIsLine = TextRules.CheckLine(unit, $"indicators[{index}].unit", errors);
            if (nameIsLine && unitIsLine)
            {
                unique &= names.Add(name);
            }
        }

        if (!unique)
        {
            errors.Malformed["indicators"] = ["Indicator names are unique within a report."];
        }
    }
}

/// <summary>The fields of an expenditure; the dates it must fall within are the effort's, which the store checks.</summary>
public sealed class ExpenditureRequestValidator : IRequestValidator<ExpenditureRequest>
{
    public ValueTask ValidateAsync(ExpenditureRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        FieldRules.Date(request.Date, "date", errors);
        FieldRules.Amount(request.AmountSek, "amountSek", allowZero: false, errors);
        errors.RequireOneOf("category", request.Category, Client.Models.ExpenditureCategories.All);
        if (request.Description?.Trim() is { Length: > EffortRules.MaxExpenditureDescriptionLength })
        {
            errors.Malformed["description"] = [$"Description is at most {EffortRules.MaxExpenditureDescriptionLength} characters."];
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Why an expenditure is reversed; whether it may be is the store's to ask, from the effort's expenditures.</summary>
public sealed class ReversalRequestValidator : IRequestValidator<Client.Models.ReversalRequest>
{
    public ValueTask ValidateAsync(Client.Models.ReversalRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        FieldRules.Text(request.Reason, "reason", ExpenditureReversal.MinReasonLength, ExpenditureReversal.MaxReasonLength, errors);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The fields of a progress report; whether the effort may take its status is the store's to ask, from the effort's status.</summary>
public sealed class ProgressRequestValidator : IRequestValidator<ProgressRequest>
{
    public ValueTask ValidateAsync(ProgressRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (request.ProgressPercent is not (>= 0 and <= 100))
        {
            errors.Malformed["progressPercent"] = ["ProgressPercent is required, 0 to 100."];
        }

        if (!string.IsNullOrWhiteSpace(request.Status))
        {
            errors.RequireOneOf("status", request.Status.Trim(), EffortStatuses.All);
        }

        if (request.Note?.Trim() is { Length: > EffortRules.MaxNoteLength })
        {
            errors.Malformed["note"] = [$"Note is at most {EffortRules.MaxNoteLength} characters."];
        }

        EffortFields.CheckIndicators(request.Indicators, errors);
        return ValueTask.CompletedTask;
    }
}
