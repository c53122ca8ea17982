using System.ComponentModel.DataAnnotations;
using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Platform.Messaging;
using Platform.Messaging.Outbox;

namespace Microsoft.Extensions.Hosting;

public static class MessagingExtensions
{
    /// <summary>Connection-string name of the RabbitMQ broker, the same under containers and local servers.</summary>
    public const string BrokerConnectionName = "messaging";

    /// <summary>
    /// Everything a service needs to keep its data and its events consistent: the Npgsql data source of its
    /// database, migrations (the Messaging scripts, those of the building blocks registered as <see cref="BuildingBlockMigrations"/>,
    /// then the service's own embedded <c>Migrations/*.sql</c>),
    /// MassTransit over RabbitMQ with retries and dead-lettering, the transactional outbox and its relay, and the
    /// inbox for idempotent consumers (see <see cref="Platform.Messaging.Inbox.InboxConsumer{TMessage}"/>).
    /// </summary>
    /// <param name="serviceName">Kebab-case service name; prefixes the service's queues so services never compete for messages.</param>
    /// <param name="databaseConnectionName">Connection-string name of the service's database (e.g. <c>actorsdb</c>).</param>
    /// <param name="serviceAssembly">Assembly holding the service's migration scripts.</param>
    /// <param name="configureConsumers">Registers the service's consumers.</param>
    public static IHostApplicationBuilder AddPlatformMessaging(
        this IHostApplicationBuilder builder,
        string serviceName,
        string databaseConnectionName,
        Assembly serviceAssembly,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        var databaseConnectionString = RequireConnectionString(builder.Configuration, databaseConnectionName);
        var broker = new Platform.Messaging.Operations.BrokerAddress(new Uri(RequireConnectionString(builder.Configuration, BrokerConnectionName)));
        var brokerAddress = broker.Uri;

        builder.AddNpgsqlDataSource(databaseConnectionName, configureDataSourceBuilder: dataSource =>
        {
            // Every connection here is ours and leaves no session state behind: skip the DISCARD ALL on return.
            // Statements run repeatedly are prepared; plans stay custom, since the filters are "$n IS NULL OR ...".
            dataSource.ConnectionStringBuilder.NoResetOnClose = true;
            dataSource.ConnectionStringBuilder.MaxAutoPrepare = 50;
            dataSource.ConnectionStringBuilder.Options = "-c plan_cache_mode=force_custom_plan";
            // Statements are traced within a request's or a message's trace only: the relay's and the background jobs'
            // polling would otherwise be a trace of its own per statement, several per accepted need, for the collector
            // to ingest and nobody to read.
            dataSource.ConfigureTracing(tracing => tracing
                .ConfigureCommandFilter(_ => System.Diagnostics.Activity.Current is not null)
                .ConfigureBatchFilter(_ => System.Diagnostics.Activity.Current is not null)
                .EnableFirstResponseEvent(false));
        });

        builder.Services.AddExceptionHandler<Platform.Messaging.Data.DatabaseUnavailableExceptionHandler>();
        builder.Services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MessagingMetrics>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddSingleton<Platform.Messaging.Inbox.InboxCommitter>();
        builder.Services.AddSingleton<Platform.Messaging.Inbox.InboxServices>();

        // Registered before MassTransit and the relay: hosted services start in order, so the schema exists first.
        builder.Services.AddSingleton(provider => new DatabaseMigrator(
            databaseConnectionString,
            [typeof(MessagingExtensions).Assembly, .. provider.GetServices<BuildingBlockMigrations>().Select(schema => schema.Assembly), serviceAssembly],
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<DatabaseMigrator>()));
        builder.Services.AddHostedService<MigrationHostedService>();

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            configureConsumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                var settings = context.GetRequiredService<Microsoft.Extensions.Options.IOptions<MessagingOptions>>().Value;
                // Immediate redeliveries for blips, then incremental ones; rule breaks are never retried.
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Intervals(RetryIntervals(settings));
                    retry.Ignore<InvalidMessageException>();
                    retry.Ignore<ValidationException>();
                });
                if (settings.QueueType == QueueType.Quorum && endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                {
                    rabbitEndpoint.SetQuorumQueue();
                }
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                var settings = context.GetRequiredService<Microsoft.Extensions.Options.IOptions<MessagingOptions>>().Value;
                var (username, password) = ParseUserInfo(brokerAddress);
                var virtualHost = brokerAddress.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
                rabbit.Host(brokerAddress.Host, (ushort)broker.Port, virtualHost, host =>
                {
                    host.Username(username);
                    host.Password(password);
                    host.PublisherConfirmation = true;
                });
                rabbit.PrefetchCount = settings.PrefetchCount;
                if (settings.QueueType == QueueType.Quorum)
                {
                    // The error and skipped queues MassTransit derives from each endpoint are classic otherwise, and a
                    // classic queue lives on one node of a cluster: a dead-lettered message would go when that node does.
                    rabbit.SendTopology.ConfigureErrorSettings = queue => queue.SetQuorumQueue();
                    rabbit.SendTopology.ConfigureDeadLetterSettings = queue => queue.SetQuorumQueue();
                }

                rabbit.ConnectReceiveObserver(context.GetRequiredService<DeadLetterObserver>());
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddSingleton<DeadLetterObserver>();
        builder.Services.AddSingleton<Platform.Messaging.Operations.ReceiveQueues>();
        builder.Services.AddReceiveEndpointObserver(provider => provider.GetRequiredService<Platform.Messaging.Operations.ReceiveQueues>());
        builder.Services.AddSingleton(broker);
        builder.Services.AddSingleton<Platform.Messaging.Operations.DeadLetterRequeuer>();
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            // Start serving even while the broker is down: the outbox keeps accepted work until it is back.
            options.WaitUntilStarted = false;
            options.StopTimeout = TimeSpan.FromSeconds(10);
        });
        builder.Services.RemoveMassTransitHostedService();
        builder.Services.AddHostedService<Platform.Messaging.Hosting.BusStartWhenBrokerReachable>();
        builder.Services.AddSingleton<Platform.Messaging.Hosting.BusStarted>();
        builder.Services.AddBusObserver(provider => provider.GetRequiredService<Platform.Messaging.Hosting.BusStarted>());

        builder.Services.AddSingleton<OutboxRelay>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<OutboxRelay>());
        builder.Services.AddHostedService<Platform.Messaging.Idempotency.IdempotencyKeyPurger>();
        return builder;
    }

    /// <summary><c>ImmediateRetries</c> zero intervals, then <c>IncrementalRetries</c> growing ones.</summary>
    internal static TimeSpan[] RetryIntervals(MessagingOptions settings) =>
    [
        .. Enumerable.Repeat(TimeSpan.Zero, settings.ImmediateRetries),
        .. Enumerable.Range(0, settings.IncrementalRetries).Select(i => settings.RetryInitialInterval + (settings.RetryIntervalIncrement * i)),
    ];

    private static string RequireConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Connection string 'ConnectionStrings:{name}' is required.");

    private static (string Username, string Password) ParseUserInfo(Uri address)
    {
        var parts = address.UserInfo.Split(':', 2);
        return parts.Length == 2 && parts[0].Length > 0
            ? (Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]))
            : ("guest", "guest");
    }
}
