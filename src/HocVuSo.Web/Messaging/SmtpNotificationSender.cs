using System.Security.Cryptography;
using System.Text;
using HocVuSo.Core.Features.Messaging;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HocVuSo.Web.Messaging;

/// <summary>
/// E-mail through an SMTP server (MailKit): one connection per message, plain-text UTF-8 body.
/// The Message-Id is derived from the outbox idempotency key, so a message delivered twice (the
/// process died before recording the first delivery) carries the same id both times. A 5xx reply
/// to the recipient or the message is permanent (dead letter); anything else is retried by the outbox.
/// </summary>
public sealed class SmtpNotificationSender(IOptionsMonitor<SmtpOptions> options) : INotificationSender
{
    public const string IdempotencyHeader = "X-HocVuSo-Idempotency-Key";

    public async Task SendAsync(NotificationEmail message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.CurrentValue;
        if (!MailboxAddress.TryParse(message.Recipient?.Trim(), out var to) || to.Address.IndexOf('@', StringComparison.Ordinal) <= 0)
        {
            throw new OutboxMessageRefusedException("smtp.bad_recipient: the recipient is not an e-mail address; nothing was sent.");
        }

        using var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(settings.From ?? throw new InvalidOperationException("Messaging:Smtp:From is not set.")));
        mail.To.Add(to);
        mail.Subject = message.Subject;
        mail.MessageId = MessageIdFor(idempotencyKey, mail.From.Mailboxes.First().Domain);
        mail.Headers.Add(IdempotencyHeader, idempotencyKey);
        mail.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.Body };

        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(settings.Host ?? throw new OutboxDestinationNotConfiguredException("Messaging:Smtp:Host is not set."), settings.Port, Security(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            // The server's text may quote the address: keep only the code.
            throw new OutboxMessageRefusedException($"smtp.refused: the server refused the message for good ({(int)e.StatusCode} {e.ErrorCode}).");
        }
        catch (SmtpCommandException e)
        {
            throw new InvalidOperationException($"SMTP server answered {(int)e.StatusCode} ({e.ErrorCode}); retried later.");
        }
        catch (SmtpProtocolException e)
        {
            throw new InvalidOperationException($"SMTP protocol error ({e.GetType().Name}); retried later.");
        }
        catch (AuthenticationException)
        {
            throw new InvalidOperationException("SMTP sign-in refused: check Messaging:Smtp:User and Password; retried later.");
        }
    }

    /// <summary>A stable Message-Id for an idempotency key: the same key always gives the same id.</summary>
    public static string MessageIdFor(string idempotencyKey, string domain)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
        return $"{hash}@{(string.IsNullOrWhiteSpace(domain) ? "hocvuso.local" : domain)}";
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };
}
