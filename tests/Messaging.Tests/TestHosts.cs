using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Contracts.Actors;
using Platform.Messaging.Inbox;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>Events of one test: every host of a test shares its run id; other tests' events are ignored.</summary>
public sealed record TestRun(string Id)
{
    public ForumCreated NewEvent(string name = "event") =>
        new() { ForumId = Guid.NewGuid(), Name = name, Scope = Id, CorrelationId = $"corr-{Guid.NewGuid():N}" };
}

/// <summary>Every delivery of this run's events, before any inbox: shows a double publish.</summary>
public sealed class DeliveryCounter
{
    public ConcurrentDictionary<Guid, int> Deliveries { get; } = new();

    /// <summary>Once set, "poison" events no longer fail: the cause of their dead-lettering was fixed.</summary>
    public bool PoisonCured { get; set; }
}

public sealed class CountDeliveriesConsumer(TestRun run, DeliveryCounter counter) : IConsumer<ForumCreated>
{
    public Task Consume(ConsumeContext<ForumCreated> context)
    {
        if (context.Message.Scope == run.Id)
        {
            counter.Deliveries.AddOrUpdate(context.Message.EventId, 1, (_, count) => count + 1);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Has an effect (a row in <c>effects</c>) through the inbox; throws on events named "poison".</summary>
public sealed class RecordEffectConsumer(InboxServices inbox, TestRun run, DeliveryCounter attempts)
    : InboxConsumer<ForumCreated>(inbox)
{
    public const string Poison = "poison";

    protected override async Task HandleAsync(InboxContext<ForumCreated> context)
    {
        if (context.Message.Scope != run.Id)
        {
            return;
        }

        if (context.Message.Name == Poison && !attempts.PoisonCured)
        {
            attempts.Deliveries.AddOrUpdate(context.Message.EventId, 1, (_, count) => count + 1);
            throw new InvalidOperationException("This event always fails.");
        }

        await using var insert = new NpgsqlCommand("INSERT INTO effects (event_id, run) VALUES ($1, $2)", context.Connection, context.Transaction)
        {
            Parameters = { new() { Value = context.Message.EventId }, new() { Value = run.Id } },
        };
        await insert.ExecuteNonQueryAsync(context.CancellationToken);
    }
}

/// <summary>A host like a service's: the messaging building block over one database and the shared broker.</summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingHost(IHost host, string serviceName, string databaseConnectionString)
    {
        _host = host;
        ServiceName = serviceName;
        DatabaseConnectionString = databaseConnectionString;
    }

    public string ServiceName { get; }

    public string DatabaseConnectionString { get; }

    public IServiceProvider Services => _host.Services;

    public Outbox.Outbox Outbox => Services.GetRequiredService<Outbox.Outbox>();

    public DeliveryCounter Counter => Services.GetRequiredService<DeliveryCounter>();

    public static async Task<MessagingHost> StartAsync(
        InfrastructureFixture infrastructure,
        TestRun run,
        string databaseConnectionString,
        Action<IBusRegistrationConfigurator>? consumers,
        CancellationToken cancellationToken,
        string? serviceName = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        bool waitForBus = true)
    {
        serviceName ??= $"t{Guid.NewGuid():N}"[..12];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:db"] = databaseConnectionString,
            ["ConnectionStrings:messaging"] = infrastructure.BrokerConnectionString,
            ["Messaging:ImmediateRetries"] = "1",
            ["Messaging:IncrementalRetries"] = "1",
            ["Messaging:RetryInitialInterval"] = "00:00:00.050",
            ["Messaging:RetryIntervalIncrement"] = "00:00:00.050",
            ["Messaging:RelayMaxBackoff"] = "00:00:01",
            ["Messaging:RelayVacuumAfter"] = "100",
            ["Messaging:RelayPollInterval"] = "00:00:00.200",
            // One message at a time per queue, so "after" means after.
            ["Messaging:PrefetchCount"] = "1",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(run);
        builder.Services.AddSingleton<DeliveryCounter>();
        builder.AddPlatformMessaging(serviceName, "db", typeof(MessagingHost).Assembly, consumers);

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var messagingHost = new MessagingHost(host, serviceName, databaseConnectionString);
        if (waitForBus)
        {
            await messagingHost.WaitForBusReadyAsync(cancellationToken);
        }

        return messagingHost;
    }

    /// <summary>Waits until the bus and its receive endpoints (queues bound) report healthy.</summary>
    public async Task WaitForBusReadyAsync(CancellationToken cancellationToken) =>
        await Wait.UntilAsync(async () => await IsBusReadyAsync(cancellationToken), TimeSpan.FromSeconds(30), "bus ready", cancellationToken);

    public async Task<bool> IsBusReadyAsync(CancellationToken cancellationToken) =>
        (await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains("masstransit"), cancellationToken)).Status
            == HealthStatus.Healthy;

    /// <summary>Commits the events, each in a transaction of its own.</summary>
    public async Task CommitAsync(IEnumerable<ForumCreated> events, CancellationToken cancellationToken)
    {
        var dataSource = Services.GetRequiredService<NpgsqlDataSource>();
        foreach (var @event in events)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await Outbox.EnqueueAsync(transaction, @event, cancellationToken);
            await Outbox.CommitAsync(transaction, cancellationToken);
        }
    }

    public Task<long> ScalarAsync(string sql, params object[] parameters) => Database.ScalarAsync(DatabaseConnectionString, sql, parameters);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
