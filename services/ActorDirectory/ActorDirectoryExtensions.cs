using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.ActorDirectory;
using Platform.Messaging;

namespace Microsoft.Extensions.Hosting;

public static class ActorDirectoryExtensions
{
    /// <summary>
    /// The service keeps an <see cref="ActorDirectory"/>: the <c>actors</c> table (its schema is migrated with the
    /// service's) fed by the registry's actor events. Call <see cref="AddActorDirectoryConsumers"/> in the
    /// service's consumer registration too.
    /// </summary>
    public static IHostApplicationBuilder AddActorDirectory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ActorDirectory>();
        builder.Services.AddSingleton(new BuildingBlockMigrations(typeof(ActorDirectory).Assembly));
        return builder;
    }

    public static IBusRegistrationConfigurator AddActorDirectoryConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ActorRegisteredConsumer>();
        bus.AddConsumer<ActorUpdatedConsumer>();
        bus.AddConsumer<ActorDeactivatedConsumer>();
        bus.AddConsumer<ActorReactivatedConsumer>();
        return bus;
    }
}
