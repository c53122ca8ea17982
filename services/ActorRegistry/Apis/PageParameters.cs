using Microsoft.AspNetCore.Mvc;

namespace Platform.ActorRegistry.Apis;

/// <summary>The query of a list that takes nothing but <c>page</c> and <c>pageSize</c>.</summary>
public sealed record PageParameters([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize);

/// <summary>Checks <c>page</c> and <c>pageSize</c> (<see cref="PageRequest.Parse"/>).</summary>
public sealed class PageParametersValidator : IRequestValidator<PageParameters>
{
    public ValueTask ValidateAsync(PageParameters request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        PageRequest.Parse(request.Page, request.PageSize, errors.Malformed);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The page a list's handler serves.</summary>
public static class AcceptedPage
{
    /// <summary>The page of a query its endpoint filter accepted (<see cref="PageRequest.Parse"/> found nothing wrong).</summary>
    public static PageRequest Of(int? page, int? pageSize) => PageRequest.Parse(page, pageSize, new Dictionary<string, string[]>());
}
