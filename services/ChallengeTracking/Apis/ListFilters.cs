using Platform.ServiceDefaults.Http;

namespace Platform.ChallengeTracking.Apis;

/// <summary>The query string of a list: a page within range, and filters that are absent or one of their values.</summary>
internal static class ListFilters
{
    public static ValueTask Check(int? page, int? pageSize, ValidationErrors errors, params (string Field, string? Value, IReadOnlyCollection<string> Allowed)[] filters)
    {
        PageRequest.Parse(page, pageSize, errors.Malformed);
        foreach (var (field, value, allowed) in filters)
        {
            errors.RequireOneOf(field, value, allowed, required: false);
        }

        return ValueTask.CompletedTask;
    }
}
