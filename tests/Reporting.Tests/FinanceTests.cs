using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Client.Models;

namespace Platform.Reporting.Tests;

public sealed class FinanceTests(ReportingApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Finance_is_exact_to_the_ore_on_awkward_amounts_and_counts_only_the_budget_year()
    {
        var assignment = await app.AddAssignmentAsync(1_000_000.40m, Token);
        var scenario = new Scenario(assignment).Build();
        await app.ApplyAsync(scenario.Events);

        using var client = app.Client("reader");
        var finance = await client.GetFromJsonAsync<JsonElement>($"/api/reports/finance?assignment={Uri.EscapeDataString(assignment)}", Token);
        Assert.Equal(assignment, finance.GetProperty("assignment").GetString());
        Assert.Equal(1_000_000.40m, finance.GetProperty("budgetSek").GetDecimal());
        Assert.Equal(Scenario.Spent, finance.GetProperty("spentSek").GetDecimal());
        Assert.Equal(333_333.37m, finance.GetProperty("remainingSek").GetDecimal());
        Assert.Equal(2024, finance.GetProperty("budgetYear").GetInt32());

        // The 2025 consultancy and travel are outside the budget year: listed apart, in no outcome figure.
        var byCategory = finance.GetProperty("byCategory").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!, c => c.GetProperty("spentSek").GetDecimal());
        Assert.Equal(["events", "personnel"], byCategory.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(666_666.66m, byCategory["personnel"]);
        Assert.Equal(0.37m, byCategory["events"]);
        Assert.Equal(Scenario.Spent, byCategory.Values.Sum());
        var outside = finance.GetProperty("outsideBudgetYear").EnumerateArray().ToList();
        Assert.Equal([(new DateOnly(2025, 3, 1), "consultancy", 333_333.33m), (new DateOnly(2025, 4, 1), "travel", 0.01m)],
            outside.Select(x => (DateOnly.Parse(x.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture), x.GetProperty("category").GetString(), x.GetProperty("amountSek").GetDecimal())));
        Assert.Equal(Scenario.SpentOutsideBudgetYear, finance.GetProperty("outsideBudgetYearSek").GetDecimal());

        var byEffort = finance.GetProperty("byEffort").EnumerateArray().ToDictionary(e => e.GetProperty("effortId").GetGuid());
        Assert.Equal(666_666.66m, byEffort[scenario.Effort1].GetProperty("spentSek").GetDecimal());
        Assert.False(byEffort[scenario.Effort1].GetProperty("overBudget").GetBoolean());
        Assert.Equal(0.37m, byEffort[scenario.Effort2].GetProperty("spentSek").GetDecimal());
        Assert.True(byEffort[scenario.Effort2].GetProperty("overBudget").GetBoolean());
        Assert.Equal(1, finance.GetProperty("overBudgetEfforts").GetInt32());
    }

    [Fact]
    public async Task Finance_for_a_period_counts_its_spending_and_what_remains_at_its_end()
    {
        var assignment = await app.AddAssignmentAsync(2_000_000m, Token);
        await app.ApplyAsync(new Scenario(assignment).Build().Events);

        using var client = app.Client("reader");
        var finance = await client.GetFromJsonAsync<JsonElement>($"/api/reports/finance?assignment={Uri.EscapeDataString(assignment)}&from=2024-01-01&to=2024-12-31", Token);
        Assert.Equal(666_667.03m, finance.GetProperty("spentSek").GetDecimal());
        Assert.Equal(666_667.03m, finance.GetProperty("spentToDateSek").GetDecimal());
        Assert.Equal(1_333_332.97m, finance.GetProperty("remainingSek").GetDecimal());

        var later = await client.GetFromJsonAsync<JsonElement>($"/api/reports/finance?assignment={Uri.EscapeDataString(assignment)}&from=2025-01-01&to=2025-12-31", Token);
        // 2025 is outside the budget year: nothing of it is outcome, all of it is listed apart.
        Assert.Equal(0m, later.GetProperty("spentSek").GetDecimal());
        Assert.Equal(Scenario.Spent, later.GetProperty("spentToDateSek").GetDecimal());
        Assert.Equal(Scenario.SpentOutsideBudgetYear, later.GetProperty("outsideBudgetYearSek").GetDecimal());
        Assert.Equal(0m, finance.GetProperty("outsideBudgetYearSek").GetDecimal());
        Assert.Single(later.GetProperty("byEffort").EnumerateArray());
    }

    [Fact]
    public async Task Money_passed_on_to_other_actors_is_its_own_line_of_the_account()
    {
        var assignment = await app.AddAssignmentAsync(100_000m, Token);
        var effort = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await app.ApplyAsync(
        [
            new Platform.Contracts.Challenges.EffortLaunched
            {
                EffortId = effort, Title = "Stöd till kommunernas bostadsplanering", ChallengeIds = [], LeadActorId = Guid.CreateVersion7(), Status = "ongoing",
                StartDate = new DateOnly(2024, 1, 1), EndDate = new DateOnly(2024, 12, 31), BudgetSek = 60_000m, FundingAssignment = assignment, OccurredAt = now,
            },
            new Platform.Contracts.Challenges.ExpenditureRecorded
            {
                ExpenditureId = Guid.CreateVersion7(), EffortId = effort, Date = new DateOnly(2024, 4, 1), AmountSek = 50_000m, Category = "transfer",
                FundingAssignment = assignment, OccurredAt = now,
            },
        ]);

        using var client = app.Client("reader");
        var markdown = await client.GetStringAsync($"/api/reports/final?assignment={Uri.EscapeDataString(assignment)}&format=md", Token);
        Assert.Contains("| Transfereringar till andra aktörer | 0,00 | 50\u00a0000,00 | -50\u00a0000,00 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reversing_entry_zeroes_its_expenditure_in_the_period_the_original_belongs_to()
    {
        var assignment = await app.AddAssignmentAsync(100_000m, Token);
        Guid effort = Guid.CreateVersion7(), original = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await app.ApplyAsync(
        [
            new Platform.Contracts.Challenges.EffortLaunched
            {
                EffortId = effort, Title = "Kompetenslyft för processindustrin", ChallengeIds = [], LeadActorId = Guid.CreateVersion7(), Status = "ongoing",
                StartDate = new DateOnly(2024, 1, 1), EndDate = new DateOnly(2024, 12, 31), BudgetSek = 60_000m, FundingAssignment = assignment, OccurredAt = now,
            },
            new Platform.Contracts.Challenges.ExpenditureRecorded
            {
                ExpenditureId = original, EffortId = effort, Date = new DateOnly(2024, 3, 10), AmountSek = 20_000.40m, Category = "consultancy",
                FundingAssignment = assignment, OccurredAt = now,
            },
            new Platform.Contracts.Challenges.ExpenditureRecorded
            {
                ExpenditureId = Guid.CreateVersion7(), EffortId = effort, Date = new DateOnly(2024, 3, 10), AmountSek = 20_000.40m, Category = "consultancy",
                FundingAssignment = assignment, OccurredAt = now.AddMinutes(1),
            },
            // The duplicate is reversed months later; the reversal carries the original's day.
            new Platform.Contracts.Challenges.ExpenditureRecorded
            {
                ExpenditureId = Guid.CreateVersion7(), EffortId = effort, Date = new DateOnly(2024, 3, 10), AmountSek = -20_000.40m, Category = "consultancy",
                FundingAssignment = assignment, ReversesExpenditureId = original, Reason = "Registrerad två gånger", OccurredAt = now.AddDays(90),
            },
        ]);

        using var client = app.Client("reader");
        var query = $"assignment={Uri.EscapeDataString(assignment)}";
        var march = (await client.GetFromJsonAsync<FinanceReport>($"/api/reports/finance?{query}&from=2024-03-01&to=2024-03-31", Json, Token))!;
        Assert.Equal((20_000.40m, 20_000.40m), (march.SpentSek, Assert.Single(march.ByEffort).SpentSek));
        Assert.Equal(new CategorySpending("consultancy", 20_000.40m), Assert.Single(march.ByCategory));
        var year = (await client.GetFromJsonAsync<FinanceReport>($"/api/reports/finance?{query}", Json, Token))!;
        Assert.Equal(79_999.60m, year.RemainingSek);
    }

    [Fact]
    public async Task An_own_cost_sent_twice_with_one_key_is_recorded_once()
    {
        var assignment = await app.AddAssignmentAsync(100_000m, Token);
        var path = $"/api/costs?assignment={Uri.EscapeDataString(assignment)}";
        using var coordinator = app.Client("coordinator");
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> SendAsync(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            return await coordinator.SendAsync(request, Token);
        }

        var body = new { date = "2024-05-02", amountSek = 3_200m, category = "travel" };
        using var first = await SendAsync(body);
        using var again = await SendAsync(body);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        using var changed = await SendAsync(body with { amountSek = 3_300m });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM agency_costs WHERE assignment = $1", assignment));
    }

    [Fact]
    public async Task The_agencys_own_costs_count_in_the_account_apart_from_the_efforts_and_are_never_changed()
    {
        var assignment = await app.AddAssignmentAsync(100_000m, Token);
        var query = $"assignment={Uri.EscapeDataString(assignment)}";
        using var coordinator = app.Client("coordinator");
        using var staff = await coordinator.PostAsJsonAsync($"/api/costs?{query}", new { date = "2024-03-01", amountSek = 12_345.67m, category = "staff", description = "Samordnare 20 %" }, Token);
        Assert.Equal(HttpStatusCode.Created, staff.StatusCode);
        Assert.StartsWith("/api/costs/", staff.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var travel = await coordinator.PostAsJsonAsync($"/api/costs?{query}", new { date = "2025-01-10", amountSek = 500m, category = "travel" }, Token);
        Assert.Equal(HttpStatusCode.Created, travel.StatusCode);

        foreach (var (client, path, body, status, field) in new (HttpClient, string, object, HttpStatusCode, string?)[]
        {
            (coordinator, $"/api/costs?{query}", new { date = "2024-03-01", amountSek = 0m, category = "staff" }, HttpStatusCode.BadRequest, "amountSek"),
            (coordinator, $"/api/costs?{query}", new { date = "2024-03-01", amountSek = 10.001m, category = "staff" }, HttpStatusCode.BadRequest, "amountSek"),
            (coordinator, $"/api/costs?{query}", new { date = "2024-02-30", amountSek = 10m, category = "staff" }, HttpStatusCode.BadRequest, "date"),
            (coordinator, $"/api/costs?{query}", new { date = "2024-03-01", amountSek = 10m, category = "lunch" }, HttpStatusCode.BadRequest, "category"),
            (coordinator, "/api/costs?assignment=KN1999%2F00001", new { date = "2024-03-01", amountSek = 10m, category = "staff" }, HttpStatusCode.UnprocessableEntity, "assignment"),
            (app.Client("reader"), $"/api/costs?{query}", new { date = "2024-03-01", amountSek = 10m, category = "staff" }, HttpStatusCode.Forbidden, null),
        })
        {
            using var refused = await client.PostAsJsonAsync(path, body, Token);
            Assert.Equal(status, refused.StatusCode);
            if (field is not null)
            {
                Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").TryGetProperty(field, out _), field);
            }
        }

        Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM agency_costs WHERE assignment = $1", assignment));
        using var reader = app.Client("reader");
        Assert.Equal(2, (await reader.GetFromJsonAsync<JsonElement>($"/api/costs?{query}", Token)).GetProperty("total").GetInt32());
        var finance = await reader.GetFromJsonAsync<JsonElement>($"/api/reports/finance?{query}", Token);
        Assert.Equal(12_345.67m, finance.GetProperty("spentSek").GetDecimal());
        Assert.Equal(12_345.67m, finance.GetProperty("agencyCostsSek").GetDecimal());
        Assert.Equal(87_654.33m, finance.GetProperty("remainingSek").GetDecimal());
        Assert.Contains(finance.GetProperty("byCategory").EnumerateArray(), c => c.GetProperty("category").GetString() == "agency:staff" && c.GetProperty("spentSek").GetDecimal() == 12_345.67m);
        var outside = Assert.Single(finance.GetProperty("outsideBudgetYear").EnumerateArray());
        Assert.Equal(("Tillväxtverkets egna kostnader", 500m), (outside.GetProperty("effort").GetString(), outside.GetProperty("amountSek").GetDecimal()));
        var markdown = await reader.GetStringAsync($"/api/reports/final?{query}&format=md", Token);
        Assert.Contains("| Egen personal | 0,00 | 12\u00a0345,67 | -12\u00a0345,67 |", markdown, StringComparison.Ordinal);

        await using var connection = new Npgsql.NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync(Token);
        await using var update = new Npgsql.NpgsqlCommand("UPDATE agency_costs SET amount_sek = 1 WHERE assignment = @assignment", connection) { Parameters = { new("assignment", assignment) } };
        Assert.Contains("never changed or removed", (await Assert.ThrowsAsync<Npgsql.PostgresException>(() => update.ExecuteNonQueryAsync(Token))).MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seeded_assignment_is_KN2023_03505_with_four_million_kronor()
    {
        using var client = app.Client("reader");
        var assignment = await client.GetFromJsonAsync<JsonElement>("/api/assignments/KN2023/03505", Token);
        Assert.Equal(new DateOnly(2023, 6, 22), DateOnly.Parse(assignment.GetProperty("decisionDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateOnly(2024, 1, 31), DateOnly.Parse(assignment.GetProperty("reportDueDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4_000_000m, assignment.GetProperty("budgetSek").GetDecimal());
        Assert.Equal(2023, assignment.GetProperty("budgetYear").GetInt32());
        Assert.Contains("1:4", assignment.GetProperty("appropriation").GetString(), StringComparison.Ordinal);
        Assert.Contains("24", assignment.GetProperty("expenditureArea").GetString(), StringComparison.Ordinal);

        using var encoded = await client.GetAsync("/api/assignments/KN2023%2F03505", Token);
        Assert.Equal(HttpStatusCode.OK, encoded.StatusCode);
        var finance = await client.GetFromJsonAsync<JsonElement>("/api/reports/finance?assignment=KN2023%2F03505", Token);
        Assert.Equal(4_000_000m, finance.GetProperty("budgetSek").GetDecimal());
    }

    [Theory]
    [InlineData("/api/reports/finance", "assignment")]
    [InlineData("/api/reports/finance?assignment=nonsense", "assignment")]
    [InlineData("/api/reports/finance?assignment=KN2023/03505&from=2024-13-01&to=2024-12-31", "from")]
    [InlineData("/api/reports/finance?assignment=KN2023/03505&from=2024-02-01&to=2024-01-01", "to")]
    [InlineData("/api/reports/final", "assignment")]
    [InlineData("/api/reports/final?assignment=KN2023/03505&format=docx", "format")]
    [InlineData("/api/reports/final?assignment=KN2023/03505&from=2024-01-01", "from")]
    [InlineData("/api/reports/progress?to=2024-12-31", "from")]
    [InlineData("/api/reports/progress?from=2024-01-01", "to")]
    [InlineData("/api/reports/progress?from=2000-01-01&to=2024-12-31", "to")]
    public async Task Bad_report_parameters_are_400_naming_the_field(string path, string field)
    {
        using var client = app.Client("reader");
        using var response = await client.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name {field}: {problem}");
    }

    [Theory]
    [InlineData("/api/reports/finance?assignment=KN1999/00001")]
    [InlineData("/api/reports/final?assignment=KN1999/00001&format=html")]
    public async Task An_unknown_assignment_is_422(string path)
    {
        using var client = app.Client("reader");
        using var response = await client.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(problem.GetProperty("errors").TryGetProperty("assignment", out _));
    }
}
