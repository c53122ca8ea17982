using Platform.Client.Models;
using Platform.NeedsIntake.Domain;
using Platform.ServiceDefaults.Http;
using NeedRequest = Platform.NeedsIntake.Domain.NeedRequest;

namespace Platform.NeedsIntake.Apis;

/// <summary>The validators of <see cref="NeedsApi"/>'s bodies and queries, one per type, each asking <see cref="NeedRules"/>.</summary>
public static class NeedsApiValidators
{
    public static IServiceCollection AddNeedsApiValidators(this IServiceCollection services) => services
        .AddHttpContextAccessor()
        .AddRequestValidator<NeedSearchParameters, NeedSearchValidator>()
        .AddRequestValidator<HistoryPageParameters, HistoryPageValidator>()
        .AddRequestValidator<NeedRequest, NeedRequestValidator>()
        .AddRequestValidator<SimilarNeedsRequest, SimilarNeedsRequestValidator>()
        .AddRequestValidator<TriageRequest, TriageRequestValidator>()
        .AddRequestValidator<WithdrawRequest, WithdrawRequestValidator>();

    /// <summary>A page within bounds, a known theme and status, and search text no longer than a title.</summary>
    private sealed class NeedSearchValidator : IRequestValidator<NeedSearchParameters>
    {
        public ValueTask ValidateAsync(NeedSearchParameters query, ValidationErrors errors, CancellationToken cancellationToken)
        {
            PageRequest.Parse(query.Page, query.PageSize, errors.Malformed);
            errors.RequireOneOf("theme", query.Theme, Themes.Codes, required: false);
            errors.RequireOneOf("status", query.Status, NeedStatuses.All, required: false);
            if (query.Text is { Length: > NeedRules.MaxTitleLength })
            {
                errors.Malformed["q"] = [$"Search text is at most {NeedRules.MaxTitleLength} characters."];
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class HistoryPageValidator : IRequestValidator<HistoryPageParameters>
    {
        public ValueTask ValidateAsync(HistoryPageParameters page, ValidationErrors errors, CancellationToken cancellationToken)
        {
            PageRequest.Parse(page.Page, page.PageSize, errors.Malformed);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The submission's field rules, for the actor the need is submitted for (see <see cref="NeedsApi.SubmittedFor"/>).</summary>
    private sealed class NeedRequestValidator(TimeProvider time, IHttpContextAccessor http) : IRequestValidator<NeedRequest>
    {
        public ValueTask ValidateAsync(NeedRequest request, ValidationErrors errors, CancellationToken cancellationToken)
        {
            var user = http.HttpContext?.User ?? throw new InvalidOperationException("A submission is validated within its request.");
            NeedRules.Check(NeedsApi.SubmittedFor(request, user), NeedsApi.Today(time), errors);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class SimilarNeedsRequestValidator : IRequestValidator<SimilarNeedsRequest>
    {
        public ValueTask ValidateAsync(SimilarNeedsRequest draft, ValidationErrors errors, CancellationToken cancellationToken)
        {
            NeedRules.Check(draft, errors);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class TriageRequestValidator : IRequestValidator<TriageRequest>
    {
        public ValueTask ValidateAsync(TriageRequest request, ValidationErrors errors, CancellationToken cancellationToken)
        {
            NeedRules.Check(TriageChange.Of(request), errors);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class WithdrawRequestValidator : IRequestValidator<WithdrawRequest>
    {
        public ValueTask ValidateAsync(WithdrawRequest request, ValidationErrors errors, CancellationToken cancellationToken)
        {
            NeedRules.CheckReason(NeedRules.TrimmedOrNull(request.Reason), errors);
            return ValueTask.CompletedTask;
        }
    }
}
