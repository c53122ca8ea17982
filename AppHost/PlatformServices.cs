using Microsoft.Extensions.Configuration;

namespace Platform.AppHost;

/// <summary>
/// One service of the platform in <c>Platform:Replicas</c> instances: the first named as the service (<c>needs-intake</c>),
/// the others numbered (<c>needs-intake-2</c>, ...). Every instance is configured alike; whoever references the service
/// learns every instance's address under the service's name, so service discovery (the gateway's YARP destinations,
/// the web client's HTTP client) balances over them and health checks take a failing one out.
/// </summary>
public sealed class PlatformService
{
    private PlatformService(string name, IReadOnlyList<IResourceBuilder<ProjectResource>> instances)
    {
        Name = name;
        Instances = instances;
    }

    /// <summary>The most instances <c>Platform:Replicas</c> may ask for on one machine.</summary>
    public const int MaxReplicas = 8;

    public string Name { get; }

    public IReadOnlyList<IResourceBuilder<ProjectResource>> Instances { get; }

    /// <summary><c>Platform:Replicas</c>: how many instances of every service to run (1 when unset).</summary>
    public static int ReplicasFrom(IConfiguration configuration)
    {
        var setting = configuration["Platform:Replicas"];
        if (string.IsNullOrWhiteSpace(setting))
        {
            return 1;
        }

        return int.TryParse(setting, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var replicas)
               && replicas is >= 1 and <= MaxReplicas
            ? replicas
            : throw new DistributedApplicationException($"Setting 'Platform:Replicas' must be a whole number from 1 to {MaxReplicas}; it is '{setting}'.");
    }

    /// <summary>Adds <paramref name="replicas"/> instances of the project, each configured by <paramref name="configure"/> (given its index from 0).</summary>
    public static PlatformService Add<TProject>(
        IDistributedApplicationBuilder builder, string name, int replicas, Func<IResourceBuilder<ProjectResource>, int, IResourceBuilder<ProjectResource>> configure)
        where TProject : IProjectMetadata, new() =>
        new(name, [.. Enumerable.Range(0, replicas).Select(index => configure(builder.AddProject<TProject>(InstanceName(name, index)), index))]);

    public static string InstanceName(string service, int index) => index == 0 ? service : $"{service}-{index + 1}";

    /// <summary>Applies <paramref name="configure"/> to every instance.</summary>
    public PlatformService Configure(Action<IResourceBuilder<ProjectResource>> configure)
    {
        foreach (var instance in Instances)
        {
            configure(instance);
        }

        return this;
    }

    /// <summary>Every instance of this service starts once every instance of <paramref name="other"/> is healthy.</summary>
    public PlatformService WaitFor(PlatformService other) =>
        Configure(instance =>
        {
            foreach (var dependency in other.Instances)
            {
                instance.WaitFor(dependency);
            }
        });

    /// <summary>
    /// Every instance of this service learns every instance of <paramref name="other"/> as
    /// <c>services:{name}:http:{index}</c>, the configuration service discovery reads.
    /// </summary>
    public PlatformService WithReference(PlatformService other) =>
        Configure(instance =>
        {
            instance.WithReference(other.Instances[0]);
            for (var index = 1; index < other.Instances.Count; index++)
            {
                instance.WithEnvironment($"services__{other.Name}__http__{index}", other.Instances[index].GetEndpoint("http"));
            }
        });
}
