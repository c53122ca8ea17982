using Platform.ChallengeTracking.Domain;
using Platform.Client.Models;
using Platform.ServiceDefaults.Http;

namespace Platform.ChallengeTracking.Apis;

/// <summary>A page within bounds, a known theme and status, and search words no longer than a title.</summary>
public sealed class ChallengeSearchValidator : IRequestValidator<ChallengeSearchParameters>
{
    public ValueTask ValidateAsync(ChallengeSearchParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (request.Text is { Length: > ChallengeRules.MaxTitleLength })
        {
            errors.Malformed["q"] = [$"Search text is at most {ChallengeRules.MaxTitleLength} characters."];
        }

        return ListFilters.Check(request.Page, request.PageSize, errors, ("theme", request.Theme, Themes.Codes), ("status", request.Status, ChallengeStatuses.All));
    }
}

/// <summary>A page within bounds, and a known status, kind and theme.</summary>
public sealed class SuggestionSearchValidator : IRequestValidator<SuggestionSearchParameters>
{
    public ValueTask ValidateAsync(SuggestionSearchParameters request, ValidationErrors errors, CancellationToken cancellationToken) =>
        ListFilters.Check(request.Page, request.PageSize, errors, ("status", request.Status, SuggestionStatuses.All),
            ("kind", request.Kind, [Clustering.ClusterSuggestion.Merge, Clustering.ClusterSuggestion.Split]), ("theme", request.Theme, Themes.Codes));
}

/// <summary>A challenge opened by hand: its text and theme, and a lead actor the directory knows as active.</summary>
public sealed class CreateChallengeRequestValidator(ActorDirectory.ActorDirectory actors) : IRequestValidator<CreateChallengeRequest>
{
    public async ValueTask ValidateAsync(CreateChallengeRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        FieldRules.Text(request.Title, "title", ChallengeRules.MinTitleLength, ChallengeRules.MaxTitleLength, errors);
        FieldRules.Text(request.Description, "description", ChallengeRules.MinDescriptionLength, ChallengeRules.MaxDescriptionLength, errors, multiline: true);
        if (string.IsNullOrWhiteSpace(request.Theme))
        {
            errors.Malformed["theme"] = ["Theme is required."];
        }
        else if (!Themes.IsKnown(request.Theme))
        {
            errors.UnknownReferences["theme"] = [$"Theme '{request.Theme}' is not known; themes are: {string.Join(", ", Themes.Codes)}."];
        }

        // The directory is asked only about a request that is otherwise right.
        if (request.LeadActorId is { } lead && !errors.Any && !((await actors.FindAsync(lead, cancellationToken))?.IsActive ?? false))
        {
            errors.UnknownReferences["leadActorId"] = [$"Actor {lead} is not a known, active actor."];
        }
    }
}

public sealed class RelinkNeedRequestValidator : IRequestValidator<RelinkNeedRequest>
{
    public ValueTask ValidateAsync(RelinkNeedRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (request.NeedId == Guid.Empty)
        {
            errors.Malformed["needId"] = ["NeedId is required."];
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class MergeChallengeRequestValidator : IRequestValidator<MergeChallengeRequest>
{
    public ValueTask ValidateAsync(MergeChallengeRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (request.ChallengeId == Guid.Empty)
        {
            errors.Malformed["challengeId"] = ["ChallengeId (the challenge to merge into this one) is required."];
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A coordinator's title and description for a challenge, by the same rules as a challenge opened by hand.</summary>
public sealed class ChallengeEditRequestValidator : IRequestValidator<ChallengeEditRequest>
{
    public ValueTask ValidateAsync(ChallengeEditRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        FieldRules.Text(request.Title, "title", ChallengeRules.MinTitleLength, ChallengeRules.MaxTitleLength, errors);
        FieldRules.Text(request.Description, "description", ChallengeRules.MinDescriptionLength, ChallengeRules.MaxDescriptionLength, errors, multiline: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class ChallengeAssignmentsRequestValidator : IRequestValidator<ChallengeAssignmentsRequest>
{
    public ValueTask ValidateAsync(ChallengeAssignmentsRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (request.Assignments is null)
        {
            errors.Malformed["assignments"] = ["Assignments is required: every registration number the challenge is reported under ([] for none)."];
        }
        else
        {
            FieldRules.AssignmentReferences(request.Assignments!, "assignments", errors);
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class ChallengeStatusRequestValidator : IRequestValidator<ChallengeStatusRequest>
{
    public ValueTask ValidateAsync(ChallengeStatusRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        errors.RequireOneOf("status", request.Status, ChallengeStatuses.All);
        if (request.Note?.Trim() is { Length: > ChallengeRules.MaxNoteLength })
        {
            errors.Malformed["note"] = [$"Note is at most {ChallengeRules.MaxNoteLength} characters."];
        }

        return ValueTask.CompletedTask;
    }
}
