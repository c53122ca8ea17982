using System.Diagnostics;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Platform.Deployment.Tests;

/// <summary>What an operator's review of deploy/kubernetes checks, on both overlays as kustomize renders them.</summary>
public sealed partial class ManifestTests
{
    /// <summary>The Secret an operator creates before the first apply (README, "Running on Kubernetes"), and its keys.</summary>
    private const string OperatorSecret = "platform-secrets";
    private static readonly string[] OperatorSecretKeys = ["operations-key", "web-client-secret"];

    /// <summary>The labels the operators give the pods they make: CloudNativePG per cluster, the RabbitMQ Cluster Operator per name.</summary>
    private static Dictionary<string, string> DatabasePodLabels(CnpgCluster cluster) =>
        new(cluster.Spec.InheritedMetadata?.Labels ?? []) { ["cnpg.io/cluster"] = cluster.Metadata.Name, ["cnpg.io/podRole"] = "instance" };

    private static Dictionary<string, string> BrokerPodLabels(RabbitmqCluster cluster) => new()
    {
        ["app.kubernetes.io/name"] = cluster.Metadata.Name, ["app.kubernetes.io/component"] = "rabbitmq", ["app.kubernetes.io/part-of"] = "rabbitmq",
    };

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void Every_deployment_has_probes_resources_and_a_locked_down_pod(string name)
    {
        var overlay = Overlay.Of(name);
        Assert.NotEmpty(overlay.Deployments);
        foreach (var deployment in overlay.Deployments)
        {
            var what = $"{name}: deployment {deployment.Metadata.Name}";
            var pod = deployment.Spec.Template.Spec;
            Assert.True(pod.AutomountServiceAccountToken == false, $"{what} mounts a service-account token");
            Assert.True(pod.SecurityContext?.RunAsNonRoot == true, $"{what} may run as root");
            Assert.True(pod.SecurityContext?.SeccompProfile?.Type == "RuntimeDefault", $"{what} has no RuntimeDefault seccomp profile");
            foreach (var container in pod.Containers)
            {
                var where = $"{what}, container {container.Name}";
                Assert.True(container.ReadinessProbe?.HttpGet is not null, $"{where} has no HTTP readiness probe");
                Assert.True(container.LivenessProbe?.HttpGet is not null, $"{where} has no HTTP liveness probe");
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.True(container.Resources?.Requests?.ContainsKey(resource) == true, $"{where} requests no {resource}");
                    Assert.True(container.Resources?.Limits?.ContainsKey(resource) == true, $"{where} has no {resource} limit");
                }

                Assert.True(container.Resources!.Requests["memory"].ToInt64() <= container.Resources.Limits["memory"].ToInt64(), $"{where} requests more memory than its limit");
                var security = container.SecurityContext;
                Assert.True(security?.AllowPrivilegeEscalation == false, $"{where} allows privilege escalation");
                Assert.True(security?.ReadOnlyRootFilesystem == true, $"{where} has a writable root filesystem");
                Assert.True(security?.Capabilities?.Drop?.Contains("ALL") == true, $"{where} keeps Linux capabilities");
                Assert.True(security?.Capabilities?.Add is not { Count: > 0 }, $"{where} adds Linux capabilities");
                // .NET and the collector write temporary files; with a read-only root, /tmp must be a volume.
                var tmp = container.VolumeMounts?.SingleOrDefault(mount => mount.MountPath == "/tmp");
                Assert.True(tmp is not null && pod.Volumes.Single(volume => volume.Name == tmp.Name).EmptyDir is not null, $"{where} has no emptyDir at /tmp");
            }
        }

