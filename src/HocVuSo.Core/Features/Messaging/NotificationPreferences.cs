using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Messaging;

/// <summary>The signed-in person's notification channels, and which of them their account can receive (an e-mail address, a phone number).</summary>
public sealed record NotificationPreferencesView(bool Email, bool Sms, bool Zalo, bool HasEmail, bool HasPhone);

/// <summary>The signed-in person reads their notification channels (cài đặt nhận thông báo).</summary>
public static class GetNotificationPreferences
{
    public sealed record Query;

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<NotificationPreferencesView>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is not { } userId)
            {
                return Errors.Forbidden();
            }

            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.NotificationChannels, u.Email, u.PhoneNumber }).FirstOrDefaultAsync(ct);
            if (user is null)
            {
                return Errors.NotFound("notifications.no_account");
            }

            return View(user.NotificationChannels, user.Email, user.PhoneNumber);
        }
    }

    internal static NotificationPreferencesView View(NotificationChannel channels, string? email, string? phone) => new(
        channels.HasFlag(NotificationChannel.Email), channels.HasFlag(NotificationChannel.Sms), channels.HasFlag(NotificationChannel.Zalo),
        !string.IsNullOrWhiteSpace(email), !string.IsNullOrWhiteSpace(phone));
}

/// <summary>
/// The signed-in person chooses the channels on which they receive notifications; each later
/// notification is enqueued on those channels only (<see cref="Notifications.EnqueueToUserAsync"/>).
/// E-mail needs an e-mail address on the account, SMS and Zalo a phone number; choosing none is
/// allowed (the person then receives no reminders). Audited.
/// </summary>
public static class SetNotificationPreferences
{
    public const string AuditAction = "notifications.preferences";

    public sealed record Command(bool Email, bool Sms, bool Zalo);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<NotificationPreferencesView>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (scope.UserId is not { } userId)
            {
                return Errors.Forbidden();
            }

            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
            if (user is null)
            {
                return Errors.NotFound("notifications.no_account");
            }

            var errors = new List<Error>();
            if (command.Email && string.IsNullOrWhiteSpace(user.Email))
            {
                errors.Add(Errors.Invalid("notifications.no_email", "email"));
            }

            if (command.Sms && string.IsNullOrWhiteSpace(user.PhoneNumber))
            {
                errors.Add(Errors.Invalid("notifications.no_phone", "sms"));
            }

            if (command.Zalo && string.IsNullOrWhiteSpace(user.PhoneNumber))
            {
                errors.Add(Errors.Invalid("notifications.no_phone", "zalo"));
            }

            if (errors.Count > 0)
            {
                return Result<NotificationPreferencesView>.Fail(errors);
            }

            var chosen = (command.Email ? NotificationChannel.Email : NotificationChannel.None)
                | (command.Sms ? NotificationChannel.Sms : NotificationChannel.None)
                | (command.Zalo ? NotificationChannel.Zalo : NotificationChannel.None);
            if (chosen != user.NotificationChannels)
            {
                AuditLog.Record(db, scope, clock.UtcNow(), AuditAction, nameof(AppUser), userId, null,
                    oldValue: new { channels = user.NotificationChannels.ToString() }, newValue: new { channels = chosen.ToString() });
                user.NotificationChannels = chosen;
                await db.SaveChangesAsync(ct);
            }

            return GetNotificationPreferences.View(chosen, user.Email, user.PhoneNumber);
        }
    }
}
