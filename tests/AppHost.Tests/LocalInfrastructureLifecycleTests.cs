using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
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

        int[] serverPorts;
        await using (var app = await builder.BuildAsync(startTimeout.Token))
        {
            await app.StartAsync(startTimeout.Token);
            await app.WaitForPlatformHealthyAsync(startTimeout.Token);

            var runDirectory = Assert.Single(Directory.GetDirectories(runRoot, RunDirectories.Prefix + "*"));
            Assert.True(Directory.Exists(Path.Combine(runDirectory, "postgres", "data")));
            serverPorts = [app.GetEndpoint("postgres", "tcp").Port, app.GetEndpoint("messaging", "tcp").Port, app.GetEndpoint("epmd", "tcp").Port];

            using var client = app.CreateHttpClient("gateway");
            using var token = await client.PostAsJsonAsync("/api/dev/token", new { role = "coordinator" }, cancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);

            using var health = await client.GetAsync("/health", cancellationToken);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // The servers get SIGTERM when the AppHost stops and exit on their own schedule: wait for that, with a deadline.
        await WaitUntilAsync(async () => RunRootEntries(runRoot).Length == 0 && ProcessesMentioning(runRoot).Count == 0
            && !(await Task.WhenAll(serverPorts.Select(IsListeningAsync))).Any(listening => listening), cancellationToken);
        Assert.Empty(RunRootEntries(runRoot));
        Assert.Empty(ProcessesMentioning(runRoot));
        foreach (var port in serverPorts)
        {
            Assert.False(await IsListeningAsync(port), $"Port {port} is still served after the AppHost stopped.");
        }

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

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
