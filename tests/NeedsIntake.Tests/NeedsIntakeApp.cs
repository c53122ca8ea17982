using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.NeedsIntake.Data;
using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.NeedsIntake.Tests.NeedsIntakeApp))]

namespace Platform.NeedsIntake.Tests;

/// <summary>The real needs-intake service over real PostgreSQL and RabbitMQ, shared by this assembly's tests.</summary>
public sealed class NeedsIntakeApp : ServiceFixture<NeedStore>
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    protected override string DatabaseName => NeedsIntakeExtensions.DatabaseName;

    /// <summary>Publishes an event through RabbitMQ, as its owning service would (message id = event id).</summary>
    public async Task PublishAsync<T>(T @event, CancellationToken cancellationToken)
        where T : class, IIntegrationEvent
    {
        var bus = Services.GetRequiredService<IBusControl>();
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, EventTimeout);
        await bus.Publish(@event, context => context.MessageId = @event.EventId, cancellationToken);
    }

    /// <summary>An actor the registry announced, once needs-intake's replica has it.</summary>
    public async Task<Guid> RegisterActorAsync(string kind, CancellationToken cancellationToken, string? name = null)
    {
        var id = Guid.CreateVersion7();
        await PublishAsync(new ActorRegistered { ActorId = id, Name = name ?? $"Test {kind} {id:N}", Kind = kind, OccurredAt = DateTimeOffset.UtcNow }, cancellationToken);
        await Wait.UntilAsync(async () => await ScalarAsync("SELECT count(*) FROM actors WHERE id = $1", id) == 1, EventTimeout, $"actor {id} in the replica", cancellationToken);
        return id;
    }

    /// <summary>Submits a valid need as a coordinator for <paramref name="actorId"/>, overriding fields with <paramref name="with"/>.</summary>
    public async Task<JsonElement> SubmitAsync(Guid actorId, CancellationToken cancellationToken, string? title = null, string? description = null, string theme = "housing", string[]? municipalities = null)
    {
        using var coordinator = Client("coordinator");
        using var response = await coordinator.PostAsJsonAsync("/api/needs", NeedBody(actorId, title, description, theme, municipalities), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    public static Dictionary<string, object?> NeedBody(Guid actorId, string? title = null, string? description = null, string theme = "housing", string[]? municipalities = null) => new()
    {
        ["title"] = title ?? "Fler hyresrätter för nyanställda i Boden",
        ["description"] = description ?? "Boden behöver cirka 300 nya hyresrätter när stålverket anställer. Byggkostnaderna gör hyrorna för höga för nyanställda.",
        ["theme"] = theme,
        ["submittedByActorId"] = actorId,
        ["municipalityCodes"] = municipalities ?? ["2582"],
        ["quantity"] = new { value = 300, unit = "lägenheter" },
        ["neededBy"] = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["urgency"] = "high",
    };

    public Task WaitForEventAsync(string type, string key, Guid id, CancellationToken cancellationToken, int count = 1) =>
        Wait.UntilAsync(
            async () => await ScalarAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.' || $1 AND payload->>$2 = $3", type, key, id.ToString()) >= count,
            EventTimeout, $"{type} for {id} in the outbox", cancellationToken);
}
