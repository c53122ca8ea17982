using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Platform.Notifications.Tests;

/// <summary>A real SMTP server on a port of its own: it keeps every message it takes, and refuses the next ones when the test says so.</summary>
public sealed class SmtpReceiver(int port) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private int _refuse;

    public int Port { get; } = port;

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Refuses the next <paramref name="count"/> messages with a temporary failure, as a server that is unwell.</summary>
    public void Refuse(int count) => Interlocked.Exchange(ref _refuse, count);

    public IEnumerable<MimeMessage> To(string address) => Messages.Where(message => message.To.Mailboxes.Any(mailbox => mailbox.Address == address));

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Port(Port).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _stop.Dispose();
    }

    private sealed class Store(SmtpReceiver receiver) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref receiver._refuse) >= 0)
            {
                return SmtpResponse.MailboxUnavailable;
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            receiver.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
