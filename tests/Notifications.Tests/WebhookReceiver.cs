using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Notifications.Tests;

/// <summary>A request the receiver took: its headers and body.</summary>
public sealed record Received(string Path, HeaderDictionary Headers, string Body)
{
    public string WebhookId => Headers["webhook-id"].ToString();

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>A real HTTP receiver on a port of its own on 127.0.0.1: it records every request and answers as the test says.</summary>
public sealed class WebhookReceiver(int port) : IAsyncDisposable
{
    private WebApplication? _app;

    public int Port { get; } = port;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status code for a request (200 unless the test says otherwise).</summary>
    public Func<Received, int> Answer { get; set; } = _ => 200;

    /// <summary>Where the receiver redirects (307) every request, when set.</summary>
    public string? RedirectTo { get; set; }

    /// <summary>How long the receiver takes before it answers: a slow receiver.</summary>
    public TimeSpan Delay { get; set; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver(FreePort());
        await receiver.StartListeningAsync();
        return receiver;
    }

    /// <summary>A port nothing listens on now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async Task StartListeningAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var headers = new HeaderDictionary();
            foreach (var (name, value) in context.Request.Headers)
            {
                headers[name] = value;
            }

            var received = new Received(context.Request.Path, headers, await reader.ReadToEndAsync(context.RequestAborted));
            Requests.Enqueue(received);
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, context.RequestAborted);
            }

            return RedirectTo is { } target ? Results.Redirect(target, permanent: false, preserveMethod: true) : Results.Text("thanks", statusCode: Answer(received));
        });
        await _app.StartAsync();
    }

    public IEnumerable<Received> For(Guid eventId) => Requests.Where(request => request.WebhookId == eventId.ToString());

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
