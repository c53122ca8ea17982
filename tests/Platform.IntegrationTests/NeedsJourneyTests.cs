using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.IntegrationTests;

public sealed class NeedsJourneyTests(PlatformFixture platform)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_municipality_seeded_by_the_registry_submits_a_need_that_is_clustered_into_a_challenge()
    {
        using var coordinator = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        var boden = await platform.MunicipalityActorAsync("2582", Token);

        // needs-intake knows Boden only from the registry's ActorRegistered, relayed through RabbitMQ at start-up.
        using var municipality = await platform.CreateGatewayClientAsync("actor", boden, Token);
        var body = new
        {
            title = "Bostäder för nyanställda vid stålverket i Boden",
            description = "Boden behöver cirka 1 000 nya bostäder till 2030 när fossilfri stålproduktion startar och tusentals flyttar hit.",
            theme = "housing",
            municipalityCodes = new[] { "2582" },
            quantity = new { value = 1000, unit = "bostäder" },
            neededBy = "2030-12-31",
            urgency = "high",
            identifiedOn = "2023-08-21", // in KN2023/03505's period, which its final report covers
        };
        HttpStatusCode status = default;
        JsonElement need = default;
        await Wait.UntilAsync(async () =>
        {
            using var response = await municipality.PostAsJsonAsync("/api/needs", body, Token);
            status = response.StatusCode;
            need = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
            return status != HttpStatusCode.UnprocessableEntity;
        }, TimeSpan.FromSeconds(30), "Boden in needs-intake's actor replica", Token);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(boden, need.GetProperty("submittedByActorId").GetGuid());
        Assert.Equal(["25"], need.GetProperty("countyCodes").EnumerateArray().Select(code => code.GetString()));

        // challenge-tracking clusters it (NeedSubmitted) and needs-intake follows the link (NeedLinkedToChallenge).
        var id = need.GetProperty("id").GetGuid();
        JsonElement linked = default;
        await Wait.UntilAsync(async () =>
        {
            linked = await municipality.GetFromJsonAsync<JsonElement>($"/api/needs/{id}", Token);
            return linked.GetProperty("status").GetString() == "linked";
        }, TimeSpan.FromSeconds(30), "the need linked to a challenge", Token);
        var challengeId = linked.GetProperty("challengeId").GetGuid();
        var challenge = await coordinator.GetFromJsonAsync<JsonElement>($"/api/challenges/{challengeId}", Token);
        Assert.Equal("housing", challenge.GetProperty("theme").GetString());
        Assert.Contains(challenge.GetProperty("needIds").EnumerateArray(), needId => needId.GetGuid() == id);
        Assert.Equal(["25"], challenge.GetProperty("countyCodes").EnumerateArray().Select(code => code.GetString()));

        // reporting builds its read models from the same events: the reader sees the need in the final report's challenge.
        await platform.ReportChallengeUnderTheAssignmentAsync(challengeId, Token);
        using var reader = await platform.CreateGatewayClientAsync("reader", null, Token);
        await Wait.UntilAsync(async () =>
        {
            var report = await reader.GetFromJsonAsync<JsonElement>("/api/reports/final?assignment=KN2023%2F03505&format=json", Token);
            return report.GetProperty("challenges").EnumerateArray().Any(line => line.GetProperty("id").GetGuid() == challengeId && line.GetProperty("needCount").GetInt64() >= 1);
        }, TimeSpan.FromSeconds(30), "the challenge and its need in the final report", Token);
        var overview = await reader.GetFromJsonAsync<JsonElement>("/api/reports/overview", Token);
        Assert.True(overview.GetProperty("actors").GetProperty("total").GetInt64() >= 46, $"the seeded actors reach reporting: {overview.GetProperty("actors")}");
        Assert.Contains(overview.GetProperty("actors").GetProperty("byKind").EnumerateArray(), kind => kind.GetProperty("kind").GetString() == "municipality" && kind.GetProperty("count").GetInt64() >= 29);

        // The operator's dashboard command rebuilds the read models from the event log; the report is the same after it.
        var result = await platform.App.ResourceCommands.ExecuteCommandAsync("reporting", "rebuild-read-models", Token);
        Assert.True(result.Success, result.Message);
        var rebuilt = await reader.GetFromJsonAsync<JsonElement>("/api/reports/overview", Token);
        // Other tests register actors meanwhile: the rebuilt read model has at least what it had.
        Assert.True(rebuilt.GetProperty("actors").GetProperty("total").GetInt64() >= overview.GetProperty("actors").GetProperty("total").GetInt64());
        Assert.True(rebuilt.GetProperty("needs").GetProperty("total").GetInt64() >= 1);

        // The other routine command, on every service: requeue what was dead-lettered (nothing here, but it runs).
        foreach (var service in PlatformFixture.Services)
        {
            var requeued = await platform.App.ResourceCommands.ExecuteCommandAsync(service, "requeue-dead-letters", Token);
            Assert.True(requeued.Success, $"{service}: {requeued.Message}");
        }
    }
}
