using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Messaging;

/// <summary>One notification as the delivery log shows it: the recipient masked, never the text.</summary>
public sealed record DeliveryView(
    long Id, string Channel, string Recipient, string Status, int Attempts, DateTime CreatedAt, DateTime? LastAttemptAt,
    DateTime? DeliveredAt, DateTime NextAttemptAt, string? LastError, string? Reference);

/// <summary>
/// The delivery log (nhật ký gửi thông báo): notifications by e-mail, SMS and Zalo to people of
/// units within the caller's scope, newest first, optionally one channel or one status. Officers
/// and approvers see their unit and everything under it (the <see cref="Permission.ViewAudit"/>
/// scope); administrators of the outbox see every notification, also those that belong to no
/// unit (e.g. to an organisation's contact address).
/// </summary>
public static class ListDeliveries
{
    public const int MaxRows = 200;

    /// <param name="Channel">"email", "sms", "zalo" or empty for all.</param>
    /// <param name="Status">"pending", "delivered", "dead_letter" or empty for all.</param>
    public sealed record Query(string? Channel = null, string? Status = null, int Limit = 100);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<IReadOnlyList<DeliveryView>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ViewAudit))
            {
                return Errors.Forbidden();
            }

            var types = Notifications.Types.ToList();
            if (!string.IsNullOrWhiteSpace(query.Channel))
            {
                if (ParseChannel(query.Channel) is not { } channel)
                {
                    return Errors.Invalid("deliveries.bad_channel", "channel", query.Channel.Trim());
                }

                types = [Notifications.TypeOf(channel)];
            }

            OutboxStatus? status = null;
            if (!string.IsNullOrWhiteSpace(query.Status))
            {
                status = OutboxMessageView.ParseStatus(query.Status);
                if (status is null)
                {
                    return Errors.Invalid("outbox.bad_status", "status", query.Status.Trim());
                }
            }

            var messages = db.OutboxMessages.AsNoTracking().Where(m => types.Contains(m.Type));
            if (status is { } wanted)
            {
                messages = messages.Where(m => m.Status == wanted);
            }

            var withUnit = messages.Where(m => m.UnitPath != null).WithinScope(scope, Permission.ViewAudit, m => m.UnitPath!);
            // Outbox administrators see the whole outbox already (ListOutbox), so the whole log too.
            var visible = scope.Has(Permission.ManageOutbox) ? messages : withUnit;
            var rows = await visible.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(Math.Clamp(query.Limit, 1, MaxRows))
                .Select(m => new { m.Id, m.Type, m.RecipientMasked, m.Status, m.Attempts, m.CreatedAt, m.LastAttemptAt, m.DeliveredAt, m.NextAttemptAt, m.LastError, m.Reference })
                .ToListAsync(ct);
            return rows.Select(m => new DeliveryView(
                m.Id, ChannelName(Notifications.ChannelOf(m.Type)!.Value), m.RecipientMasked ?? string.Empty, OutboxMessageView.StatusName(m.Status), m.Attempts,
                m.CreatedAt, m.LastAttemptAt, m.DeliveredAt, m.NextAttemptAt, m.LastError, m.Reference)).ToList();
        }
    }

    /// <summary>The API's words for a channel: "email", "sms", "zalo".</summary>
    public static string ChannelName(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Sms => "sms",
        NotificationChannel.Zalo => "zalo",
        _ => "email",
    };

    public static NotificationChannel? ParseChannel(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "email" or "e-mail" => NotificationChannel.Email,
        "sms" => NotificationChannel.Sms,
        "zalo" => NotificationChannel.Zalo,
        _ => null,
    };
}
