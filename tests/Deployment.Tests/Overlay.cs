using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Platform.Deployment.Tests;

/// <summary>An overlay of deploy/kubernetes rendered by kubectl's kustomize and read into the client library's typed models.</summary>
public sealed class Overlay
{
    public static readonly TheoryData<string> Names = ["staging", "production"];

    private static readonly ConcurrentDictionary<string, Lazy<Overlay>> Rendered = new();

    private static readonly Dictionary<string, Type> CustomResources = new()
    {
        [CnpgCluster.Type] = typeof(CnpgCluster),
        [RabbitmqCluster.Type] = typeof(RabbitmqCluster),
    };

    private Overlay(string name, IReadOnlyList<object> objects)
    {
        Name = name;
        Objects = objects;
    }

    public string Name { get; }

    public IReadOnlyList<object> Objects { get; }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public string Namespace => All<V1Namespace>().Single().Metadata.Name;

    public IEnumerable<V1Deployment> Deployments => All<V1Deployment>();

    public V1Deployment Deployment(string name) => Deployments.Single(deployment => deployment.Metadata.Name == name);

    /// <summary>Renders the overlay once per test run; skips where kubectl is not installed.</summary>
    public static Overlay Of(string name)
    {
        if (!KubectlInstalled())
        {
            Assert.Skip("kubectl (with kustomize v5) is not installed: the manifests cannot be rendered here.");
        }

        return Rendered.GetOrAdd(name, _ => new Lazy<Overlay>(() => Render(name))).Value;
    }

    private static bool KubectlInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(directory => File.Exists(Path.Combine(directory, "kubectl")));

    private static Overlay Render(string name)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(Platform.Root, "deploy", "kubernetes", "overlays", name)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kubectl = Process.Start(start)!;
        var error = kubectl.StandardError.ReadToEndAsync();
        var yaml = kubectl.StandardOutput.ReadToEnd();
        kubectl.WaitForExit();
        Assert.True(kubectl.ExitCode == 0, $"kubectl kustomize {name} failed: {error.Result}");

        // Strict: a field the models do not know (a misspelt one) fails the load instead of vanishing.
        return new Overlay(name, KubernetesYaml.LoadAllFromString(yaml, CustomResources, strict: true));
    }
}
