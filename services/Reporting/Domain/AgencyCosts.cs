using Platform.Client.Models;
using Platform.ServiceDefaults.Http;

namespace Platform.Reporting.Domain;

/// <summary>One of Tillväxtverket's own costs as validated.</summary>
public sealed record AgencyCostData(DateOnly Date, decimal AmountSek, string Category, string? Description);

/// <summary>The field rules of the agency's own costs for an assignment.</summary>
public static class AgencyCostRules
{
    public const int MaxDescriptionLength = 500;

    /// <summary>The cost <paramref name="request"/> describes, or null with every wrong field recorded.</summary>
    public static AgencyCostData? Validate(AgencyCostRequest request, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var date = FieldRules.Date(request.Date, "date", errors);
        var amount = FieldRules.Amount(request.AmountSek, "amountSek", allowZero: false, errors);
        errors.RequireOneOf("category", request.Category, AgencyCostCategories.All);
        var description = FieldRules.OptionalText(request.Description, "description", MaxDescriptionLength, errors);
        return errors.Any ? null : new AgencyCostData(date!.Value, amount!.Value, request.Category, description);
    }
}
