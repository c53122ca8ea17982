using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Contracts.Needs;
using Platform.Reporting.ReadModels;

namespace Platform.Reporting.Tests;

[Collection(nameof(ExclusiveReadModels))]
public sealed class RebuildTests(ReportingApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A fingerprint of every read-model table (counts of zero are bookkeeping, not data).</summary>
    private async Task<Dictionary<string, string>> FingerprintAsync()
    {
        var fingerprint = new Dictionary<string, string>();
        // The counts as read (totals and changes not yet folded, which move between the two in the background).
        foreach (var table in Projection.Tables.Split(", ").Where(table => !table.Contains("_count_", StringComparison.Ordinal)).Concat(Projection.CountViews.Split(", ")))
        {
            var filter = table.EndsWith("_counts", StringComparison.Ordinal) ? "WHERE n <> 0" : string.Empty;
            fingerprint[table] = await app.TextAsync($"SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t {filter}");
        }

        return fingerprint;
    }

    [Fact]
    public async Task Rebuilding_from_the_event_log_gives_the_same_read_models_and_reports()
    {
        var assignment = await app.AddAssignmentAsync(500_000m, Token);
        await app.ApplyAsync(new Scenario(assignment).Build().Events);
        using var reader = app.Client("reader");
        var financeBefore = await reader.GetStringAsync($"/api/reports/finance?assignment={Uri.EscapeDataString(assignment)}", Token);
        var overviewBefore = await reader.GetFromJsonAsync<JsonElement>("/api/reports/overview", Token);
        var before = await FingerprintAsync();
        Assert.True(long.Parse(before["rm_needs"].Split(':')[0], System.Globalization.CultureInfo.InvariantCulture) >= 3);

        using var coordinator = app.Client("coordinator");
        using var rebuilt = await coordinator.PostAsync("/operations/read-models/rebuild", null, Token);
        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        var result = await rebuilt.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(await app.ScalarAsync("SELECT count(*) FROM event_log"), result.GetProperty("eventsReplayed").GetInt64());

        Assert.Equal(before, await FingerprintAsync());
        // The trigger-kept counts are what counting the needs gives, both ways round.
        const string counted = "SELECT theme, status, counties, n FROM rm_need_counts WHERE n <> 0";
        const string recounted = "SELECT theme, status, counties, count(*) FROM rm_needs WHERE reference IS NOT NULL GROUP BY 1, 2, 3";
        const string challengeCounted = "SELECT challenge_id, counties, n FROM rm_challenge_need_counts WHERE n <> 0";
        const string challengeRecounted = """
            SELECT challenge_id, counties, count(*) FROM rm_needs
            WHERE reference IS NOT NULL AND challenge_id IS NOT NULL AND status NOT IN ('rejected', 'withdrawn') GROUP BY 1, 2
            """;
        foreach (var (left, right) in new[] { (counted, recounted), (recounted, counted), (challengeCounted, challengeRecounted), (challengeRecounted, challengeCounted) })
        {
            Assert.Equal(0, await app.ScalarAsync($"SELECT count(*) FROM ({left} EXCEPT {right}) difference"));
        }
        var financeAfter = await reader.GetStringAsync($"/api/reports/finance?assignment={Uri.EscapeDataString(assignment)}", Token);
        Assert.Equal(Without(financeBefore, "asOf"), Without(financeAfter, "asOf"));
        var overviewAfter = await reader.GetFromJsonAsync<JsonElement>("/api/reports/overview", Token);
        Assert.Equal(overviewBefore.GetProperty("needs").ToString(), overviewAfter.GetProperty("needs").ToString());
        Assert.Equal(overviewBefore.GetProperty("challenges").ToString(), overviewAfter.GetProperty("challenges").ToString());
        Assert.Equal(overviewBefore.GetProperty("efforts").ToString(), overviewAfter.GetProperty("efforts").ToString());
    }

    [Fact]
    public async Task Projected_needs_append_count_changes_that_the_fold_adds_to_the_totals_without_changing_the_counts()
    {
        const string counts = """
            SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM (
                SELECT theme, status, counties, n FROM rm_need_counts WHERE n <> 0
                UNION ALL SELECT NULL, challenge_id::text, counties, n FROM rm_challenge_need_counts WHERE n <> 0) t
            """;
        const string recounted = """
            SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM (
                SELECT theme, status, counties, count(*) AS n FROM rm_needs WHERE reference IS NOT NULL GROUP BY 1, 2, 3
                UNION ALL SELECT NULL, challenge_id::text, counties, count(*) FROM rm_needs
                WHERE reference IS NOT NULL AND challenge_id IS NOT NULL AND status NOT IN ('rejected', 'withdrawn') GROUP BY 1, 2, 3) t
            """;
        const string changes = "SELECT (SELECT count(*) FROM rm_need_count_changes) + (SELECT count(*) FROM rm_challenge_need_count_changes)";
        var assignment = await app.AddAssignmentAsync(100_000m, Token);
        var scenario = new Scenario(assignment).Build();

        // No counter row is shared while projecting: every projected need only appends its changes.
        await using (var dataSource = NpgsqlDataSource.Create(app.DatabaseConnectionString))
        {
            await using var connection = await dataSource.OpenConnectionAsync(Token);
            await using var transaction = await connection.BeginTransactionAsync(Token);
            await EventLog.RecordAsync(transaction, scenario.Events.OfType<NeedSubmitted>().First(), Token);
            await using var locked = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = pg_backend_pid() AND c.relname LIKE 'rm_%count_totals%' AND l.mode <> 'AccessShareLock'",
                connection, transaction);
            Assert.Equal(0L, (long)(await locked.ExecuteScalarAsync(Token))!);
            await transaction.RollbackAsync(Token);
        }

        await app.ApplyAsync(scenario.Events);
        Assert.Equal(await app.TextAsync(recounted), await app.TextAsync(counts));

        await using (var dataSource = NpgsqlDataSource.Create(app.DatabaseConnectionString))
        {
            await NeedCountTotalsJob.AddChangesToTotalsAsync(dataSource, Token);
        }

        Assert.Equal("0", await app.TextAsync(changes));
        Assert.Equal(await app.TextAsync(recounted), await app.TextAsync(counts));
    }

    [Fact]
    public async Task Rebuilding_needs_a_coordinator_or_the_operator_key()
    {
        using var anonymous = await app.Client(null).PostAsync("/operations/read-models/rebuild", null, Token);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var reader = await app.Client("reader").PostAsync("/operations/read-models/rebuild", null, Token);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);

        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/operations/read-models/rebuild") { Headers = { { "X-Operator-Key", "guess" } } };
        using var guessed = await app.Client(null).SendAsync(wrongKey, Token);
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);

        using var withKey = new HttpRequestMessage(HttpMethod.Post, "/operations/read-models/rebuild") { Headers = { { "X-Operator-Key", ReportingApp.OperatorKey } } };
        using var operatorCall = await app.Client(null).SendAsync(withKey, Token);
        Assert.Equal(HttpStatusCode.OK, operatorCall.StatusCode);
    }

    private static string Without(string json, string property)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(property);
        return node.ToJsonString();
    }
}
