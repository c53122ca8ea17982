using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Platform.IntegrationTests;

/// <summary>A company's confidential need, read by every role through every path that shows challenges.</summary>
public sealed class ConfidentialityTests(PlatformFixture platform)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Invented words: the need shares features with no other need of the tests, so it opens a challenge of its own.
    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => new string([.. Enumerable.Range(0, 9).Select(_ => (char)('a' + Random.Shared.Next(26)))])));

    private async Task<Guid> RegisterCompanyAsync(HttpClient coordinator, string name)
    {
        using var response = await coordinator.PostAsJsonAsync("/api/actors", new { name, kind = "company" }, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task No_role_but_coordinators_agencies_and_the_company_reads_a_confidential_need_in_challenges_or_reports()
    {
        using var coordinator = await platform.CreateGatewayClientAsync("coordinator", null, Token);
        var company = await RegisterCompanyAsync(coordinator, $"Hemligbolaget {Guid.NewGuid():N}");
        var rival = await RegisterCompanyAsync(coordinator, $"Konkurrenten {Guid.NewGuid():N}");
        var gallivare = await platform.MunicipalityActorAsync("2523", Token);
        var secretWord = Words(1);
        var body = new
        {
            title = $"{secretWord} {Words(3)}",
            description = $"{Words(6)} {secretWord} {Words(6)}",
            theme = "housing",
            municipalityCodes = new[] { "2580", "2582" },
            urgency = "high",
            identifiedOn = "2023-11-06", // in KN2023/03505's period, which its final report covers
        };

        using var submitter = await platform.CreateGatewayClientAsync("actor", company, Token);
        JsonElement need = default;
        await Wait.UntilAsync(async () =>
        {
            using var response = await submitter.PostAsJsonAsync("/api/needs", body, Token);
            need = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
            return response.StatusCode == HttpStatusCode.Created;
        }, EventTimeout, "the company in needs-intake's actor replica", Token);
        var needId = need.GetProperty("id").GetGuid();

        Guid challengeId = default;
        await Wait.UntilAsync(async () =>
        {
            var linked = await submitter.GetFromJsonAsync<JsonElement>($"/api/needs/{needId}", Token);
            return linked.TryGetProperty("challengeId", out var id) && id.ValueKind == JsonValueKind.String && (challengeId = id.GetGuid()) != default;
        }, EventTimeout, "the need linked to a challenge", Token);

        await platform.ReportChallengeUnderTheAssignmentAsync(challengeId, Token);
        using var reader = await platform.CreateGatewayClientAsync("reader", null, Token);
        await Wait.UntilAsync(async () =>
        {
            var report = await reader.GetFromJsonAsync<JsonElement>("/api/reports/final?assignment=KN2023%2F03505&format=json", Token);
            return report.GetProperty("challenges").EnumerateArray().Any(line => line.GetProperty("id").GetGuid() == challengeId && line.GetProperty("needCount").GetInt64() >= 1);
        }, EventTimeout, "the challenge and its need in the final report", Token);

        // A frozen version holds the report as it read with the need in it. Another test may freeze the assignment at the
        // same moment (409, nothing stored): freeze again, as a coordinator would.
        var version = 0;
        await Wait.UntilAsync(async () =>
        {
            using var frozen = await coordinator.PostAsync("/api/reports/final/versions?assignment=KN2023%2F03505", null, Token);
            Assert.True(frozen.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"freezing: {(int)frozen.StatusCode}");
            if (frozen.StatusCode == HttpStatusCode.Created)
            {
                version = (await frozen.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("version").GetProperty("number").GetInt32();
            }

            return version > 0;
        }, EventTimeout, "a frozen version of the final report", Token);

        using var other = await platform.CreateGatewayClientAsync("actor", rival, Token);
        using var municipality = await platform.CreateGatewayClientAsync("actor", gallivare, Token);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string[] paths =
        [
            $"/api/challenges/{challengeId}",
            "/api/challenges?theme=housing&pageSize=100",
            $"/api/challenges?q={secretWord}&pageSize=100",
            .. new[] { "json", "html", "md", "csv", "pdf" }.SelectMany(format => new[]
            {
                $"/api/reports/final?assignment=KN2023%2F03505&format={format}",
                $"/api/reports/progress?assignment=KN2023%2F03505&from=2023-06-22&to={today}&format={format}",
                $"/api/reports/final/versions/{version}?assignment=KN2023%2F03505&format={format}",
            }),
        ];
        foreach (var (role, client) in new[] { ("reader", reader), ("another company", other), ("a municipality", municipality), ("coordinator", coordinator) })
        {
            foreach (var path in paths)
            {
                using var response = await client.GetAsync(path, Token);
                var text = response.Content.Headers.ContentType?.MediaType == "application/pdf"
                    ? PdfText(await response.Content.ReadAsByteArrayAsync(Token))
                    : await response.Content.ReadAsStringAsync(Token);
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    continue;
                }

                Assert.True(response.IsSuccessStatusCode, $"{role} {path}: {(int)response.StatusCode} {text}");
                Assert.DoesNotContain(secretWord, text, StringComparison.Ordinal);
            }
        }

        // The audit trail tells the need's changes to coordinators and to the company itself, to no one else in any form.
        await Wait.UntilAsync(async () => (await submitter.GetStringAsync($"/api/audit?id={needId}", Token)).Contains(secretWord, StringComparison.Ordinal),
            EventTimeout, "the company's need in its own audit trail", Token);
        Assert.Contains(secretWord, await coordinator.GetStringAsync($"/api/audit?entity=need&id={needId}&format=csv", Token), StringComparison.Ordinal);
        string[] auditPaths = [$"/api/audit?id={needId}", "/api/audit?entity=need&pageSize=100", $"/api/audit?actor={company}", $"/api/audit?id={needId}&format=csv"];
        foreach (var (role, client) in new[] { ("reader", reader), ("another company", other), ("a municipality", municipality) })
        {
            foreach (var path in auditPaths)
            {
                using var response = await client.GetAsync(path, Token);
                var text = await response.Content.ReadAsStringAsync(Token);
                Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Forbidden, $"{role} {path}: {(int)response.StatusCode} {text}");
                Assert.DoesNotContain(secretWord, text, StringComparison.Ordinal);
            }
        }

        var challenge = await reader.GetFromJsonAsync<JsonElement>($"/api/challenges/{challengeId}", Token);
        Assert.Equal("Bostäder: Boden, Luleå", challenge.GetProperty("title").GetString());

        // The need itself stays readable to those who may read it, and hidden (404) from the others.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/needs/{needId}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/needs/{needId}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await municipality.GetAsync($"/api/needs/{needId}", Token)).StatusCode);
    }

    /// <summary>The words a PDF shows, in order (its bytes are compressed, so a search of them finds nothing).</summary>
    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPages().SelectMany(page => page.GetWords()).Select(word => word.Text));
    }
}
