using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Platform.AppHost.Infrastructure;

namespace Platform.AppHost.Tests;

/// <summary>
/// Starts the whole platform outside Development on local servers, then stops it: the development token endpoint
/// must not exist, and nothing (server process, epmd, data directory) may outlive the AppHost.
/// </summary>
public sealed class LocalInfrastructureLifecycleTests
{
    [Fact]
    public async Task Production_app_refuses_dev_tokens_and_leaves_nothing_behind()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var runRoot = Path.Combine("/tmp", $"platform-apphost-tests-{Guid.NewGuid():N}");
        using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startTimeout.CancelAfter(TimeSpan.FromMinutes(3));

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                "Infrastructure:Mode=local",
                $"Infrastructure:RunDirectoryRoot={runRoot}",
                "Gateway:Port=0",
                "Authentication:Authority=https://idp.example.invalid/realms/platform",
            ],
            (_, settings) => settings.EnvironmentName = "Production",
            startTimeout.Token);

        int[] serverPorts = [];
        ServerProcess[] servers = [];
        // A server's process, or one whose command line names the run's directory (PostgreSQL's and RabbitMQ's children).
        bool OfThisRun(Listener listener) =>
            servers.Any(server => server.Pid == listener.ProcessId) || listener.CommandLine.Contains(runRoot, StringComparison.Ordinal);
        await using (var app = await builder.BuildAsync(startTimeout.Token))
        {
            await app.StartAsync(startTimeout.Token);
            await app.WaitForPlatformHealthyAsync(startTimeout.Token);

            var runDirectory = Assert.Single(Directory.GetDirectories(runRoot, RunDirectories.Prefix + "*"));
            Assert.True(Directory.Exists(Path.Combine(runDirectory, "postgres", "data")));
            serverPorts = [app.GetEndpoint("postgres", "tcp").Port, app.GetEndpoint("messaging", "tcp").Port, app.GetEndpoint("epmd", "tcp").Port];
            servers = [.. new[] { "postgres", "messaging", "epmd" }.Select(server => ServerProcess.Of(app, server))];
            Assert.All(serverPorts, port => Assert.Contains(ListenersOn(port), OfThisRun));

            using var client = app.CreateHttpClient("gateway");
            using var token = await client.PostAsJsonAsync("/api/dev/token", new { role = "coordinator" }, cancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);

            using var health = await client.GetAsync("/health", cancellationToken);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // The servers get SIGTERM when the AppHost stops and exit on their own schedule: wait for that, with a deadline.
        // A port may be served again by then, by another test assembly's server that was given it: only a listener of
        // this run counts.
        await WaitUntilAsync(() => Task.FromResult(RunRootEntries(runRoot).Length == 0 && ProcessesMentioning(runRoot).Count == 0
            && !servers.Any(server => server.IsRunning) && !serverPorts.SelectMany(ListenersOn).Any(OfThisRun)), cancellationToken);
        Assert.Empty(RunRootEntries(runRoot));
        Assert.Empty(ProcessesMentioning(runRoot));
        foreach (var port in serverPorts)
        {
            Assert.DoesNotContain(ListenersOn(port), OfThisRun);
        }

        Assert.All(servers, server => Assert.False(server.IsRunning, $"Process {server.Pid}, a server of this run, outlived the AppHost."));

        Directory.Delete(runRoot, recursive: true);
    }

    private static string[] RunRootEntries(string runRoot) =>
        Directory.Exists(runRoot) ? Directory.GetFileSystemEntries(runRoot) : [];

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await tick.WaitForNextTickAsync(cancellationToken);
        }
    }

    private static List<string> ProcessesMentioning(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Where(dir => int.TryParse(Path.GetFileName(dir), out _))
            .Select(dir =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    return string.Empty;
                }
                catch (UnauthorizedAccessException)
                {
                    return string.Empty;
                }
            })
            .Where(commandLine => commandLine.Contains(text, StringComparison.Ordinal))
            .ToList();

    private sealed record Listener(int ProcessId, string CommandLine);

    /// <summary>A resource's process, told apart from a later one given the same id by its start time.</summary>
    private sealed record ServerProcess(int Pid, string? StartTime)
    {
        public static ServerProcess Of(DistributedApplication app, string resource)
        {
            var pid = app.ResourceNotifications.TryGetCurrentState(resource, out var state)
                && state.Snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } value
                    ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
                    : throw new InvalidOperationException($"Resource '{resource}' has no process.");
            return new ServerProcess(pid, Stat(pid)?.StartTime);
        }

        /// <summary>The same process still there; a zombie (exited, not yet reaped) holds no port and no file and counts as gone.</summary>
        public bool IsRunning => Stat(Pid) is { } stat && stat.StartTime == StartTime && stat.State != "Z";

        /// <summary>Fields of /proc/[pid]/stat after the command's parenthesis: the state, and the start time (the 22nd field).</summary>
        private static (string State, string StartTime)? Stat(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return (fields[0], fields[19]);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>The processes listening on a TCP <paramref name="port"/>: the socket's inode from /proc/net/tcp*, its owner from /proc/*/fd.</summary>
    private static List<Listener> ListenersOn(int port)
    {
        const string Listen = "0A";
        var inodes = new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(File.ReadLines)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 9 && fields[3] == Listen && Convert.ToInt32(fields[1][(fields[1].LastIndexOf(':') + 1)..], 16) == port)
            .Select(fields => $"socket:[{fields[9]}]")
            .ToHashSet();
        if (inodes.Count == 0)
        {
            return [];
        }

        var listeners = new List<Listener>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target)))
                {
                    listeners.Add(new Listener(pid, File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ')));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while it was read.
            }
        }

        return listeners;
    }
}
