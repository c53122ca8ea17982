using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Client.Models;
using Platform.Testing;

namespace Platform.Reporting.Tests;

/// <summary>
/// An assignment's budget plan per cost type: coordinators save the whole plan as versions under If-Match, never more
/// than the budget; the financial account and every format set it against the outcome; a saved version never changes.
/// </summary>
public sealed class BudgetPlanTests(ReportingApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string assignment, object body, string? ifMatch) =>
        client.SendJsonAsync(HttpMethod.Put, $"/api/budget-plans?assignment={Uri.EscapeDataString(assignment)}", body, ifMatch, Token);

    [Fact]
    public async Task A_coordinator_plans_the_budget_per_cost_type_and_the_account_sets_it_against_the_outcome()
    {
        var assignment = await app.AddAssignmentAsync(100_000m, Token);
        var query = $"assignment={Uri.EscapeDataString(assignment)}";
        using var reader = app.Client("reader");
        var none = (await reader.GetFromJsonAsync<BudgetPlan>($"/api/budget-plans?{query}", Json, Token))!;
        Assert.Equal((0, 0), (none.Version, none.Lines.Count));

        using var coordinator = app.Client("coordinator");
        using var saved = await PutAsync(coordinator, assignment, new
        {
            lines = new[] { new { category = "agency:staff", amountSek = 10_000.50m }, new { category = "transfer", amountSek = 60_000m } },
        }, "\"0\"");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"1\"", saved.Headers.ETag!.Tag);
        var plan = (await saved.Content.ReadFromJsonAsync<BudgetPlan>(Json, Token))!;
        // In the order of the cost types: the efforts' categories first, the agency's own after them.
        Assert.Equal([new BudgetPlanLine("transfer", 60_000m), new BudgetPlanLine("agency:staff", 10_000.50m)], plan.Lines);
        Assert.Equal((1, 70_000.50m), (plan.Version, plan.TotalSek));

        using var stale = await PutAsync(coordinator, assignment, new { lines = new[] { new { category = "travel", amountSek = 1m } } }, "\"0\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var revised = await PutAsync(coordinator, assignment, new
        {
            lines = new[] { new { category = "transfer", amountSek = 60_000m }, new { category = "agency:staff", amountSek = 15_000m } },
        }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);

        using var cost = await coordinator.PostAsJsonAsync($"/api/costs?{query}", new { date = "2024-05-02", amountSek = 16_000.25m, category = "staff" }, Token);
        Assert.Equal(HttpStatusCode.Created, cost.StatusCode);

        var finance = (await reader.GetFromJsonAsync<FinanceReport>($"/api/reports/finance?{query}", Json, Token))!;
        Assert.Equal(2, finance.BudgetPlanVersion);
        Assert.Equal(
            [new CostTypeOutcome("transfer", 60_000m, 0m, 60_000m), new CostTypeOutcome("agency:staff", 15_000m, 16_000.25m, -1_000.25m)],
            finance.ByCostType);
        var markdown = await reader.GetStringAsync($"/api/reports/final?{query}&format=md", Token);
        Assert.Contains("| Transfereringar till andra aktörer | 60\u00a0000,00 | 0,00 | 60\u00a0000,00 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Egen personal | 15\u00a0000,00 | 16\u00a0000,25 | -1\u00a0000,25 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Totalt | 75\u00a0000,00 | 16\u00a0000,25 | 58\u00a0999,75 |", markdown, StringComparison.Ordinal);
        Assert.Contains("Budget enligt budgetplan version 2.", markdown, StringComparison.Ordinal);

        var versions = (await reader.GetFromJsonAsync<PagedResult<BudgetPlan>>($"/api/budget-plans/versions?{query}", Json, Token))!;
        Assert.Equal([2, 1], versions.Items.Select(version => version.Version));
        Assert.Equal(10_000.50m, versions.Items[1].Lines.Single(line => line.Category == "agency:staff").AmountSek);

        await using var connection = new NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync(Token);
        foreach (var sql in new[] { "UPDATE budget_plans SET total_sek = 1 WHERE assignment = @assignment", "DELETE FROM budget_plans WHERE assignment = @assignment" })
        {
            await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new("assignment", assignment) } };
            Assert.Contains("never changed or removed", (await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Token))).MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_plan_is_refused_naming_the_field_and_saves_nothing()
    {
        var assignment = await app.AddAssignmentAsync(1_000m, Token);
        using var coordinator = app.Client("coordinator");
        foreach (var (client, reference, body, ifMatch, status, field) in new (HttpClient, string, object, string?, HttpStatusCode, string?)[]
        {
            (coordinator, assignment, new { lines = new[] { new { category = "travel", amountSek = 1_000.01m } } }, "\"0\"", HttpStatusCode.BadRequest, "lines"),
            (coordinator, assignment, new { lines = Array.Empty<object>() }, "\"0\"", HttpStatusCode.BadRequest, "lines"),
            (coordinator, assignment, new { lines = new[] { new { category = "lunch", amountSek = 10m } } }, "\"0\"", HttpStatusCode.BadRequest, "lines[0].category"),
            (coordinator, assignment, new { lines = new[] { new { category = "travel", amountSek = 10m }, new { category = "travel", amountSek = 20m } } }, "\"0\"",
                HttpStatusCode.BadRequest, "lines[1].category"),
            (coordinator, assignment, new { lines = new[] { new { category = "travel", amountSek = 10.001m } } }, "\"0\"", HttpStatusCode.BadRequest, "lines[0].amountSek"),
            (coordinator, assignment, new { lines = new[] { new { category = "travel", amountSek = 0m } } }, "\"0\"", HttpStatusCode.BadRequest, "lines[0].amountSek"),
            (coordinator, assignment, new { lines = new[] { new { category = "travel", amountSek = 10m } } }, null, HttpStatusCode.PreconditionRequired, null),
            (coordinator, "KN1999/00001", new { lines = new[] { new { category = "travel", amountSek = 10m } } }, "\"0\"", HttpStatusCode.UnprocessableEntity, "assignment"),
            (app.Client("reader"), assignment, new { lines = new[] { new { category = "travel", amountSek = 10m } } }, "\"0\"", HttpStatusCode.Forbidden, null),
        })
        {
            using var refused = await PutAsync(client, reference, body, ifMatch);
            Assert.Equal(status, refused.StatusCode);
            if (field is not null)
            {
                Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty(field, out _), field);
            }
        }

        Assert.Equal(0, await app.ScalarAsync("SELECT count(*) FROM budget_plans WHERE assignment = $1", assignment));
    }
}
