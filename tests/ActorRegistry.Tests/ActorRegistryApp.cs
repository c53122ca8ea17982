using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Authentication;
using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.ActorRegistry.Tests.ActorRegistryApp))]

namespace Platform.ActorRegistry.Tests;

/// <summary>The real actor-registry service over real PostgreSQL and RabbitMQ, shared by this assembly's tests.</summary>
public sealed class ActorRegistryApp : InfrastructureFixture, IAsyncLifetime
{
    private const string SigningKey = "actor-registry-tests-signing-key-0123456789abcdef";
    private WebApplicationFactory<Platform.ActorRegistry.Data.ActorStore>? _factory;

    public string DatabaseConnectionString { get; private set; } = string.Empty;

    public WebApplicationFactory<Platform.ActorRegistry.Data.ActorStore> Factory => _factory ?? throw new InvalidOperationException("Not started.");

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        DatabaseConnectionString = await CreateDatabaseAsync(CancellationToken.None);
        _factory = new WebApplicationFactory<Platform.ActorRegistry.Data.ActorStore>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:actorsdb", DatabaseConnectionString);
            web.UseSetting("ConnectionStrings:messaging", BrokerConnectionString);
            web.UseSetting("Authentication:DevSigningKey", SigningKey);
            web.UseSetting("Messaging:RelayPollInterval", "00:00:00.200");
        });
        _ = _factory.Server; // starts the host: migrations and reference actors
    }

    /// <summary>A client with a development token for the role (and actor).</summary>
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

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await DisposeAsync();
    }
}
