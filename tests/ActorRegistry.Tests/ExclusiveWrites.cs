namespace Platform.ActorRegistry.Tests;

/// <summary>
/// Tests that prove a refused request wrote nothing compare row counts of the shared database, so they run alone:
/// no other test writes meanwhile.
/// </summary>
[CollectionDefinition(nameof(ExclusiveWrites), DisableParallelization = true)]
public sealed class ExclusiveWrites;
