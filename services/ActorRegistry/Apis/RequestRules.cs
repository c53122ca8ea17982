using Microsoft.AspNetCore.Mvc;

namespace Platform.ActorRegistry.Apis;

/// <summary>The query of a list that takes nothing but <c>page</c> and <c>pageSize</c>.</summary>
public sealed record PageParameters([FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize);

/// <summary>The validator of a request type whose rules need no I/O: <paramref name="rule"/> records what is wrong.</summary>
public sealed class RuleValidator<TRequest>(Action<TRequest, ValidationErrors> rule) : IRequestValidator<TRequest>
{
    public ValueTask ValidateAsync(TRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        rule(request, errors);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The rules of the registry's requests, each checked by its route's <see cref="RequestValidation.Validates{TRequest}"/>.</summary>
public static class RequestRules
{
    /// <summary>Registers <paramref name="rule"/> as the validator of <typeparamref name="TRequest"/>.</summary>
    public static IServiceCollection AddRequestRule<TRequest>(this IServiceCollection services, Action<TRequest, ValidationErrors> rule) =>
        services.AddSingleton<IRequestValidator<TRequest>>(new RuleValidator<TRequest>(rule));

    public static IServiceCollection AddPageRule(this IServiceCollection services) =>
        services.AddRequestRule<PageParameters>((query, errors) => PageRequest.Parse(query.Page, query.PageSize, errors.Malformed));

    /// <summary>The page a list's handler serves, of a query its endpoint filter accepted (<see cref="PageRequest.Parse"/> found nothing wrong).</summary>
    public static PageRequest AcceptedPage(int? page, int? pageSize) => PageRequest.Parse(page, pageSize, new Dictionary<string, string[]>());
}
