using System.Net;
using System.Text;

namespace Platform.NeedsIntake.Tests;

[CollectionDefinition(nameof(MalformedInputTests), DisableParallelization = true)]
public sealed class MalformedInputCollection;

/// <summary>Compares whole-table counts, so it runs alone.</summary>
[Collection(nameof(MalformedInputTests))]
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
}
