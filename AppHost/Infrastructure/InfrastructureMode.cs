using System.Diagnostics;

namespace Platform.AppHost.Infrastructure;

/// <summary>How PostgreSQL and RabbitMQ are run: Aspire's containers, or the OS-installed servers.</summary>
public enum InfrastructureMode
{
    Containers,
    Local,
}

public static class InfrastructureModeSelector
{
    public const string SettingName = "Infrastructure:Mode";

    /// <summary>
    /// <c>containers</c> and <c>local</c> are taken as said; <c>auto</c> (or nothing) uses containers only when a
    /// container runtime actually answers, since Aspire would otherwise wait forever on unhealthy containers.
    /// </summary>
    public static InfrastructureMode Choose(string? setting, Func<bool> containerRuntimeAnswers)
    {
        ArgumentNullException.ThrowIfNull(containerRuntimeAnswers);
        return setting?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => containerRuntimeAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Local,
            "containers" => InfrastructureMode.Containers,
            "local" => InfrastructureMode.Local,
            _ => throw new ArgumentException(
                $"Setting '{SettingName}' is '{setting}'; expected 'auto', 'containers' or 'local'.", nameof(setting)),
        };
    }
}

/// <summary>Asks the container runtime CLI whether its engine answers (<c>docker info</c>), not merely whether the CLI exists.</summary>
public static class ContainerRuntimeProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static bool Answers(string? preferredRuntime)
    {
        string[] candidates = string.IsNullOrWhiteSpace(preferredRuntime) ? ["docker", "podman"] : [preferredRuntime];
        return candidates.Any(RuntimeAnswers);
    }

    private static bool RuntimeAnswers(string cli)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(cli, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            // Drain output so a chatty CLI cannot block on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // CLI not installed
        }
    }
}
