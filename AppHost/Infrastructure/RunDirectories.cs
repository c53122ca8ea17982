using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Polly;
using Polly.Retry;

namespace Platform.AppHost.Infrastructure;

/// <summary>Per-run data directories of the local servers: created per AppHost process, removed when it stops.</summary>
public static class RunDirectories
{
    public const string Prefix = "platform-run-";

    /// <summary>Creates <c>platform-run-&lt;pid&gt;-&lt;random&gt;</c> under the root, first removing ones whose AppHost died.</summary>
    public static string CreateThrowAway(string? root)
    {
        // Not under /root: the postgres user must be able to reach the data directory.
        root = string.IsNullOrWhiteSpace(root) ? "/tmp" : Path.GetFullPath(root);
        Directory.CreateDirectory(root);
        RemoveOrphans(root);
        var path = Path.Combine(root, $"{Prefix}{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void MakeTraversable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>A stable secret kept in <paramref name="file"/> (persistent data), or a fresh one.</summary>
    public static string ReadOrCreateSecret(string? file)
    {
        if (file is not null && File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        // Letters and digits only: the value goes into a URI and a connection string unescaped.
        var secret = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 32);
        if (file is not null)
        {
            File.WriteAllText(file, secret);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return secret;
    }

    // A server may still be writing its last files while the AppHost stops: a few retries let it finish.
    private static readonly ResiliencePipeline UntilDeleted = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<IOException>().Handle<UnauthorizedAccessException>(),
            MaxRetryAttempts = 6,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();

    public static void Delete(string path)
    {
        try
        {
            UntilDeleted.Execute(() =>
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            });
        }
        catch (IOException)
        {
            // Still in use after the retries: the next start removes it as an orphan.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void RemoveOrphans(string root)
    {
        foreach (var directory in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            var parts = Path.GetFileName(directory)[Prefix.Length..].Split('-');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsAlive(pid))
            {
                Delete(directory);
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
