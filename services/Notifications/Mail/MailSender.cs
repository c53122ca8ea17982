using System.ComponentModel.DataAnnotations;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Platform.Notifications.Data;
using Platform.ServiceDefaults.Http;

namespace Platform.Notifications.Mail;

/// <summary>The SMTP server feeds are e-mailed through (<c>Notifications:Smtp</c>); without a host no e-mail is sent.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Notifications:Smtp";

    public string? Host { get; set; }

    [Range(1, 65_535)]
    public int Port { get; set; } = 587;

    /// <summary><c>Auto</c> (TLS when the server offers it), <c>StartTls</c>, <c>SslOnConnect</c> or <c>None</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? Username { get; set; }

    public string? Password { get; set; }

    [EmailAddress]
    public string From { get; set; } = "noreply@nyindustrialisering.se";

    /// <summary>How often due e-mail is looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// E-mails each actor's feed as its users asked (<see cref="FeedStore.MailDueAsync"/>): one message per entry, or one
/// digest a day. An entry is marked e-mailed only once the server took the message; while the server is away the
/// entries wait, so none is lost.
/// </summary>
public sealed partial class MailSender(FeedStore feed, IOptions<SmtpOptions> options, ILogger<MailSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Host))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogSendFailed(exception, options.Value.Host!);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SendDueAsync(CancellationToken cancellationToken)
    {
        await using var turn = await feed.TryTakeMailingTurnAsync(cancellationToken);
        if (turn is null)
        {
            return;
        }

        var due = await feed.MailDueAsync(cancellationToken);
        if (due.Count == 0)
        {
            return;
        }

        var settings = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
        }

        foreach (var mail in due)
        {
            foreach (var message in Messages(mail, settings.From))
            {
                await client.SendAsync(message, cancellationToken);
            }

            await feed.MarkEmailedAsync(mail, cancellationToken);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>One message per entry, or the digest of all of them.</summary>
    private static IEnumerable<MimeMessage> Messages(MailDue mail, string from)
    {
        if (!mail.Digest)
        {
            return mail.Entries.Select(entry => Message(mail.Email, from, entry.Text, $"{entry.Text}\n\nNyindustrialisering i norr"));
        }

        var body = new StringBuilder("Det här har hänt sedan förra sammanfattningen:\n\n");
        foreach (var entry in mail.Entries)
        {
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"- {TimeZoneInfo.ConvertTime(entry.CreatedAt, SwedishTime.Zone):yyyy-MM-dd HH:mm}: {entry.Text}\n");
        }

        return [Message(mail.Email, from, $"Sammanfattning: {mail.Entries.Count} händelser", body.Append("\nNyindustrialisering i norr").ToString())];
    }

    private static MimeMessage Message(string to, string from, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject.Length > 150 ? subject[..150] + "…" : subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mailing notifications through {Host} failed; the entries wait for the next try.")]
    private partial void LogSendFailed(Exception exception, string host);
}
