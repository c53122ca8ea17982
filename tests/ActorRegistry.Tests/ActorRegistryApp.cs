using Platform.Testing;

[assembly: AssemblyFixture(typeof(Platform.ActorRegistry.Tests.ActorRegistryApp))]

namespace Platform.ActorRegistry.Tests;

/// <summary>The real actor-registry service over real PostgreSQL and RabbitMQ, shared by this assembly's tests.</summary>
public sealed class ActorRegistryApp : ServiceFixture<Platform.ActorRegistry.Data.ActorStore>
{
    protected override string DatabaseName => ActorRegistryExtensions.DatabaseName;
}
