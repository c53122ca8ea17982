using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Tests;

/// <summary>The validation filter: a handler runs only with a body its request type's validator accepted.</summary>
public sealed class RequestValidationTests : IAsyncLifetime
{
    public sealed record Greeting(string? Name, string? Friend);

    private sealed class GreetingValidator : IRequestValidator<Greeting>
    {
        public ValueTask ValidateAsync(Greeting request, ValidationErrors errors, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(request.Name))
            {
                errors.Malformed["name"] = ["Name is required."];
            }

            if (request.Friend == "nobody")
            {
                errors.UnknownReferences["friend"] = ["Friend 'nobody' is not known."];
            }

            return ValueTask.CompletedTask;
        }
    }

    private WebApplication app = null!;
    private HttpClient client = null!;
    private int handled;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddProblemDetails();
        builder.Services.AddRequestValidator<Greeting, GreetingValidator>();
        app = builder.Build();
        app.MapPost("/greetings", (Greeting? greeting) =>
        {
            Interlocked.Increment(ref handled);
            return TypedResults.Ok($"Hello {greeting!.Name}");
        }).Validates<Greeting>();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_body_reaches_the_handler()
    {
        using var response = await client.PostAsJsonAsync("/greetings", new Greeting("Kiruna", null), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, handled);
    }

    [Theory]
    [InlineData("{\"friend\":\"x\"}", HttpStatusCode.BadRequest, "name")]
    [InlineData("{\"name\":\"Kiruna\",\"friend\":\"nobody\"}", HttpStatusCode.UnprocessableEntity, "friend")]
    [InlineData("null", HttpStatusCode.BadRequest, "body")]
    public async Task A_rejected_body_is_a_problem_naming_the_field_and_never_reaches_the_handler(string body, HttpStatusCode status, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/greetings", content, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        Assert.Equal(0, handled);
    }
}
