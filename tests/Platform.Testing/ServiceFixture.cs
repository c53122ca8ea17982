using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
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
        });
        _ = _factory.Server; // starts the host: migrations, seeding, the bus
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

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await DisposeAsync();
    }
}
