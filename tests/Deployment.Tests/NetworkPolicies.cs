using k8s.Models;

namespace Platform.Deployment.Tests;

/// <summary>A pod as the network policies see it: its namespace and labels.</summary>
public sealed record Pod(string Namespace, IReadOnlyDictionary<string, string> Labels)
{
    public IReadOnlyDictionary<string, string> NamespaceLabels { get; } =
        new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = Namespace };
}

/// <summary>
/// Evaluates NetworkPolicies as the API defines them: a pod selected by no policy of a direction is open in that
/// direction; one selected by any is reachable only as some rule of those policies allows. An ipBlock is taken to
/// match any address, pods' included (some network plugins apply it to pods), so the evaluation errs towards "reachable".
/// </summary>
public sealed class NetworkPolicies(IEnumerable<V1NetworkPolicy> policies)
{
    private readonly IReadOnlyList<V1NetworkPolicy> _policies = [.. policies];

    public bool CanReach(Pod source, Pod destination, int port) =>
        Allowed(source, "Egress", policy => policy.Spec.Egress?.Any(rule => Matches(rule.To, rule.Ports, policy, destination, port)) ?? false)
        && Allowed(destination, "Ingress", policy => policy.Spec.Ingress?.Any(rule => Matches(rule.FromProperty, rule.Ports, policy, source, port)) ?? false);

    private bool Allowed(Pod pod, string direction, Func<V1NetworkPolicy, bool> rules)
    {
        var selecting = _policies
            .Where(policy => policy.Metadata.NamespaceProperty == pod.Namespace
                && Types(policy).Contains(direction)
                && Selects(policy.Spec.PodSelector, pod.Labels))
            .ToList();
        return selecting.Count == 0 || selecting.Any(rules);
    }

    private static IEnumerable<string> Types(V1NetworkPolicy policy) =>
        policy.Spec.PolicyTypes is { Count: > 0 } types ? types
        : policy.Spec.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"];

    private static bool Matches(IList<V1NetworkPolicyPeer>? peers, IList<V1NetworkPolicyPort>? ports, V1NetworkPolicy policy, Pod other, int port) =>
        (peers is not { Count: > 0 } || peers.Any(peer => Matches(peer, policy, other)))
        && (ports is not { Count: > 0 } || ports.Any(allowed => Matches(allowed, port)));

    private static bool Matches(V1NetworkPolicyPeer peer, V1NetworkPolicy policy, Pod other)
    {
        if (peer.IpBlock is not null)
        {
            return true;
        }

        var namespaceMatches = peer.NamespaceSelector is null
            ? other.Namespace == policy.Metadata.NamespaceProperty
            : Selects(peer.NamespaceSelector, other.NamespaceLabels);
        return namespaceMatches && (peer.PodSelector is null || Selects(peer.PodSelector, other.Labels));
    }

    private static bool Matches(V1NetworkPolicyPort allowed, int port)
    {
        if ((allowed.Protocol ?? "TCP") != "TCP")
        {
            return false;
        }

        if (allowed.Port is null)
        {
            return true;
        }

        // The manifests name no ports here: a named one would depend on the pod's container, so it fails the check.
        Assert.True(int.TryParse(allowed.Port.Value, out var first), $"Port '{allowed.Port.Value}' in a policy is named, not numbered.");
        return port >= first && port <= (allowed.EndPort ?? first);
    }

    public static bool Selects(V1LabelSelector selector, IReadOnlyDictionary<string, string> labels) =>
        (selector.MatchLabels ?? new Dictionary<string, string>()).All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value)
        && (selector.MatchExpressions ?? []).All(expression => expression.OperatorProperty switch
        {
            "In" => labels.TryGetValue(expression.Key, out var value) && expression.Values.Contains(value),
            "NotIn" => !labels.TryGetValue(expression.Key, out var value) || !expression.Values.Contains(value),
            "Exists" => labels.ContainsKey(expression.Key),
            "DoesNotExist" => !labels.ContainsKey(expression.Key),
            var other => throw new InvalidOperationException($"Unknown selector operator {other}."),
        });
}
