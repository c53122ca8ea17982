using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Client.Models;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Tests;

/// <summary>Every store outcome becomes the same HTTP answer in every service.</summary>
public sealed class WriteResultsTests
{
    private sealed record Thing(string Name, int Version) : IVersioned;

    private static readonly Thing Current = new("current", 7);

    [Fact]
    public void A_success_answers_with_the_resource_and_its_etag()
    {
        var response = new DefaultHttpContext().Response;

        var ok = Assert.IsType<Ok<Thing>>(WriteResult.Updated(Current).ToOk("Thing 1", response).Result);

        Assert.Same(Current, ok.Value);
        Assert.Equal("\"7\"", response.Headers.ETag.ToString());
        Assert.False(response.Headers.ContainsKey(WriteResults.IdempotentReplayHeader));
    }

    [Fact]
    public void A_creation_answers_201_with_its_location_and_a_replay_says_so()
    {
        var first = new DefaultHttpContext().Response;
        var created = Assert.IsType<Created<Thing>>(WriteResult.Created(Current).ToCreated("Thing 1", first, t => $"/things/{t.Name}").Result);
        Assert.Equal("/things/current", created.Location);
        Assert.False(first.Headers.ContainsKey(WriteResults.IdempotentReplayHeader));

        var again = new DefaultHttpContext().Response;
        Assert.IsType<Created<Thing>>(WriteResult.Replayed(Current).ToCreated("Thing 1", again, t => $"/things/{t.Name}").Result);
        Assert.Equal("true", again.Headers[WriteResults.IdempotentReplayHeader].ToString());

        Assert.IsType<Ok<Thing>>(WriteResult.Updated(Current).ToCreated("Thing 1", new DefaultHttpContext().Response, t => "/x").Result);
    }

    public static TheoryData<string, int> Failures => new()
    {
        { "not-found", StatusCodes.Status404NotFound },
        { "stale", StatusCodes.Status412PreconditionFailed },
        { "malformed", StatusCodes.Status400BadRequest },
        { "unknown-reference", StatusCodes.Status422UnprocessableEntity },
        { "conflict", StatusCodes.Status409Conflict },
        { "forbidden", StatusCodes.Status403Forbidden },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_is_one_problem_and_sets_no_etag(string outcome, int status)
    {
        var result = outcome switch
        {
            "not-found" => WriteResult.NotFound<Thing>(),
            "stale" => WriteResult.Stale(Current),
            "malformed" => WriteResult.Invalid<Thing>(new ValidationErrors { Malformed = { ["title"] = ["Title is required."] } }),
            "unknown-reference" => WriteResult.UnknownReference<Thing>("theme", "Theme 'x' is not known."),
            "conflict" => WriteResult.Conflict("The thing is closed.", "Thing 1 is archived.", Current),
            _ => WriteResult.Forbidden<Thing>("Only its owner changes it."),
        };
        var response = new DefaultHttpContext().Response;

        var problem = Assert.IsType<ProblemHttpResult>(result.ToOk("Thing 1", response).Result);

        Assert.Equal(status, problem.StatusCode);
        Assert.False(result.Succeeded);
        Assert.False(response.Headers.ContainsKey("ETag"));
        if (problem.ProblemDetails is HttpValidationProblemDetails validation)
        {
            Assert.Single(validation.Errors, error => error.Key is "title" or "theme");
        }
    }

    [Fact]
    public void Problems_name_the_resource_and_the_current_version()
    {
        Assert.Equal("Thing 1 was not found.", WriteResult.NotFound<Thing>().Problem("Thing 1")!.ProblemDetails.Title);
        Assert.Contains("\"7\"", WriteResult.Stale(Current).Problem("Thing 1")!.ProblemDetails.Detail);
        Assert.Equal("The thing is closed.", WriteResult.Conflict("The thing is closed.", "Thing 1 is archived.", Current).Problem("Thing 1")!.ProblemDetails.Title);
        Assert.Null(WriteResult.Created(Current).Problem("Thing 1"));
    }
}
