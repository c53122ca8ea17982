using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Testing;

namespace Platform.ChallengeTracking.Tests;

/// <summary>
/// A coordinator corrects an effort with If-Match: its fields, participants, dates, budget (a new entry, the earlier
/// kept) and indicators; stale and missing versions, bad input and a reader are refused and write nothing.
/// </summary>
public sealed class EffortEditTests(ChallengeTrackingApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(Guid Effort, Guid Lead, Guid Partner)> LaunchAsync()
    {
        var topic = string.Join(' ', Enumerable.Range(0, 8).Select(_ => new string([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26)))])));
        var challenge = await app.SubmitNeedAsync(ChallengeTrackingApp.Need(topic[..30], topic), Token);
        var (lead, partner) = (await app.RegisterActorAsync("agency", Token), await app.RegisterActorAsync("region", Token));
        using var client = app.Client("coordinator");
        using var launched = await client.PostAsJsonAsync("/api/efforts", new
        {
            title = "Elnätsplanering för nya etableringar", challengeIds = new[] { challenge }, leadActorId = lead,
            participants = new[] { new { actorId = partner, role = "implementing" } }, status = "ongoing", startDate = "2026-01-01", endDate = "2026-12-31", budgetSek = 100_000m,
        }, Token);
        Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        var effort = (await launched.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
        using var progress = await client.SendJsonAsync(HttpMethod.Post, $"/api/efforts/{effort}/progress", new
        {
            progressPercent = 10, indicators = new[] { new { name = "Anslutna företag", unit = "st", baseline = 0, target = 12 }, new { name = "Utredningar", unit = "st", baseline = 0, target = 2 } },
        }, "\"1\"", Token);
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        return (effort, lead, partner);
    }

    private static Dictionary<string, object?> Edit(Guid lead, Guid partner) => new()
    {
        ["title"] = "Elnätsplanering för nya etableringar i Norrbotten",
        ["description"] = "Gemensam planering av nätkapacitet med Vattenfall och kommunerna.",
        ["leadActorId"] = lead,
        ["participants"] = new[] { new { actorId = partner, role = "accountable" } },
        ["startDate"] = "2026-02-01",
        ["endDate"] = "2027-06-30",
        ["budgetSek"] = 150_000.25m,
        ["indicators"] = new[] { new { name = "Anslutna företag", unit = "st", baseline = 0, target = 15 } },
    };

    private async Task<(JsonElement Effort, string ETag)> GetAsync(Guid id)
    {
        using var client = app.Client("reader");
        using var response = await client.GetAsync($"/api/efforts/{id}", Token);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token), response.Headers.ETag!.Tag);
    }

    private async Task<HttpResponseMessage> PutAsync(Guid id, object body, string? etag, string role = "coordinator")
    {
        using var client = app.Client(role);
        return await client.SendJsonAsync(HttpMethod.Put, $"/api/efforts/{id}", body, etag, Token);
    }

    [Fact]
    public async Task An_edit_sets_every_field_and_keeps_the_earlier_budget()
    {
        var (effort, lead, partner) = await LaunchAsync();
        var (_, etag) = await GetAsync(effort);
        var newLead = await app.RegisterActorAsync("county_board", Token);
        var edit = Edit(newLead, partner);

        using var edited = await PutAsync(effort, edit, etag);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.NotEqual(etag, edited.Headers.ETag!.Tag);
        var (after, _) = await GetAsync(effort);
        Assert.Equal("Elnätsplanering för nya etableringar i Norrbotten", after.GetProperty("title").GetString());
        Assert.Equal("Gemensam planering av nätkapacitet med Vattenfall och kommunerna.", after.GetProperty("description").GetString());
        Assert.Equal(newLead, after.GetProperty("leadActorId").GetGuid());
        Assert.Equal("accountable", Assert.Single(after.GetProperty("participants").EnumerateArray()).GetProperty("role").GetString());
        Assert.Equal("2026-02-01", after.GetProperty("startDate").GetString());
        Assert.Equal("2027-06-30", after.GetProperty("endDate").GetString());
        Assert.Equal(150_000.25m, after.GetProperty("budgetSek").GetDecimal());
        var indicator = Assert.Single(after.GetProperty("indicators").EnumerateArray());
        Assert.Equal(15m, indicator.GetProperty("target").GetDecimal());

        // The budget is money: the launch's entry stays, the edit's is new; the table refuses to change either.
        Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM effort_budgets WHERE effort_id = $1", effort));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => app.ScalarAsync("UPDATE effort_budgets SET budget_sek = 1 WHERE effort_id = $1", effort));
        Assert.Contains("never changed", refused.MessageText, StringComparison.Ordinal);

        await app.WaitForEventAsync("EffortRevised", "effortId", effort, Token);
        Assert.Equal(1, await app.ScalarAsync(
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.EffortRevised' AND payload->>'effortId' = $1 AND payload->'removedIndicators' ? 'Utredningar' AND payload->>'changedBy' LIKE 'dev-coordinator-%'",
            effort.ToString()));

        // The same edit again changes nothing: no new version, no event.
        using var again = await PutAsync(effort, edit, edited.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(edited.Headers.ETag!.Tag, again.Headers.ETag!.Tag);
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.EffortRevised' AND payload->>'effortId' = $1", effort.ToString()));
        Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM effort_budgets WHERE effort_id = $1", effort));
        _ = lead;
    }

    [Fact]
    public async Task Without_If_Match_428_and_stale_412_and_two_coordinators_at_once_one_wins()
    {
        var (effort, lead, partner) = await LaunchAsync();
        var (_, etag) = await GetAsync(effort);
        using (var missing = await PutAsync(effort, Edit(lead, partner), null))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        }

        var first = Edit(lead, partner);
        var second = Edit(lead, partner);
        second["title"] = "Elnätsplanering, andra versionen";
        var answers = await Task.WhenAll(PutAsync(effort, first, etag), PutAsync(effort, second, etag));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], answers.Select(answer => answer.StatusCode).Order());
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        var (after, now) = await GetAsync(effort);
        Assert.Equal("\"3\"", now);
        Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM effort_budgets WHERE effort_id = $1", effort));
        using var stale = await PutAsync(effort, first, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(now, (await GetAsync(effort)).ETag);
        _ = after;
    }

    [Fact]
    public async Task Bad_edits_name_the_field_and_write_nothing()
    {
        var (effort, lead, partner) = await LaunchAsync();
        using (var coordinator = app.Client("coordinator"))
        using (var spent = await coordinator.PostAsJsonAsync($"/api/efforts/{effort}/expenditures", new { date = "2026-01-15", amountSek = 500m, category = "travel" }, Token))
        {
            Assert.Equal(HttpStatusCode.Created, spent.StatusCode);
        }

        var (before, etag) = await GetAsync(effort);
        var cases = new (Action<Dictionary<string, object?>> Change, HttpStatusCode Status, string Field)[]
        {
            (edit => edit["startDate"] = "2026-02-01", HttpStatusCode.BadRequest, "startDate"),
            (edit => edit["endDate"] = "2026-01-10", HttpStatusCode.BadRequest, "endDate"),
            (edit => edit["budgetSek"] = 10.005m, HttpStatusCode.BadRequest, "budgetSek"),
            (edit => edit["title"] = "x", HttpStatusCode.BadRequest, "title"),
            (edit => edit["participants"] = new[] { new { actorId = partner, role = "owner" } }, HttpStatusCode.BadRequest, "participants[0].role"),
            (edit => edit["indicators"] = new[] { new { name = "A", unit = "st", baseline = 0 } }, HttpStatusCode.BadRequest, "indicators[0]"),
            (edit => edit["leadActorId"] = Guid.NewGuid(), HttpStatusCode.UnprocessableEntity, "leadActorId"),
            (edit => edit["participants"] = new[] { new { actorId = Guid.NewGuid(), role = "funding" } }, HttpStatusCode.UnprocessableEntity, "participants[0].actorId"),
        };
        foreach (var (change, status, field) in cases)
        {
            var edit = Edit(lead, partner);
            edit["startDate"] = "2026-01-01";
            change(edit);
            using var refused = await PutAsync(effort, edit, etag);
            Assert.Equal(status, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }

        using (var reader = await PutAsync(effort, Edit(lead, partner), etag, "reader"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        }

        using (var unknown = await PutAsync(Guid.NewGuid(), Edit(lead, partner), etag))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var (after, now) = await GetAsync(effort);
        Assert.Equal(etag, now);
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM effort_budgets WHERE effort_id = $1", effort));
    }
}
