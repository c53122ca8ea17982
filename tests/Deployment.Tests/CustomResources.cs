using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Platform.Deployment.Tests;

/// <summary>
/// The fields of the operators' resources the manifests use. The manifests are read strictly, so a field these
/// models lack (a misspelt one too) fails the load.
/// </summary>
public sealed class CnpgCluster : IKubernetesObject<V1ObjectMeta>
{
    public const string Type = "postgresql.cnpg.io/v1/Cluster";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public CnpgClusterSpec Spec { get; set; } = new();
}

public sealed class CnpgClusterSpec
{
    [JsonPropertyName("instances")] public int Instances { get; set; }
    [JsonPropertyName("minSyncReplicas")] public int? MinSyncReplicas { get; set; }
    [JsonPropertyName("maxSyncReplicas")] public int? MaxSyncReplicas { get; set; }
    [JsonPropertyName("primaryUpdateStrategy")] public string? PrimaryUpdateStrategy { get; set; }
    [JsonPropertyName("bootstrap")] public CnpgBootstrap? Bootstrap { get; set; }
    [JsonPropertyName("postgresql")] public CnpgPostgresConfiguration? Postgresql { get; set; }
    [JsonPropertyName("storage")] public CnpgStorage? Storage { get; set; }
    [JsonPropertyName("resources")] public V1ResourceRequirements? Resources { get; set; }
    [JsonPropertyName("inheritedMetadata")] public CnpgInheritedMetadata? InheritedMetadata { get; set; }
}

public sealed class CnpgBootstrap
{
    [JsonPropertyName("initdb")] public CnpgInitDb? Initdb { get; set; }
}

public sealed class CnpgInitDb
{
    [JsonPropertyName("database")] public string? Database { get; set; }
    [JsonPropertyName("owner")] public string? Owner { get; set; }
}

public sealed class CnpgPostgresConfiguration
{
    [JsonPropertyName("parameters")] public Dictionary<string, string>? Parameters { get; set; }
}

public sealed class CnpgStorage
{
    [JsonPropertyName("size")] public string? Size { get; set; }
}

public sealed class CnpgInheritedMetadata
{
    [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; set; }
}

public sealed class RabbitmqCluster : IKubernetesObject<V1ObjectMeta>
{
    public const string Type = "rabbitmq.com/v1beta1/RabbitmqCluster";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public RabbitmqClusterSpec Spec { get; set; } = new();
}

public sealed class RabbitmqClusterSpec
{
    [JsonPropertyName("replicas")] public int Replicas { get; set; }
    [JsonPropertyName("persistence")] public RabbitmqPersistence? Persistence { get; set; }
    [JsonPropertyName("resources")] public V1ResourceRequirements? Resources { get; set; }
    [JsonPropertyName("rabbitmq")] public RabbitmqConfiguration? Rabbitmq { get; set; }
}

public sealed class RabbitmqPersistence
{
    [JsonPropertyName("storage")] public string? Storage { get; set; }
}

public sealed class RabbitmqConfiguration
{
    [JsonPropertyName("additionalConfig")] public string? AdditionalConfig { get; set; }
}
