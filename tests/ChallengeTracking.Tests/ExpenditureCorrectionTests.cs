using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Platform.ChallengeTracking.Tests;

/// <summary>
/// Money is never edited: an expenditure sent twice with one Idempotency-Key is recorded once, and one recorded by
/// mistake is corrected by a reversing entry that names it and why.
/// </summary>
public sealed class ExpenditureCorrectionTests(ChallengeTrackingApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<Guid> LaunchAsync(string status = "ongoing")
    {
        var topic = string.Join(' ', Enumerable.Range(0, 8).Select(_ => new string([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26)))])));
        var challenge = await app.SubmitNeedAsync(ChallengeTrackingApp.Need(topic[..30], topic), Token);
        var lead = await app.RegisterActorAsync("agency", Token);
        using var launched = await PostAsync("/api/efforts", new
        {
            title = "Elnätsplanering för nya etableringar", challengeIds = new[] { challenge }, leadActorId = lead, participants = Array.Empty<object>(),
            status, startDate = "2026-01-01", endDate = "2026-12-31", budgetSek = 100_000m,
        });
        Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        return (await launched.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> PostAsync(string path, object body, string? key = null, string role = "coordinator")
    {
        using var client = app.Client(role);
        return await PostAsync(client, path, body, key);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await client.SendAsync(request, Token);
    }

    private async Task<JsonElement> EffortAsync(Guid id)
    {
        using var client = app.Client("reader");
        return await client.GetFromJsonAsync<JsonElement>($"/api/efforts/{id}", Token);
    }

    [Fact]
    public async Task An_expenditure_sent_twice_with_one_key_is_recorded_once()
    {
        var effort = await LaunchAsync();
        var key = Guid.NewGuid().ToString("N");
        var body = new { date = "2026-03-02", amountSek = 12_500.50m, category = "travel", description = "Resor till Gällivare" };
        // A key is the caller's: one coordinator's client sends the same request three times at once.
        using var coordinator = app.Client("coordinator");
        var sends = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(coordinator, $"/api/efforts/{effort}/expenditures", body, key)));
        var ids = new List<Guid>();
        foreach (var sent in sends)
        {
            using (sent)
            {
                Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
                ids.Add((await sent.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid());
            }
        }

        Assert.Single(ids.Distinct());
        Assert.Equal(2, sends.Count(sent => sent.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM expenditures WHERE effort_id = $1", effort));
        Assert.Equal(12_500.50m, (await EffortAsync(effort)).GetProperty("spentSek").GetDecimal());

        // The same key with another body, or for another effort, is another request: refused, nothing recorded.
        using var changed = await PostAsync(coordinator, $"/api/efforts/{effort}/expenditures", body with { amountSek = 1m }, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Contains("Idempotency-Key", await changed.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        using var elsewhere = await PostAsync(coordinator, $"/api/efforts/{await LaunchAsync()}/expenditures", body, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, elsewhere.StatusCode);
        using var malformed = await PostAsync($"/api/efforts/{effort}/expenditures", body, "nyckel med mellanslag");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM expenditures WHERE effort_id = $1", effort));
    }

    [Fact]
    public async Task A_reversal_zeroes_the_expenditure_once_on_its_day_and_names_it_and_why()
    {
        var effort = await LaunchAsync();
        using var recorded = await PostAsync($"/api/efforts/{effort}/expenditures", new { date = "2026-04-15", amountSek = 40_000.25m, category = "consultancy" });
        var original = (await recorded.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();

        using var reversed = await PostAsync($"/api/efforts/{effort}/expenditures/{original}/reversal", new { reason = "Registrerad två gånger" }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, reversed.StatusCode);
        var reversal = await reversed.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(-40_000.25m, reversal.GetProperty("amountSek").GetDecimal());
        Assert.Equal("2026-04-15", reversal.GetProperty("date").GetString());
        Assert.Equal(original, reversal.GetProperty("reversesId").GetGuid());
        Assert.Equal("Registrerad två gånger", reversal.GetProperty("reason").GetString());
        var after = await EffortAsync(effort);
        Assert.Equal(0m, after.GetProperty("spentSek").GetDecimal());
        Assert.Equal(2, after.GetProperty("expenditures").GetArrayLength());
        await app.WaitForEventAsync("ExpenditureRecorded", "reversesExpenditureId", original, Token);

        var otherEffort = await LaunchAsync();
        using var foreign = await PostAsync($"/api/efforts/{otherEffort}/expenditures/{original}/reversal", new { reason = "Fel insats" });
        var reversalId = reversal.GetProperty("id").GetGuid();
        foreach (var (response, status, field) in new[]
        {
            (await PostAsync($"/api/efforts/{effort}/expenditures/{original}/reversal", new { reason = "En gång till" }), HttpStatusCode.Conflict, (string?)null),
            (await PostAsync($"/api/efforts/{effort}/expenditures/{reversalId}/reversal", new { reason = "Ångra återföringen" }), HttpStatusCode.UnprocessableEntity, "expenditureId"),
            (foreign, HttpStatusCode.UnprocessableEntity, "expenditureId"),
            (await PostAsync($"/api/efforts/{effort}/expenditures/{Guid.NewGuid()}/reversal", new { reason = "Okänd" }), HttpStatusCode.NotFound, null),
            (await PostAsync($"/api/efforts/{effort}/expenditures/{original}/reversal", new { reason = "x" }), HttpStatusCode.BadRequest, "reason"),
            (await PostAsync($"/api/efforts/{effort}/expenditures/{original}/reversal", new { reason = "Läsaren försöker" }, role: "reader"), HttpStatusCode.Forbidden, null),
        })
        {
            using (response)
            {
                Assert.Equal(status, response.StatusCode);
                if (field is not null)
                {
                    Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty(field, out _), field);
                }
            }
        }

        Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM expenditures WHERE effort_id = $1", effort));
        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM expenditures WHERE effort_id = $1", otherEffort));

        await using var connection = new NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync(Token);
        foreach (var sql in new[] { "UPDATE expenditures SET amount_sek = 1 WHERE id = @id", "DELETE FROM expenditures WHERE id = @id" })
        {
            await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new("id", original) } };
            Assert.Contains("never changed or removed", (await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Token))).MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_cancelled_effort_can_still_have_a_mistake_reversed()
    {
        var effort = await LaunchAsync();
        using var recorded = await PostAsync($"/api/efforts/{effort}/expenditures", new { date = "2026-02-01", amountSek = 500m, category = "events" });
        var original = (await recorded.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
        using (var client = app.Client("coordinator"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/efforts/{effort}/progress") { Content = JsonContent.Create(new { progressPercent = 10, status = "cancelled" }) };
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{(await EffortAsync(effort)).GetProperty("version").GetInt32()}\"");
            using var cancelled = await client.SendAsync(request, Token);
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        using var reversed = await PostAsync($"/api/efforts/{effort}/expenditures/{original}/reversal", new { reason = "Mötet ställdes in" });
        Assert.Equal(HttpStatusCode.Created, reversed.StatusCode);
        Assert.Equal(0m, (await EffortAsync(effort)).GetProperty("spentSek").GetDecimal());
    }
}
