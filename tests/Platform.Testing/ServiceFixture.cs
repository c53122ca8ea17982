using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Actors;
using Platform.ServiceDefaults.Authentication;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// One real service (its Program, in Development) over real PostgreSQL and RabbitMQ, with a database of its own,
/// shared by a test assembly. <typeparamref name="TEntryPoint"/> is any type of the service's assembly.
/// </summary>
public abstract class ServiceFixture<TEntryPoint> : InfrastructureFixture, IAsyncLifetime
    where TEntryPoint : class
{
    private const string SigningKey = "service-tests-signing-key-0123456789abcdef";
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);
    private WebApplicationFactory<TEntryPoint>? _factory;

    /// <summary>The connection name the service reads its database from, e.g. <c>actorsdb</c>.</summary>
    protected abstract string DatabaseName { get; }

    public string DatabaseConnectionString { get; private set; } = string.Empty;

    public WebApplicationFactory<TEntryPoint> Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public IServiceProvider Services => Factory.Services;

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        DatabaseConnectionString = await CreateDatabaseAsync(CancellationToken.None);
        _factory = new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting($"ConnectionStrings:{DatabaseName}", DatabaseConnectionString);
            web.UseSetting("ConnectionStrings:messaging", BrokerConnectionString);
            web.UseSetting("Authentication:DevSigningKey", SigningKey);
            web.UseSetting("Messaging:RelayPollInterval", "00:00:00.200");
            Configure(web);
        });
        _ = _factory.Server; // starts the host: migrations, seeding, the bus
    }

    /// <summary>Settings of the service under test beyond its database, broker and signing key.</summary>
    protected virtual void Configure(IWebHostBuilder web)
    {
    }

    /// <summary>A client with a development token for the role (and actor); no token when <paramref name="role"/> is null.</summary>
    public HttpClient Client(string? role, Guid? actorId = null)
    {
        var client = Factory.CreateClient();
        if (role is not null)
        {
            var issuer = new DevTokenIssuer(Options.Create(new PlatformAuthenticationOptions { DevSigningKey = SigningKey }), TimeProvider.System);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Issue(role, actorId).AccessToken);
        }

        return client;
    }

    public Task<long> ScalarAsync(string sql, params object[] parameters) => Database.ScalarAsync(DatabaseConnectionString, sql, parameters);

    /// <summary>Publishes an event through RabbitMQ, as its owning service would (message id = event id).</summary>
    public async Task PublishAsync<T>(T @event, CancellationToken cancellationToken)
        where T : class, IIntegrationEvent
    {
        var bus = Services.GetRequiredService<IBusControl>();
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, EventTimeout);
        await bus.Publish(@event, context => context.MessageId = @event.EventId, cancellationToken);
    }

    /// <summary>An actor the registry announced, once the service's actor directory has it.</summary>
    public async Task<Guid> RegisterActorAsync(string kind, CancellationToken cancellationToken, string? name = null)
    {
        var id = Guid.CreateVersion7();
        await PublishAsync(new ActorRegistered { ActorId = id, Name = name ?? $"Test {kind} {id:N}", Kind = kind, OccurredAt = DateTimeOffset.UtcNow }, cancellationToken);
        await Wait.UntilAsync(async () => await ScalarAsync("SELECT count(*) FROM actors WHERE id = $1", id) == 1, EventTimeout, $"actor {id} in the directory", cancellationToken);
        return id;
    }

    /// <summary>Waits until the outbox holds <paramref name="count"/> events of <paramref name="type"/> whose <paramref name="key"/> is <paramref name="id"/>.</summary>
    public Task WaitForEventAsync(string type, string key, Guid id, CancellationToken cancellationToken, int count = 1) =>
        Wait.UntilAsync(
            async () => await ScalarAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.' || $1 AND payload->>$2 = $3", type, key, id.ToString()) >= count,
            EventTimeout, $"{type} for {id} in the outbox", cancellationToken);

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await DisposeAsync();
    }
}
