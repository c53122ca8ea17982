using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.NeedsIntake.Tests;

[CollectionDefinition(nameof(ExclusiveWrites), DisableParallelization = true)]
public sealed class ExclusiveWrites;

/// <summary>Compares whole-table counts, so these run alone.</summary>
[Collection(nameof(ExclusiveWrites))]
public sealed class MalformedInputTests(NeedsIntakeApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { """{"title": 5}""", "$.title" },
        { """{"title": "Bostäder", """, "\"$" },
        { """{"submittedByActorId": "not-a-guid"}""", "$.submittedByActorId" },
        { """{"municipalityCodes": "2582"}""", "$.municipalityCodes" },
        { """{"quantity": {"value": "many"}}""", "$.quantity.value" },
        { "[]", "$" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_json_is_400_and_writes_nothing(string json, string field)
    {
        using var coordinator = app.Client("coordinator");
        var before = await app.ScalarAsync("SELECT count(*) FROM needs");
        using var response = await coordinator.PostAsync("/api/needs", new StringContent(json, Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(before, await app.ScalarAsync("SELECT count(*) FROM needs"));
    }

    [Fact]
    public async Task Stem_statistics_are_counted_again_when_the_needs_have_grown()
    {
        var region = await app.RegisterActorAsync("region", Token);
        using var coordinator = app.Client("coordinator");
        using (var response = await ImportTests.ImportAsync(coordinator, ImportTests.DevNeedsFor(region)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var statistics = app.Services.GetServices<IHostedService>().OfType<Platform.NeedsIntake.Data.LexemeStatistics>().Single();
        await statistics.RefreshIfStaleAsync(Token);
        Assert.Equal(await app.ScalarAsync("SELECT count(*) FROM needs"), await app.ScalarAsync("SELECT needs FROM need_lexeme_totals"));
        Assert.True(await app.ScalarAsync("SELECT ndoc FROM need_lexemes WHERE lexeme = 'hyresrät'") >= 2);
        Assert.False(await statistics.RefreshIfStaleAsync(Token));
    }
}
