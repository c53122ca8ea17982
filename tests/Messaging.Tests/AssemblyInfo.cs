global using Platform.Testing;

[assembly: AssemblyFixture(typeof(InfrastructureFixture))]
