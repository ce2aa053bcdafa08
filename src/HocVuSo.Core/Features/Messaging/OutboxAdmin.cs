using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Messaging;

/// <summary>One outbox message as administrators see it: never the payload (it may carry personal data).</summary>
public sealed record OutboxMessageView(
    long Id, string Type, string? Reference, string Status, int Attempts, DateTime CreatedAt, DateTime NextAttemptAt,
    DateTime? LastAttemptAt, DateTime? DeliveredAt, string? LastError, bool Locked)
{
    internal static OutboxMessageView From(OutboxMessage m, DateTime now) => new(
        m.Id, m.Type, m.Reference, StatusName(m.Status), m.Attempts, m.CreatedAt, m.NextAttemptAt, m.LastAttemptAt, m.DeliveredAt, m.LastError,
        m.LockedUntil is { } until && until > now);

    /// <summary>The API's words: "pending", "delivered", "dead_letter".</summary>
    public static string StatusName(OutboxStatus status) => status switch
    {
        OutboxStatus.Delivered => "delivered",
        OutboxStatus.DeadLetter => "dead_letter",
        _ => "pending",
    };

    public static OutboxStatus? ParseStatus(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "pending" => OutboxStatus.Pending,
        "delivered" => OutboxStatus.Delivered,
        "dead_letter" or "deadletter" or "dead-letter" => OutboxStatus.DeadLetter,
        _ => null,
    };
}

public sealed record OutboxCounts(int Pending, int Failing, int DeadLetter, int Delivered);

public sealed record OutboxListing(OutboxCounts Counts, IReadOnlyList<OutboxMessageView> Messages);

/// <summary>
/// The outbox for administrators: pending messages (those that failed at least once first),
/// dead letters, and the most recently delivered, optionally one status only.
/// </summary>
public static class ListOutbox
{
    public const int MaxRows = 200;

    /// <param name="Status">"pending", "dead_letter", "delivered" or empty for all.</param>
    public sealed record Query(string? Status, int Limit = 100);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<OutboxListing>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageOutbox))
            {
                return Errors.Forbidden();
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

            var limit = Math.Clamp(query.Limit, 1, MaxRows);
            var now = clock.UtcNow();
            var counts = await db.OutboxMessages.GroupBy(m => new { m.Status, Failing = m.Attempts > 0 })
                .Select(g => new { g.Key.Status, g.Key.Failing, Count = g.Count() }).ToListAsync(ct);
            var summary = new OutboxCounts(
                counts.Where(c => c.Status == OutboxStatus.Pending).Sum(c => c.Count),
                counts.Where(c => c.Status == OutboxStatus.Pending && c.Failing).Sum(c => c.Count),
                counts.Where(c => c.Status == OutboxStatus.DeadLetter).Sum(c => c.Count),
                counts.Where(c => c.Status == OutboxStatus.Delivered).Sum(c => c.Count));

            var rows = new List<OutboxMessage>();
            if (status is null or OutboxStatus.DeadLetter)
            {
                rows.AddRange(await db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.DeadLetter)
                    .OrderByDescending(m => m.LastAttemptAt).ThenByDescending(m => m.Id).Take(limit).ToListAsync(ct));
            }

            if (status is null or OutboxStatus.Pending)
            {
                rows.AddRange(await db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending)
                    .OrderByDescending(m => m.Attempts > 0).ThenBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(limit).ToListAsync(ct));
            }

            if (status is null or OutboxStatus.Delivered)
            {
                rows.AddRange(await db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Delivered)
                    .OrderByDescending(m => m.DeliveredAt).ThenByDescending(m => m.Id).Take(limit).ToListAsync(ct));
            }

            return new OutboxListing(summary, rows.Select(m => OutboxMessageView.From(m, now)).ToList());
        }
    }
}

/// <summary>
/// An administrator sends a failed or dead-letter message again now: it becomes pending, due
/// immediately, with its attempts kept for the record. Delivered messages are not sent twice.
/// Audited.
/// </summary>
public static class RetryOutboxMessage
{
    public const string AuditAction = "outbox.retry";

    /// <param name="Comment">Why it is sent again, optional; kept in the audit trail.</param>
    public sealed record Command(long Id, string? Comment = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<OutboxMessageView>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageOutbox))
            {
                return Errors.Forbidden();
            }

            var commentChecked = VietnameseText.Check(command.Comment, "comment", TextLimits.Comment, TextShape.MultiLine);
            if (!commentChecked.IsSuccess)
            {
                return commentChecked.FirstError;
            }

            var comment = commentChecked.Value!;
            var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == command.Id, ct);
            if (message is null)
            {
                return Errors.NotFound("outbox.not_found", command.Id);
            }

            if (message.Status == OutboxStatus.Delivered)
            {
                return Errors.Conflict("outbox.already_delivered", null, command.Id);
            }

            if (message.Status == OutboxStatus.Pending && message.Attempts == 0)
            {
                return Errors.Conflict("outbox.not_failed", null, command.Id);
            }

            // Sending it again would process personal data its person no longer consents to.
            if (await Privacy.OutboxConsent.RefusalAsync(db, message, ct) is { } refusal)
            {
                return refusal;
            }

            var now = clock.UtcNow();
            if (message.LockedUntil is { } until && until > now)
            {
                // A dispatcher is delivering it right now; its outcome comes first.
                return Errors.Conflict("outbox.busy", null, command.Id);
            }

            var old = new { status = OutboxMessageView.StatusName(message.Status), message.Attempts, message.NextAttemptAt, message.LastError };
            message.Status = OutboxStatus.Pending;
            message.NextAttemptAt = now;
            message.LockedUntil = null;
            message.ClaimToken = null;
            AuditLog.Record(db, scope, now, AuditAction, nameof(OutboxMessage), message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
                oldValue: old, newValue: new { status = "pending", message.Type, message.Reference, nextAttemptAt = now }, reason: comment.Length == 0 ? null : comment);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A dispatcher claimed it in the meantime.
                return Errors.Conflict("outbox.busy", null, command.Id);
            }

            return OutboxMessageView.From(message, now);
        }
    }
}
