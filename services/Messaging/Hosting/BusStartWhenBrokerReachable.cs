using System.Net.Sockets;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging.Operations;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Platform.Messaging.Hosting;

/// <summary>
/// Starts MassTransit's bus (in place of its own hosted service) once the broker accepts connections. A service starts
/// and serves without the broker (its outbox keeps what it accepts), so it may start while the broker still boots; but
/// MassTransit retries a failed first connection after 3 s, then after ever longer waits (up to 30 s), so a service
/// that started a little before the broker joined it seconds late. Here the broker's port is probed every 100 ms
/// (every 2 s once it has been away for 30 s) and the bus starts at the first connection the broker accepts; from then
/// on MassTransit reconnects by itself as before.
/// </summary>
public sealed partial class BusStartWhenBrokerReachable(
    IBusDepot depot, IOptions<MassTransitHostOptions> options, BrokerAddress broker, TimeProvider time, ILogger<BusStartWhenBrokerReachable> logger)
    : BackgroundService
{
    private static readonly TimeSpan FastProbe = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SlowProbe = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FastProbeFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    private MassTransitHostedService? _bus;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (host, port) = (broker.Uri.Host, broker.Port);
        var started = time.GetTimestamp();
        var waited = false;
        var untilConnected = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SocketException>().Handle<TimeoutRejectedException>(),
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(time.GetElapsedTime(started) < FastProbeFor ? FastProbe : SlowProbe),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = _ =>
                {
                    if (!waited)
                    {
                        LogWaiting(host, port);
                        waited = true;
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(ConnectTimeout)
            .Build();
        await untilConnected.ExecuteAsync(
            async token =>
            {
                using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(host, port, token);
            },
            stoppingToken);

        if (waited)
        {
            LogReachable(host, port, (long)time.GetElapsedTime(started).TotalMilliseconds);
        }

        _bus = new MassTransitHostedService(depot, options);
        await _bus.StartAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The bus is created and started only inside ExecuteAsync, which has ended once the base class returns.
        await base.StopAsync(cancellationToken);
        if (_bus is not null)
        {
            await _bus.StopAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker at {Host}:{Port} does not accept connections yet; the bus starts once it does")]
    private partial void LogWaiting(string host, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "The broker at {Host}:{Port} accepts connections after {ElapsedMs} ms; starting the bus")]
    private partial void LogReachable(string host, int port, long elapsedMs);
}
