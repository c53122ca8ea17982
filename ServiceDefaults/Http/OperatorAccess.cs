using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Http;

/// <summary>Settings of operator actions (section <c>Operations</c>).</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>Shared secret of the AppHost's dashboard commands (header <c>X-Operator-Key</c>); none means coordinators only.</summary>
    public string? Key { get; set; }
}

/// <summary>
/// Who may run an operator action (<c>/operations/...</c>, never routed by the gateway): the AppHost's dashboard
/// commands with the operator key, or a coordinator's token.
/// </summary>
public static class OperatorAccess
{
    public const string HeaderName = "X-Operator-Key";

    /// <summary>401/403 problem details when the caller is neither; null when it may go on.</summary>
    public static ProblemHttpResult? Refuse(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HasOperatorKey(context) || context.User.IsCoordinator())
        {
            return null;
        }

        return context.User.Identity?.IsAuthenticated == true
            ? ApiProblems.Forbidden("Operator actions are for coordinators and operators.")
            : TypedResults.Problem(title: "An operator key or a coordinator's token is required.", statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>Who asked, for the logs.</summary>
    public static string Caller(HttpContext context) => HasOperatorKey(context) ? "the operator" : context.User.Caller();

    private static bool HasOperatorKey(HttpContext context)
    {
        var key = context.RequestServices.GetRequiredService<IOptions<OperationsOptions>>().Value.Key;
        return key is { Length: > 0 } && context.Request.Headers[HeaderName] is [{ } given]
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));
    }
}
