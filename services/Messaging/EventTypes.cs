using System.Collections.Frozen;
using System.Reflection;
using Platform.Contracts;

namespace Platform.Messaging;

/// <summary>
/// Resolves message types from the Contracts assembly itself (never from the entry assembly, which is the
/// test host under a test runner).
/// </summary>
public static class EventTypes
{
    public static readonly Assembly ContractsAssembly = typeof(IIntegrationEvent).Assembly;

    private static readonly FrozenDictionary<string, Type> ByName = ContractsAssembly.GetTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(type))
        .ToFrozenDictionary(type => type.FullName!, StringComparer.Ordinal);

    public static IReadOnlyCollection<Type> All => ByName.Values;

    public static Type Resolve(string fullName) =>
        ByName.TryGetValue(fullName, out var type)
            ? type
            : throw new InvalidOperationException($"'{fullName}' is not an event of the Contracts assembly.");
}