        foreach (var project in Platform.All)
        {
            var container = overlay.Deployment(project.Name).Spec.Template.Spec.Containers.Single();
            Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
            Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
        }
    }

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void Every_project_is_given_every_setting_it_reads(string name)
    {
        var overlay = Overlay.Of(name);
        var configMaps = overlay.All<V1ConfigMap>().ToDictionary(map => map.Metadata.Name);
        var databases = overlay.All<CnpgCluster>().Select(cluster => cluster.Metadata.Name).ToHashSet();
        var broker = overlay.All<RabbitmqCluster>().Single().Metadata.Name;
        var operatorSecrets = databases.Select(database => $"{database}-app").Append($"{broker}-default-user").ToHashSet();

        foreach (var project in Platform.All)
        {
            var what = $"{name}: {project.Name}";
            var container = overlay.Deployment(project.Name).Spec.Template.Spec.Containers.Single();
            var settings = new Dictionary<string, string?>();
            foreach (var source in container.EnvFrom ?? [])
            {
                Assert.True(source.SecretRef is null, $"{what} takes a whole Secret (envFrom): its keys cannot be checked");
                Assert.True(configMaps.TryGetValue(source.ConfigMapRef.Name, out var map), $"{what} reads ConfigMap {source.ConfigMapRef.Name}, which is not deployed");
                foreach (var (key, value) in map.Data)
                {
                    settings[key] = value;
                }
            }

            foreach (var variable in container.Env ?? [])
            {
                // Kubernetes expands $(NAME) only for variables defined before this one; otherwise the text stays as written.
                foreach (Match reference in VariableReference().Matches(variable.Value ?? ""))
                {
                    Assert.True(settings.ContainsKey(reference.Groups[1].Value), $"{what}: {variable.Name} refers to $({reference.Groups[1].Value}) before it is defined");
                }

                if (variable.ValueFrom?.SecretKeyRef is { } secret)
                {
                    Assert.True(operatorSecrets.Contains(secret.Name) || (secret.Name == OperatorSecret && OperatorSecretKeys.Contains(secret.Key)),
                        $"{what}: {variable.Name} comes from Secret {secret.Name} key {secret.Key}, which neither an operator nor the README makes");
                }

                settings[variable.Name] = variable.Value ?? (variable.ValueFrom is null ? null : "(from " + (variable.ValueFrom.SecretKeyRef?.Name ?? "the pod") + ")");
            }

            foreach (var key in project.RequiredKeys)
            {
                Assert.True(settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value), $"{what} is not given {key}");
                Assert.DoesNotContain("set-in-the-overlay", value);
            }

            Assert.Equal(project.Name, settings["OTEL_SERVICE_NAME"]);
            Assert.Equal(new Uri(settings["OTEL_EXPORTER_OTLP_ENDPOINT"]!).Host,
                Assert.Single(overlay.All<V1Service>(), service => service.Metadata.Name == "otel-collector").Metadata.Name);
            if (project.Database is { } database)
            {
                Assert.Contains(database, databases);
                var connection = settings[$"ConnectionStrings__{database}"]!;
                Assert.Contains($"Database={database};", connection);
                Assert.Equal("quorum", settings["Messaging__QueueType"], ignoreCase: true);
                var host = container.Env!.Single(variable => connection.Contains($"Host=$({variable.Name})")).ValueFrom.SecretKeyRef;
                Assert.Equal(($"{database}-app", "host"), (host.Name, host.Key));
                // The URI the messaging building block parses: the broker's Service, its AMQP port.
                var amqp = new Uri(settings["ConnectionStrings__messaging"]!.Replace("$(", "").Replace(")", ""));
                Assert.Equal(("amqp", broker, 5672), (amqp.Scheme, amqp.Host, amqp.Port));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void Every_service_selects_the_pods_of_one_deployment_and_discovery_finds_them(string name)
    {
        var overlay = Overlay.Of(name);
        var services = overlay.All<V1Service>().ToDictionary(service => service.Metadata.Name);
        foreach (var service in services.Values)
        {
            var selected = overlay.Deployments.Where(deployment =>
                service.Spec.Selector.All(label => deployment.Spec.Template.Metadata.Labels.TryGetValue(label.Key, out var value) && value == label.Value)).ToList();
            var deployment = Assert.Single(selected);
            var ports = deployment.Spec.Template.Spec.Containers.SelectMany(container => container.Ports).ToList();
            foreach (var port in service.Spec.Ports)
            {
                Assert.True(ports.Any(container => container.Name == port.TargetPort.Value || container.ContainerPort.ToString() == port.TargetPort.Value),
                    $"{name}: Service {service.Metadata.Name} port {port.Port} targets {port.TargetPort.Value}, which deployment {deployment.Metadata.Name} does not expose");
            }
        }

        // Each service-discovery address (services__<name>__http__0) is a Service that takes plain HTTP on its port.
        var discovery = overlay.All<V1ConfigMap>().SelectMany(map => map.Data).Where(entry => entry.Key.StartsWith("services__", StringComparison.Ordinal));
        foreach (var (key, value) in discovery)
        {
            var address = new Uri(value);
            Assert.True(services.TryGetValue(address.Host, out var target), $"{name}: {key} = {value} names no Service");
            Assert.Contains(target.Spec.Ports, port => port.Port == address.Port);
        }

        var ingress = Assert.Single(overlay.All<V1Ingress>());
        var backend = Assert.Single(ingress.Spec.Rules.SelectMany(rule => rule.Http.Paths)).Backend.Service;
        Assert.Equal("gateway", backend.Name);
        Assert.Contains(services["gateway"].Spec.Ports, port => port.Name == backend.Port.Name);
        var host = Assert.Single(ingress.Spec.Rules).Host;
        Assert.Equal(host, Assert.Single(Assert.Single(ingress.Spec.Tls).Hosts));
        Assert.Equal($"https://{host}", overlay.All<V1ConfigMap>().Single(map => map.Metadata.Name == "gateway").Data["Gateway__AllowedOrigins__0"]);
    }

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void Every_project_scales_and_keeps_a_pod_through_disruptions(string name)
    {
        var overlay = Overlay.Of(name);
        foreach (var project in Platform.All)
        {
            var deployment = overlay.Deployment(project.Name);
            var autoscaler = Assert.Single(overlay.All<V2HorizontalPodAutoscaler>(), hpa => hpa.Spec.ScaleTargetRef.Name == project.Name);
            Assert.Equal("Deployment", autoscaler.Spec.ScaleTargetRef.Kind);
            Assert.InRange(autoscaler.Spec.MinReplicas ?? 1, 1, autoscaler.Spec.MaxReplicas);
            // The autoscaler owns the count: a replicas field would reset it at every apply.
            Assert.Null(deployment.Spec.Replicas);
            var budget = Assert.Single(overlay.All<V1PodDisruptionBudget>(), pdb => pdb.Spec.Selector.MatchLabels.SequenceEqual(deployment.Spec.Selector.MatchLabels));
            Assert.True(budget.Spec.MaxUnavailable?.Value == "1" || budget.Spec.MinAvailable is not null, $"{name}: {project.Name}'s disruption budget allows no eviction rule");
        }
    }

    /// <summary>
    /// A signed-in person's session and circuit live in one web pod: with more than one, the ingress keeps a browser on
    /// one gateway pod and the web Service keeps each gateway pod on one web pod.
    /// </summary>
    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void A_browser_stays_on_one_web_pod_when_there_are_several(string name)
    {
        var overlay = Overlay.Of(name);
        var autoscaler = Assert.Single(overlay.All<V2HorizontalPodAutoscaler>(), hpa => hpa.Spec.ScaleTargetRef.Name == "web");
        Assert.True(autoscaler.Spec.MaxReplicas > 1, $"{name}: the web client runs one pod");
        var web = Assert.Single(overlay.All<V1Service>(), service => service.Metadata.Name == "web");
        Assert.Equal("ClientIP", web.Spec.SessionAffinity);
        Assert.True(web.Spec.SessionAffinityConfig?.ClientIP?.TimeoutSeconds >= 8 * 3600, $"{name}: the web Service forgets a gateway pod before a session's idle timeout");
        var gateway = Assert.Single(overlay.All<V1Service>(), service => service.Metadata.Name == "gateway");
        Assert.True(gateway.Metadata.Annotations?.TryGetValue("traefik.ingress.kubernetes.io/service.sticky.cookie", out var sticky) == true && sticky == "true",
            $"{name}: the ingress does not keep a browser on one gateway pod");
        Assert.Equal("traefik", Assert.Single(overlay.All<V1Ingress>()).Spec.IngressClassName);
    }

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void State_lives_on_the_operators(string name)
    {
        var overlay = Overlay.Of(name);
        Assert.Empty(overlay.All<V1StatefulSet>());
        var clusters = overlay.All<CnpgCluster>().ToDictionary(cluster => cluster.Metadata.Name);
        Assert.Equal(Platform.Services.Select(service => service.Database!).Order(), clusters.Keys.Order());
        foreach (var cluster in clusters.Values)
        {
            Assert.Equal(cluster.Metadata.Name, cluster.Spec.Bootstrap?.Initdb?.Database);
            Assert.InRange(cluster.Spec.Instances, name == "production" ? 3 : 1, 9);
            Assert.True((cluster.Spec.MinSyncReplicas ?? 0) < cluster.Spec.Instances, $"{name}: {cluster.Metadata.Name} waits for more standbys than it has");
        }

        Assert.Equal(3, Assert.Single(overlay.All<RabbitmqCluster>()).Spec.Replicas);
    }

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void Network_policies_leave_the_databases_to_their_own_services(string name)
    {
        var overlay = Overlay.Of(name);
        var policies = new NetworkPolicies(overlay.All<V1NetworkPolicy>());
        var ns = overlay.Namespace;
        Pod PodOf(string project) => new(ns, overlay.Deployment(project).Spec.Template.Metadata.Labels.AsReadOnly());
        var databases = overlay.All<CnpgCluster>().ToDictionary(cluster => cluster.Metadata.Name, cluster => new Pod(ns, DatabasePodLabels(cluster)));
        var broker = new Pod(ns, BrokerPodLabels(overlay.All<RabbitmqCluster>().Single()));
        var collector = PodOf("otel-collector");

        // The ingress controller's namespace: the one the gateway's policies admit from outside the platform's namespace.
        var ingressNamespaces = overlay.All<V1NetworkPolicy>()
            .Where(policy => NetworkPolicies.Selects(policy.Spec.PodSelector, PodOf("gateway").Labels))
            .SelectMany(policy => policy.Spec.Ingress ?? [])
            .SelectMany(rule => rule.FromProperty ?? [])
            .Select(peer => peer.NamespaceSelector?.MatchLabels is { } labels && labels.TryGetValue("kubernetes.io/metadata.name", out var ingressNamespace) ? ingressNamespace : null)
            .OfType<string>().Distinct().ToList();
        var ingressController = new Pod(Assert.Single(ingressNamespaces), new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ingress-controller" });
        var stranger = new Pod("somewhere-else", new Dictionary<string, string>());

        Assert.True(policies.CanReach(ingressController, PodOf("gateway"), 8080), "the ingress controller cannot reach the gateway");
        Assert.True(policies.CanReach(PodOf("gateway"), PodOf("web"), 8080), "the gateway cannot reach the web client");
        Assert.True(policies.CanReach(PodOf("web"), PodOf("gateway"), 8080), "the web client cannot reach the gateway");
        foreach (var project in Platform.All.Where(project => project.Name != "gateway"))
        {
            Assert.False(policies.CanReach(ingressController, PodOf(project.Name), 8080), $"{name}: the ingress controller reaches {project.Name}");
        }

        foreach (var (database, pod) in databases)
        {
            Assert.False(policies.CanReach(ingressController, pod, 5432), $"{name}: the ingress controller reaches {database}");
            Assert.False(policies.CanReach(stranger, pod, 5432), $"{name}: a pod of another namespace reaches {database}");
            Assert.False(policies.CanReach(PodOf("gateway"), pod, 5432), $"{name}: the gateway reaches {database}");
            Assert.False(policies.CanReach(PodOf("web"), pod, 5432), $"{name}: the web client reaches {database}");
        }

        foreach (var service in Platform.Services)
        {
            var pod = PodOf(service.Name);
            Assert.True(policies.CanReach(PodOf("gateway"), pod, 8080), $"{name}: the gateway cannot reach {service.Name}");
            foreach (var (database, databasePod) in databases)
            {
                Assert.Equal(database == service.Database, policies.CanReach(pod, databasePod, 5432));
            }

            Assert.True(policies.CanReach(pod, broker, 5672), $"{name}: {service.Name} cannot reach the broker");
            Assert.True(policies.CanReach(pod, collector, 4317), $"{name}: {service.Name} cannot reach the OTLP collector");
            Assert.False(policies.CanReach(ingressController, broker, 5672), $"{name}: the ingress controller reaches the broker");
        }
    }

    [Theory]
    [MemberData(nameof(Overlay.Names), MemberType = typeof(Overlay))]
    public void Every_image_is_the_one_its_project_publishes(string name)
    {
        var overlay = Overlay.Of(name);
        foreach (var project in Platform.All)
        {
            var repository = ContainerRepository(project.ProjectFile);
            Assert.False(string.IsNullOrEmpty(repository), $"{project.ProjectFile} sets no ContainerRepository");
            var image = overlay.Deployment(project.Name).Spec.Template.Spec.Containers.Single().Image;
            var withoutTag = image[..image.LastIndexOf(':')];
            Assert.True(withoutTag == repository || withoutTag.EndsWith("/" + repository, StringComparison.Ordinal),
                $"{name}: {project.Name} runs {image}, not an image of {repository}");
            Assert.False(image.EndsWith(":latest", StringComparison.Ordinal), $"{name}: {project.Name} runs a moving 'latest' tag");
        }
    }

    /// <summary>The project's ContainerRepository as MSBuild evaluates it (its csproj and the Directory.Build.props above it).</summary>
    private static string ContainerRepository(string projectFile)
    {
        var start = new ProcessStartInfo("dotnet", ["msbuild", Path.Combine(Platform.Root, projectFile), "-getProperty:ContainerRepository", "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var msbuild = Process.Start(start)!;
        var output = msbuild.StandardOutput.ReadToEnd().Trim();
        msbuild.WaitForExit();
        Assert.True(msbuild.ExitCode == 0, $"evaluating {projectFile} failed: {output} {msbuild.StandardError.ReadToEnd()}");
        return output;
    }

    [Fact]
    public void The_projects_and_databases_here_are_the_AppHosts()
    {
        var program = File.ReadAllText(Path.Combine(Platform.Root, "AppHost", "Program.cs"));
        var databases = DatabaseDeclaration().Matches(program).ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value);
        // A project's database is the database passed to its declaration, or the first one it references.
        var projects = ProjectDeclaration().Matches(program)
            .Select(match => (Name: match.Groups[1].Value, Database: (string?)databases.FirstOrDefault(database =>
                match.Groups[2].Value == database.Key || match.Groups[3].Value.Contains($"WithReference({database.Key})")).Value))
            .Where(project => project.Name != "demo-seeder")
            .ToList();
        Assert.Equal(projects.OrderBy(project => project.Name).ToList(), Platform.All.Select(project => (project.Name, project.Database)).OrderBy(project => project.Name).ToList());

        var routes = File.ReadAllText(Path.Combine(Platform.Root, "services", "Gateway", "Routing", "GatewayRoutes.cs"));
        var clusters = QuotedName().Matches(GatewayClusters().Match(routes).Groups[1].Value).Select(match => match.Groups[1].Value)
            .Append(WebCluster().Match(routes).Groups[1].Value);
        Assert.Equal(clusters.Order(), Platform.GatewayClusters.Order());
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"var (\w+) = infrastructure\.AddDatabase\(""([a-z]+)""\)")]
    private static partial Regex DatabaseDeclaration();

    /// <summary>AddProject&lt;Projects.X&gt;("name"), or a helper's Add&lt;Projects.X&gt;(builder, "name", database, ...), to the statement's end.</summary>
    [GeneratedRegex(@"<Projects\.\w+>\((?:builder, )?""([a-z-]+)""(?:, (\w+))?(.*?);\s*$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ProjectDeclaration();

    [GeneratedRegex(@"Clusters = \[(.*?)\]")]
    private static partial Regex GatewayClusters();

    [GeneratedRegex(@"WebCluster = ""([a-z-]+)""")]
    private static partial Regex WebCluster();

    [GeneratedRegex(@"""([a-z-]+)""")]
    private static partial Regex QuotedName();
}
