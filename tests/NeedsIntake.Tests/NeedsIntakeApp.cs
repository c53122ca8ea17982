using System.Net.Http.Json;
using System.Text.Json;
using Platform.NeedsIntake.Data;
using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.NeedsIntake.Tests.NeedsIntakeApp))]

namespace Platform.NeedsIntake.Tests;

/// <summary>The real needs-intake service over real PostgreSQL and RabbitMQ, shared by this assembly's tests.</summary>
public sealed class NeedsIntakeApp : ServiceFixture<NeedStore>
{
    protected override string DatabaseName => NeedsIntakeExtensions.DatabaseName;

    /// <summary>Submits a valid need as a coordinator for <paramref name="actorId"/>, with the given texts, theme and municipalities.</summary>
    public async Task<JsonElement> SubmitAsync(Guid actorId, CancellationToken cancellationToken, string? title = null, string? description = null, string theme = "housing", string[]? municipalities = null)
    {
        using var coordinator = Client("coordinator");
        using var response = await coordinator.PostAsJsonAsync("/api/needs", NeedBody(actorId, title, description, theme, municipalities), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    public static Dictionary<string, object?> NeedBody(Guid actorId, string? title = null, string? description = null, string theme = "housing", string[]? municipalities = null) => new()
    {
        ["title"] = title ?? "Fler hyresrätter för nyanställda i Boden",
        ["description"] = description ?? "Boden behöver cirka 300 nya hyresrätter när stålverket anställer. Byggkostnaderna gör hyrorna för höga för nyanställda.",
        ["theme"] = theme,
        ["submittedByActorId"] = actorId,
        ["municipalityCodes"] = municipalities ?? ["2582"],
        ["quantity"] = new { value = 300, unit = "lägenheter" },
        ["neededBy"] = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["urgency"] = "high",
    };
}
