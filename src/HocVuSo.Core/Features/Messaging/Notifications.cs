using System.Text;
using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Messaging;

/// <summary>
/// Payload of a notification outbox message — <c>notification.email</c> (<see cref="NotificationEmail.Type"/>),
/// <c>notification.sms</c> or <c>notification.zalo</c> (<see cref="Notifications.TypeOf"/>): a
/// message to one person. Enqueue it with <see cref="Notifications.EnqueueEmail"/> (or
/// <see cref="Notifications.Enqueue"/> for another channel) in the same unit of work as the change
/// that causes it (e.g. a late-report reminder); the worker hands it to the channel's
/// <see cref="INotificationSender"/>.
/// </summary>
/// <param name="Recipient">An e-mail address (e-mail) or a phone number (SMS, Zalo). Masked wherever it is logged.</param>
/// <param name="Subject">One line, shown in logs: keep personal data out of it. SMS does not carry it.</param>
/// <param name="Body">Plain text; never logged.</param>
public sealed record NotificationEmail(string Recipient, string Subject, string Body)
{
    public const string Type = "notification.email";
}

/// <summary>The ways a notification reaches a person. Flags, so that a set of them is a person's channel preference.</summary>
[Flags]
public enum NotificationChannel
{
    None = 0,
    Email = 1,
    Sms = 2,
    Zalo = 4,
}

/// <summary>
/// Sends a notification on one channel; throws when it could not, so the outbox retries it
/// (<see cref="OutboxMessageRefusedException"/> when the receiver refused it for good: no retry).
/// The e-mail, SMS and Zalo adapters are registered as keyed services under their
/// <see cref="NotificationChannel"/>; the unkeyed registration (the logging sender by default)
/// takes the channels that have no adapter configured.
/// </summary>
public interface INotificationSender
{
    Task SendAsync(NotificationEmail message, string idempotencyKey, CancellationToken cancellationToken);
}

public static class Notifications
{
    public const string SmsType = "notification.sms";
    public const string ZaloType = "notification.zalo";

    /// <summary>Every notification message type, one per channel.</summary>
    public static readonly IReadOnlyList<string> Types = [NotificationEmail.Type, SmsType, ZaloType];

    public static readonly IReadOnlyList<NotificationChannel> Channels = [NotificationChannel.Email, NotificationChannel.Sms, NotificationChannel.Zalo];

