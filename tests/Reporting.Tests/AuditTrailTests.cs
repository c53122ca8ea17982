using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Challenges;
using Platform.Contracts.Needs;

namespace Platform.Reporting.Tests;

/// <summary>
/// The audit trail: each change of a record with who made it and its fields before and after, newest first, for
/// coordinators; an actor's user sees its own records' trail and nothing else; CSV for an auditor.
/// </summary>
public sealed class AuditTrailTests(ReportingApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static List<IIntegrationEvent> Story(Guid effort, Guid need, Guid company, DateTimeOffset start) =>
    [
        new EffortLaunched
        {
            EffortId = effort, Title = "Kompetenslyft", ChallengeIds = [Guid.CreateVersion7()], LeadActorId = company, Status = "planned",
            StartDate = new DateOnly(2026, 1, 1), EndDate = new DateOnly(2026, 12, 31), BudgetSek = 100_000m, ChangedBy = "Anna Samordnare", OccurredAt = start,
        },
        new ExpenditureRecorded
        {
            ExpenditureId = Guid.CreateVersion7(), EffortId = effort, Date = new DateOnly(2026, 2, 1), AmountSek = 2_500m, Category = "travel",
            ChangedBy = "Anna Samordnare", OccurredAt = start.AddSeconds(1),
        },
        new EffortRevised
        {
            EffortId = effort, Version = 3, Title = "Kompetenslyft i Norrbotten", LeadActorId = company, StartDate = new DateOnly(2026, 1, 1),
            EndDate = new DateOnly(2026, 12, 31), BudgetSek = 150_000m, ChangedBy = "Bo Samordnare", OccurredAt = start.AddSeconds(2),
        },
        new NeedSubmitted
        {
            NeedId = need, Reference = "BEH-2026-777777", Title = "Hemlig utbyggnad", Description = "Konfidentiellt", Theme = "electricity",
            SubmittedByActorId = company, SubmitterKind = "company", MunicipalityCodes = ["2580"], CountyCodes = ["25"], Urgency = "high", Confidential = true,
            ChangedBy = "Företagets handläggare", ChangedByActorId = company, OccurredAt = start.AddSeconds(3),
        },
        new NeedTriaged
        {
            NeedId = need, Decision = "accept", Status = "accepted", Theme = "electricity", ChangedBy = "Anna Samordnare", OccurredAt = start.AddSeconds(4),
        },
    ];

    [Fact]
    public async Task An_edit_shows_who_and_each_field_before_and_after_newest_first()
    {
        var (effort, need, company) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await app.ApplyAsync(Story(effort, need, company, DateTimeOffset.UtcNow));

        using var coordinator = app.Client("coordinator");
        var trail = await coordinator.GetFromJsonAsync<JsonElement>($"/api/audit?entity=effort&id={effort}", Token);
        Assert.Equal(3, trail.GetProperty("total").GetInt32());
        var entries = trail.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["EffortRevised", "ExpenditureRecorded", "EffortLaunched"], entries.Select(entry => entry.GetProperty("action").GetString()));

        var revised = entries[0];
        Assert.Equal("Bo Samordnare", revised.GetProperty("by").GetString());
        var changes = revised.GetProperty("changes").EnumerateArray().ToDictionary(change => change.GetProperty("field").GetString()!);
        Assert.Equal("Kompetenslyft", changes["title"].GetProperty("before").GetString());
        Assert.Equal("Kompetenslyft i Norrbotten", changes["title"].GetProperty("after").GetString());
        Assert.Equal(100_000m, changes["budgetSek"].GetProperty("before").GetDecimal());
        Assert.Equal(150_000m, changes["budgetSek"].GetProperty("after").GetDecimal());
        Assert.False(changes.ContainsKey("startDate"), "unchanged fields are not changes");
        Assert.False(changes.ContainsKey("effortId"), "the record's id is not a field of it");

        // An expenditure adds an entry: what it adds, nothing before.
        var expenditure = entries[1].GetProperty("changes").EnumerateArray().ToDictionary(change => change.GetProperty("field").GetString()!);
        Assert.Equal(2_500m, expenditure["amountSek"].GetProperty("after").GetDecimal());
        Assert.Equal(JsonValueKind.Null, expenditure["amountSek"].GetProperty("before").ValueKind);

        // By actor: the company's records (its need) and the changes its users made.
        var byActor = await coordinator.GetFromJsonAsync<JsonElement>($"/api/audit?actor={company}", Token);
        Assert.Equal(["NeedTriaged", "NeedSubmitted"], byActor.GetProperty("items").EnumerateArray().Select(entry => entry.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task An_actor_sees_the_trail_of_its_own_records_only_and_a_reader_none()
    {
        var (effort, need, company) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await app.ApplyAsync(Story(effort, need, company, DateTimeOffset.UtcNow));

        using var own = app.Client("actor", company);
        var mine = await own.GetFromJsonAsync<JsonElement>("/api/audit", Token);
        var records = mine.GetProperty("items").EnumerateArray().Select(entry => entry.GetProperty("entityId").GetString()).Distinct().ToList();
        Assert.Equal([need.ToString()], records);
        Assert.Contains("Hemlig utbyggnad", mine.GetRawText(), StringComparison.Ordinal);

        // Another actor's user sees none of it: not the company's confidential need, not the effort.
        using var other = app.Client("actor", Guid.CreateVersion7());
        var theirs = await other.GetFromJsonAsync<JsonElement>($"/api/audit?id={need}", Token);
        Assert.Equal(0, theirs.GetProperty("total").GetInt32());
        using (var asked = await other.GetAsync($"/api/audit?actor={company}", Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, asked.StatusCode);
        }

        using var reader = app.Client("reader");
        using var refused = await reader.GetAsync($"/api/audit?id={need}", Token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("Hemlig", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trail_as_CSV_has_a_record_per_changed_field()
    {
        var (effort, need, company) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var story = Story(effort, need, company, DateTimeOffset.UtcNow);
        story[2] = ((EffortRevised)story[2]) with { Title = "=HYPERLINK(\"http://evil\")" };
        await app.ApplyAsync(story);

        using var coordinator = app.Client("coordinator");
        using var response = await coordinator.GetAsync($"/api/audit?entity=effort&id={effort}&format=csv", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = Rfc4180.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(["tidpunkt", "av", "för aktör", "post", "id", "händelse", "fält", "före", "efter"], rows[0]);
        var budget = Assert.Single(rows, row => row[5] == "EffortRevised" && row[6] == "budgetSek");
        Assert.Equal(["100000", "150000"], budget[7..]);
        var title = Assert.Single(rows, row => row[5] == "EffortRevised" && row[6] == "title");
        Assert.StartsWith("'=", title[8], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("entity=efforts", "entity")]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("from=2026-03-01&to=2026-02-01", "to")]
    [InlineData("format=pdf", "format")]
    [InlineData("pageSize=500", "pageSize")]
    public async Task Bad_queries_name_the_field(string query, string field)
    {
        using var coordinator = app.Client("coordinator");
        using var response = await coordinator.GetAsync($"/api/audit?{query}", Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }
}
