using Platform.Client.Models;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Domain;

/// <summary>A lesson as recorded: its fields trimmed, its target groups and links without repeats.</summary>
public sealed record LessonData(
    string Title, string Text, IReadOnlyList<string> TargetGroups, IReadOnlyList<Guid> EffortIds, IReadOnlyList<Guid> ChallengeIds, bool Published,
    IReadOnlyList<string> Assignments, DateOnly? DocumentedOn);

/// <summary>The field rules of a lesson (lärdom); whether its efforts and challenges exist is the store's.</summary>
public static class LessonRules
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 20_000;
    public const int MaxTargetGroupLength = 100;
    public const int MaxLinks = 50;

    /// <summary>
    /// Records every wrong field of <paramref name="request"/> and returns the lesson it describes when none is. A body
    /// may leave out (or null) what the record types as required; that is reported like any other wrong field.
    /// </summary>
    public static LessonData? Validate(LessonRequest request, DateOnly today, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var title = FieldRules.Text(request.Title, "title", 3, MaxTitleLength, errors);
        var text = FieldRules.Text(request.Text, "text", 10, MaxTextLength, errors, multiline: true);

        var groups = new List<string>();
        foreach (var (group, index) in (request.TargetGroups ?? []).Select((group, index) => (group?.Trim(), index)))
        {
            if (group is not { Length: >= 2 and <= MaxTargetGroupLength })
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
        var assignments = FieldRules.AssignmentReferences(request.Assignments, "assignments", errors);
        var documented = FieldRules.PastDate(request.DocumentedOn, "documentedOn", today, errors);
        return errors.Any ? null : new LessonData(title!, text!, groups, efforts, challenges, request.Published ?? false, assignments!, documented);
    }

    /// <summary>The lesson a request its validator accepted describes.</summary>
    public static LessonData ToData(LessonRequest request, DateOnly today) =>
        Validate(request, today, new ValidationErrors()) ?? throw new ArgumentException("The lesson is not valid; validate the request first.", nameof(request));

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

/// <summary>
/// The life of a lesson: a coordinator records it as a draft, which only coordinators see, or publishes it at once; a
/// coordinator publishes a draft, naming the version they saw; a published lesson stays as it is.
/// </summary>
public static class LessonLifecycle
{
    /// <summary>Whether a caller sees <paramref name="lesson"/>: a published one everyone, a draft coordinators only.</summary>
    public static bool IsVisibleTo(Lesson lesson, bool coordinator) => lesson.Published || coordinator;

    /// <summary>Whether a caller may list drafts.</summary>
    public static bool MaySeeDrafts(bool coordinator) => coordinator;

    /// <summary>
    /// A new lesson at version 1, published at <paramref name="now"/> when asked, a draft otherwise; documented on the day
    /// it names or else <paramref name="now"/>'s day in Sweden.
    /// </summary>
    public static WriteResult<Lesson> Record(Guid id, LessonData data, bool byCoordinator, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(data);
        return byCoordinator
            ? WriteResult.Created(new Lesson(
                id, data.Title, data.Text, data.TargetGroups, data.EffortIds, data.ChallengeIds, data.Published, data.Published ? now : null, now, 1, data.Assignments,
                data.DocumentedOn ?? SwedishTime.DateOf(now)))
            : WriteResult.Forbidden<Lesson>("Only coordinators record lessons.");
    }

    /// <summary>
    /// Revises <paramref name="current"/> to <paramref name="data"/>: by a coordinator, of the version the caller saw
    /// (<paramref name="expectedVersion"/>, from <c>If-Match</c>); as its next version, published or not as it was
    /// (publishing is its own step), documented on the day given or the day it had. The same content changes nothing.
    /// </summary>
    public static WriteResult<Lesson> Revise(Lesson current, LessonData data, int? expectedVersion, bool byCoordinator)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(data);
        if (!byCoordinator)
        {
            return WriteResult.Forbidden<Lesson>("Only coordinators revise lessons.");
        }

        if (expectedVersion is { } expected && current.Version != expected)
        {
            return WriteResult.Stale(current);
        }

        var revised = current with
        {
            Title = data.Title, Text = data.Text, TargetGroups = data.TargetGroups, EffortIds = data.EffortIds, ChallengeIds = data.ChallengeIds,
            Assignments = data.Assignments, DocumentedOn = data.DocumentedOn ?? current.DocumentedOn,
        };
        return Same(revised, current) ? WriteResult.Updated(current) : WriteResult.Updated(revised with { Version = current.Version + 1 });
    }

    private static bool Same(Lesson a, Lesson b) =>
        a.Title == b.Title && a.Text == b.Text && a.DocumentedOn == b.DocumentedOn && a.TargetGroups.SequenceEqual(b.TargetGroups)
        && a.EffortIds.SequenceEqual(b.EffortIds) && a.ChallengeIds.SequenceEqual(b.ChallengeIds) && a.Assignments.SequenceEqual(b.Assignments);

    /// <summary>
    /// Publishes the draft <paramref name="current"/>: by a coordinator, of the version the caller saw
    /// (<paramref name="expectedVersion"/>, from <c>If-Match</c>; none for any); a published lesson is not published again.
    /// </summary>
    public static WriteResult<Lesson> Publish(Lesson current, int? expectedVersion, bool byCoordinator, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!byCoordinator)
        {
            return WriteResult.Forbidden<Lesson>("Only coordinators publish lessons.");
        }

        if (expectedVersion is { } expected && current.Version != expected)
        {
            return WriteResult.Stale(current);
        }

        return current.Published
            ? WriteResult.Conflict("The lesson is already published.", $"Lesson {current.Id} was published at {current.PublishedAt:O}.", current)
            : WriteResult.Updated(current with { Published = true, PublishedAt = now, Version = current.Version + 1 });
    }
}
