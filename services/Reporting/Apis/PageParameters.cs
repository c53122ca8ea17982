using Microsoft.AspNetCore.Mvc;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Apis;

/// <summary>The paging of a list: <c>page</c> from 1, <c>pageSize</c> 1 to 100 (20 by default).</summary>
public sealed record PageParameters([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
{
    /// <summary>The page asked for; <see cref="PageParametersValidator"/> has refused a page out of range.</summary>
    public PageRequest ToPage() => PageRequest.Parse(Page, PageSize, new Dictionary<string, string[]>());
}

/// <summary>Checks the paging of a list by <see cref="PageRequest.Parse"/>.</summary>
public sealed class PageParametersValidator : IRequestValidator<PageParameters>
{
    public ValueTask ValidateAsync(PageParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        PageRequest.Parse(request.Page, request.PageSize, errors.Malformed);
        return ValueTask.CompletedTask;
    }
}
