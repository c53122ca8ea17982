using System.Net;
using System.Net.Http.Json;

namespace Platform.Benchmarks;

/// <summary>
/// The web client's first server render (the whole HTML of a page, its data read through the gateway with the signed-in
/// person's token) at 10 concurrent users, each with a session of its own, through the gateway. Target: p95 at most
/// 300 ms. Baseline, in the same run and at the same concurrency: the API reads the page makes, straight through the
/// gateway, so the figure beside it is what rendering and the web hop add.
/// </summary>
public static class WebBenchmark
{
    private const int Users = 10;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(BenchmarkPlatform platform, BenchmarkReport report)
    {
        using var api = await platform.ClientAsync("gateway", "coordinator");
        await SeedNeedsAsync(api);
        var people = await Task.WhenAll(Enumerable.Range(0, Users).Select(_ => SignInAsync(api.BaseAddress!)));
        try
        {
            await MeasureAsync(report, people, api, "/behov", ["/api/needs?pageSize=20", "/api/themes", "/api/counties?pageSize=100", "/api/municipalities?pageSize=100"]);
            await MeasureAsync(report, people, api, "/", ["/api/reports/overview", "/api/themes", "/api/counties?pageSize=100", "/api/municipalities?pageSize=100",
                "/api/challenges?crossCounty=true&pageSize=6", "/api/lessons?published=true&pageSize=5", "/api/assignments?pageSize=20", "/api/reports/finance?assignment=KN2023%2F03505"]);
        }
        finally
        {
            foreach (var person in people)
            {
                person.Dispose();
            }
        }
    }

    private static async Task MeasureAsync(BenchmarkReport report, HttpClient[] people, HttpClient api, string page, string[] reads)
    {
        async Task<bool> Render(int i)
        {
            using var response = await people[i % Users].GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && html.Contains("</html>", StringComparison.Ordinal);
        }

        async Task<bool> Read(int _)
        {
            var answers = await Task.WhenAll(reads.Select(path => api.GetAsync(path)));
            var ok = answers.All(answer => answer.IsSuccessStatusCode);
            foreach (var answer in answers)
            {
                answer.Dispose();
            }

            return ok;
        }

        Console.WriteLine($"web: {page}: warm-up, then {Users} users for {Phase.TotalSeconds:N0} s, rendered and read through the API");
        await ClosedLoop.RunAsync(Users, TimeSpan.FromSeconds(5), Render);
        await ClosedLoop.RunAsync(Users, TimeSpan.FromSeconds(5), Read);
        var rendered = await ClosedLoop.RunAsync(Users, Phase, Render);
        var baseline = await ClosedLoop.RunAsync(Users, Phase, Read);
        report.Add(new("web", $"first server render of {page} at {Users} users ({rendered.AchievedPerSecond:N0} pages/s, {rendered.Errors} errors)",
            $"p95 {rendered.P95Ms:N0} ms, p50 {rendered.P50Ms:N0} ms", $"its {reads.Length} API reads at once: p95 {baseline.P95Ms:N0} ms, p50 {baseline.P50Ms:N0} ms",
            BenchmarkReport.Number(rendered.P95Ms / baseline.P95Ms, "N2"), "<= 300 ms p95", rendered.P95Ms <= 300 && rendered.Errors == 0 ? "met" : "missed"));
    }

    /// <summary>A person signed in to the web client (a development sign-in as a coordinator, with a session of its own).</summary>
    private static async Task<HttpClient> SignInAsync(Uri gateway)
    {
        var person = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = gateway };
        using var signIn = await person.GetAsync("/dev/signin?role=coordinator&returnUrl=%2F");
        signIn.EnsureSuccessStatusCode();
        return person;
    }

    /// <summary>Needs enough for full pages (the benchmark's platform starts without demo data).</summary>
    private static async Task SeedNeedsAsync(HttpClient api)
    {
        var lulea = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/actors?kind=municipality&municipality=2580"))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        for (var i = 0; i < 40; i++)
        {
            var (template, title, description, municipality) = NeedTexts.Generate(i);
            using var response = await api.PostAsJsonAsync("/api/needs", new
            {
                title,
                description,
                theme = template.Theme,
                municipalityCodes = new[] { municipality },
                urgency = "medium",
                submittedByActorId = lulea,
            });
        }
    }
}
