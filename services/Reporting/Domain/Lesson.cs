using Platform.Client.Models;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Domain;

public sealed record LessonData(string Title, string Text, IReadOnlyList<string> TargetGroups, IReadOnlyList<Guid> EffortIds, IReadOnlyList<Guid> ChallengeIds, bool Published);

/// <summary>The field rules of a lesson (lärdom); whether its efforts and challenges exist is the store's.</summary>
public static class LessonRules
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 20_000;
    public const int MaxLinks = 50;

    public static LessonData? Validate(LessonRequest? request, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (request is null)
        {
            errors.Malformed["body"] = ["A JSON body is required."];
            return null;
        }

        var title = FieldRules.Text(request.Title, "title", 3, MaxTitleLength, errors);
        var text = FieldRules.Text(request.Text, "text", 10, MaxTextLength, errors, multiline: true);

        var groups = new List<string>();
        foreach (var (group, index) in (request.TargetGroups ?? []).Select((group, index) => (group?.Trim(), index)))
        {
            if (group is not { Length: >= 2 and <= 100 })
            {
                errors.Malformed[$"targetGroups[{index}]"] = ["A target group is 2 to 100 characters, e.g. \"kommuner\"."];
            }
            else if (TextRules.CheckLine(group, $"targetGroups[{index}]", errors) && !groups.Contains(group, StringComparer.OrdinalIgnoreCase))
            {
                groups.Add(group);
            }
        }

        if (groups.Count is 0 or > 20 && !errors.Malformed.Keys.Any(key => key.StartsWith("targetGroups", StringComparison.Ordinal)))
        {
            errors.Malformed["targetGroups"] = ["One to 20 target groups are required, e.g. [\"kommuner\", \"regioner\"]."];
        }

        var efforts = Links(request.EffortIds, "effortIds", errors);
        var challenges = Links(request.ChallengeIds, "challengeIds", errors);
        return errors.Any ? null : new LessonData(title!, text!, groups, efforts, challenges, request.Published ?? false);
    }

    private static List<Guid> Links(IReadOnlyList<Guid>? ids, string field, ValidationErrors errors)
    {
        var links = ids?.Distinct().ToList() ?? [];
        if (links.Count > MaxLinks || links.Contains(Guid.Empty))
        {
            errors.Malformed[field] = [$"At most {MaxLinks} ids, none empty."];
        }

        return links;
    }
}
