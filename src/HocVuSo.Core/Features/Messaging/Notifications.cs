using System.Text;
using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Messaging;

/// <summary>
/// Payload of an outbox message of type <c>notification.email</c> (<see cref="NotificationEmail.Type"/>):
/// a message to one person. Enqueue it with <see cref="Notifications.EnqueueEmail"/> in the same
/// unit of work as the change that causes it (e.g. a late-report reminder); the worker hands it
/// to the configured <see cref="INotificationSender"/>.
/// </summary>
/// <param name="Recipient">An e-mail address (or, for other senders, a phone number). Masked wherever it is logged.</param>
/// <param name="Subject">One line, shown in logs: keep personal data out of it.</param>
/// <param name="Body">Plain text; never logged.</param>
public sealed record NotificationEmail(string Recipient, string Subject, string Body)
{
    public const string Type = "notification.email";
}

/// <summary>Sends a notification; throws when it could not, so the outbox retries it.</summary>
public interface INotificationSender
{
    Task SendAsync(NotificationEmail message, string idempotencyKey, CancellationToken cancellationToken);
}

public static class Notifications
{
    /// <summary>Adds a <c>notification.email</c> outbox message without saving; the caller's SaveChanges commits it.</summary>
    public static OutboxMessage EnqueueEmail(this AppDbContext db, TimeProvider clock, string recipient, string subject, string body, string idempotencyKey, string? reference = null) =>
        db.Enqueue(clock, NotificationEmail.Type, new NotificationEmail(recipient, subject, body), idempotencyKey, reference);

    /// <summary>A recipient as logs show it: e-mail "a•••@example.vn", phone "09••••••78".</summary>
    public static string MaskRecipient(string recipient) =>
        (recipient.Contains('@', StringComparison.Ordinal) ? Mask.Email(recipient) : Mask.Phone(recipient)) ?? string.Empty;
}

/// <summary>
/// Delivers <c>notification.email</c> outbox messages through the <see cref="INotificationSender"/>;
/// a message from the community team is refused once its person withdrew consent to that contact.
/// </summary>
public sealed class NotificationEmailHandler(AppDbContext db, INotificationSender sender) : IOutboxHandler
{
    public string Type => NotificationEmail.Type;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await Privacy.OutboxConsent.ThrowIfRefusedAsync(db, message, cancellationToken);
        await sender.SendAsync(message.ReadPayload<NotificationEmail>(), message.IdempotencyKey, cancellationToken);
    }
}

/// <summary>Configuration section <c>Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>
    /// When set, the logging sender also appends one JSON line per delivery to this file (masked
    /// recipient, subject, idempotency key, time): a development mailbox that tests can count.
    /// </summary>
    public string? SinkFile { get; set; }
}

/// <summary>
/// The development and test sender: writes each notification to the log (recipient masked, body
/// length only) and, if configured, to a JSON-lines sink file. An SMTP, SMS or Zalo sender
/// replaces it in production by registering another <see cref="INotificationSender"/>.
/// </summary>
public sealed partial class LoggingNotificationSender(IOptionsMonitor<NotificationOptions> options, TimeProvider clock, ILogger<LoggingNotificationSender> logger) : INotificationSender
{
    private static readonly SemaphoreSlim FileLock = new(1, 1);

    public async Task SendAsync(NotificationEmail message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.Recipient))
        {
            throw new InvalidOperationException("The notification has no recipient.");
        }

        var masked = Notifications.MaskRecipient(message.Recipient.Trim());
        var file = options.CurrentValue.SinkFile;
        if (!string.IsNullOrWhiteSpace(file))
        {
            var line = JsonSerializer.Serialize(new { at = clock.UtcNow(), key = idempotencyKey, recipient = masked, subject = message.Subject, bodyLength = message.Body.Length });
            await FileLock.WaitAsync(cancellationToken);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                await File.AppendAllTextAsync(file, line + "\n", Encoding.UTF8, cancellationToken);
            }
            finally
            {
                FileLock.Release();
            }
        }

        LogSent(logger, masked, message.Subject, message.Body.Length, idempotencyKey);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification to {Recipient}: \"{Subject}\" ({BodyLength} characters), key {IdempotencyKey}.")]
    private static partial void LogSent(ILogger logger, string recipient, string subject, int bodyLength, string idempotencyKey);
}
