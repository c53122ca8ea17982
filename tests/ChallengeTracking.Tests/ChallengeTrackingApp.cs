using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Platform.ChallengeTracking.Data;
using Platform.Contracts.Needs;
using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.ChallengeTracking.Tests.ChallengeTrackingApp))]

namespace Platform.ChallengeTracking.Tests;

/// <summary>The real challenge-tracking service over real PostgreSQL and RabbitMQ, shared by this assembly's tests.</summary>
public sealed class ChallengeTrackingApp : ServiceFixture<ChallengeStore>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    protected override string DatabaseName => ChallengeTrackingExtensions.DatabaseName;

    /// <summary>The clustering review runs a second after needs stop arriving, so a test sees it run on its own.</summary>
    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Clustering:ReviewQuiet", "00:00:01");

    /// <summary>Publishes a need as needs-intake would and returns the challenge it was clustered into.</summary>
    public async Task<Guid> SubmitNeedAsync(NeedSubmitted need, CancellationToken cancellationToken)
    {
        await PublishAsync(need, cancellationToken);
        await Wait.UntilAsync(async () => await ScalarAsync("SELECT count(*) FROM needs WHERE id = $1 AND challenge_id IS NOT NULL", need.NeedId) == 1,
            Timeout, $"need {need.Reference} clustered", cancellationToken);
        return await ChallengeOfAsync(need.NeedId);
    }

    public async Task<Guid> ChallengeOfAsync(Guid needId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT challenge_id FROM needs WHERE id = @id", connection) { Parameters = { new("id", needId) } };
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    public static NeedSubmitted Need(string title, string description, string theme = "other", string[]? municipalities = null, Guid? establishmentId = null)
    {
        var codes = municipalities ?? ["2582"];
        return new NeedSubmitted
        {
            NeedId = Guid.CreateVersion7(),
            Reference = $"BEH-2026-{Random.Shared.Next(1_000_000):D6}",
            Title = title,
            Description = description,
            Theme = theme,
            SubmittedByActorId = Guid.NewGuid(),
            SubmitterKind = "municipality",
            EstablishmentId = establishmentId,
            MunicipalityCodes = codes,
            CountyCodes = Reference.Geography.CountiesOf(codes),
            Urgency = "medium",
            OccurredAt = DateTimeOffset.UtcNow,
        };
    }

    public async Task<(JsonElement Challenge, string ETag)> GetChallengeAsync(Guid id, CancellationToken cancellationToken)
    {
        using var client = Client("reader");
        using var response = await client.GetAsync($"/api/challenges/{id}", cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken), response.Headers.ETag!.ToString());
    }
}
