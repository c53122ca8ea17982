namespace Platform.ServiceDefaults.Http;

/// <summary>The list shape of the public API: <c>{ items, total, page, pageSize }</c>.</summary>

/// <summary>A validated <c>page</c>/<c>pageSize</c> pair (page from 1; pageSize 1..100, 20 by default).</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The furthest a list can be paged: no list comes near it, and an offset beyond it would not fit the SQL.</summary>
    public const int MaxOffset = int.MaxValue - MaxPageSize;

    public int Offset => (Page - 1) * PageSize;

    public static PageRequest Parse(int? page, int? pageSize, IDictionary<string, string[]> errors)
    {
        if (page is < 1)
        {
            errors["page"] = ["Page must be at least 1."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"PageSize must be between 1 and {MaxPageSize}."];
        }
        else if (page is > 1 && (long)(page.Value - 1) * (pageSize ?? DefaultPageSize) > MaxOffset)
        {
            errors["page"] = [$"Page is too far: page x pageSize must stay within {MaxOffset:N0} items."];
        }

        return new PageRequest(Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
    }
}