    public static string TypeOf(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => NotificationEmail.Type,
        NotificationChannel.Sms => SmsType,
        NotificationChannel.Zalo => ZaloType,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "One channel, not a set."),
    };

    /// <summary>The channel of a notification message type, or null for any other outbox message.</summary>
    public static NotificationChannel? ChannelOf(string type) => type switch
    {
        NotificationEmail.Type => NotificationChannel.Email,
        SmsType => NotificationChannel.Sms,
        ZaloType => NotificationChannel.Zalo,
        _ => null,
    };

    /// <summary>Adds a <c>notification.email</c> outbox message without saving; the caller's SaveChanges commits it.</summary>
    public static OutboxMessage EnqueueEmail(this AppDbContext db, TimeProvider clock, string recipient, string subject, string body, string idempotencyKey, string? reference = null, string? unitPath = null) =>
        db.Enqueue(clock, NotificationChannel.Email, recipient, subject, body, idempotencyKey, reference, unitPath);

    /// <summary>
    /// Adds, without saving, a message to a person's own address: an SMS to their phone when they
    /// have one, otherwise an e-mail. For messages that must reach the person whatever channels they
    /// chose for news (activation codes, notices about their sign-in). Null when they have neither.
    /// </summary>
    public static OutboxMessage? EnqueueToOwnAddress(this AppDbContext db, TimeProvider clock, string? phone, string? email, string subject, string body, string idempotencyKey, string? reference = null, string? unitPath = null) =>
        !string.IsNullOrWhiteSpace(phone) ? db.Enqueue(clock, NotificationChannel.Sms, phone, subject, body, idempotencyKey, reference, unitPath)
        : !string.IsNullOrWhiteSpace(email) ? db.Enqueue(clock, NotificationChannel.Email, email, subject, body, idempotencyKey, reference, unitPath)
        : null;

    /// <summary>
    /// Adds a notification for one channel without saving; the caller's SaveChanges commits it.
    /// The masked recipient and the recipient's unit are kept beside it for the delivery log.
    /// </summary>
    public static OutboxMessage Enqueue(this AppDbContext db, TimeProvider clock, NotificationChannel channel, string recipient, string subject, string body, string idempotencyKey, string? reference = null, string? unitPath = null)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var message = db.Enqueue(clock, TypeOf(channel), new NotificationEmail(recipient, subject, body), idempotencyKey, reference);
        message.RecipientMasked = MaskRecipient(recipient.Trim());
        message.UnitPath = unitPath;
        return message;
    }

    /// <summary>The idempotency key of a notification on <paramref name="channel"/>: the base key for e-mail (as before channels existed), with ":sms" or ":zalo" appended otherwise.</summary>
    public static string KeyFor(string baseKey, NotificationChannel channel) =>
        channel == NotificationChannel.Email ? baseKey : $"{baseKey}:{(channel == NotificationChannel.Sms ? "sms" : "zalo")}";

    /// <summary>
    /// Adds, without saving, one notification per channel the user chose
    /// (<see cref="Accounts.AppUser.NotificationChannels"/>) for which the account has an address:
    /// e-mail to its e-mail address, SMS and Zalo to its phone number. A channel whose message
    /// (same key) is already in the outbox is skipped, so a repeated run sends nothing twice.
    /// Returns the messages added; none when the person chose no channel.
    /// </summary>
    /// <param name="unitPath">The unit the message is about, for the delivery log's scope; the user's own unit when omitted.</param>
    public static async Task<IReadOnlyList<OutboxMessage>> EnqueueToUserAsync(this AppDbContext db, TimeProvider clock, string userId, string subject, string body, string baseKey, string? reference, string? unitPath, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.PhoneNumber, u.NotificationChannels, u.HomeUnitId })
            .FirstOrDefaultAsync(ct);
        if (user is null || user.NotificationChannels == NotificationChannel.None)
        {
            return [];
        }

        unitPath ??= await db.StaffAssignments.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.UnitPath.Length).Select(a => a.UnitPath).FirstOrDefaultAsync(ct)
            ?? await db.Units.AsNoTracking().Where(u => u.Id == user.HomeUnitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        var wanted = Channels.Where(c => user.NotificationChannels.HasFlag(c))
            .Select(c => (Channel: c, Recipient: c == NotificationChannel.Email ? user.Email : user.PhoneNumber, Key: KeyFor(baseKey, c)))
            .Where(w => !string.IsNullOrWhiteSpace(w.Recipient)).ToList();
        var keys = wanted.Select(w => w.Key).ToList();
        var existing = await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct);
        return wanted.Where(w => !existing.Contains(w.Key))
            .Select(w => db.Enqueue(clock, w.Channel, w.Recipient!, subject, body, w.Key, reference, unitPath)).ToList();
    }

    /// <summary>A recipient as logs show it: e-mail "a•••@example.vn", phone "09••••••78".</summary>
    public static string MaskRecipient(string recipient) =>
        (recipient.Contains('@', StringComparison.Ordinal) ? Mask.Email(recipient) : Mask.Phone(recipient)) ?? string.Empty;
}

/// <summary>
/// Delivers the notification messages of one channel through that channel's
/// <see cref="INotificationSender"/> (or the unkeyed one when the channel has no adapter); a
/// message from the community team is refused once its person withdrew consent to that contact.
/// </summary>
public sealed class NotificationHandler(NotificationChannel channel, AppDbContext db, IServiceProvider services) : IOutboxHandler
{
    public string Type => Notifications.TypeOf(channel);

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await Privacy.OutboxConsent.ThrowIfRefusedAsync(db, message, cancellationToken);
        var sender = services.GetKeyedService<INotificationSender>(channel) ?? services.GetRequiredService<INotificationSender>();
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
