using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Idempotency;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Core.Features.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Privacy;

/// <summary>How many records of each kind one run of the retention job deleted.</summary>
public sealed record RetentionResult(IReadOnlyDictionary<string, int> Deleted)
{
    public int Total => Deleted.Values.Sum();
}

/// <summary>
/// Deletes what is past its retention period (<see cref="RetentionOptions"/>), kind by kind, in
/// batches. Safe to run again at any time and on several instances at once: each statement deletes
/// only rows past their period, so a second run finds nothing. Operator task: system scope only.
/// </summary>
public static class ApplyRetention
{
    /// <summary>The kinds, in the order they run; the names are stable (CLI output, audit entry, docs).</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "sign-in-audit", "audit", "delivered-messages", "dead-letters", "activations", "stored-responses",
        "assisted-sessions", "activity-photos", "sandbox-confirmations",
    ];

    private static readonly string[] SignInActions = [AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.LockedOut, AuditActions.AssistedSignIn];

    public sealed class Handler(AppDbContext db, ScopeService scopes, IOptions<RetentionOptions> options, TimeProvider clock)
    {
        public async Task<Result<RetentionResult>> HandleAsync(CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.IsSystem)
            {
                return Errors.Forbidden();
            }

            var settings = options.Value;
            var now = clock.UtcNow();
            var batch = settings.BatchSize;
            var deleted = new Dictionary<string, int>(StringComparer.Ordinal);

            var signInBefore = now - settings.SignInAudit;
            deleted["sign-in-audit"] = await DeleteAsync<AuditEntry, long>(db.AuditEntries.Where(a => SignInActions.Contains(a.Action) && a.At < signInBefore), batch, ct);
            var auditBefore = now - settings.Audit;
            deleted["audit"] = await DeleteAsync<AuditEntry, long>(db.AuditEntries.Where(a => a.At < auditBefore), batch, ct);

            var deliveredBefore = now - settings.DeliveredMessages;
            deleted["delivered-messages"] = await DeleteAsync<OutboxMessage, long>(
                db.OutboxMessages.Where(m => m.Status == OutboxStatus.Delivered && m.DeliveredAt < deliveredBefore), batch, ct);
            var deadBefore = now - settings.DeadLetters;
            deleted["dead-letters"] = await DeleteAsync<OutboxMessage, long>(
                db.OutboxMessages.Where(m => m.Status == OutboxStatus.DeadLetter && (m.LastAttemptAt ?? m.CreatedAt) < deadBefore), batch, ct);

            var activationsBefore = now - settings.Activations;
            deleted["activations"] = await DeleteAsync<AccountActivation, Guid>(
                db.AccountActivations.Where(a => (a.UsedAt ?? a.ExpiresAt) < activationsBefore), batch, ct);
            var responsesBefore = now - settings.StoredResponses;
            deleted["stored-responses"] = await DeleteAsync<StoredResponse, long>(db.StoredResponses.Where(r => r.CreatedAt < responsesBefore), batch, ct);
            var sessionsBefore = now - settings.AssistedSessions;
            deleted["assisted-sessions"] = await DeleteAsync<AssistedSession, Guid>(
                db.AssistedSessions.Where(s => (s.EndedAt ?? s.StartedAt) < sessionsBefore), batch, ct);
            var photosBefore = now - settings.ActivityPhotos;
            deleted["activity-photos"] = await DeleteAsync<ActivityPhoto, int>(db.ActivityPhotos.Where(p => p.UploadedAt < photosBefore), batch, ct);
            var sandboxBefore = now - settings.SandboxConfirmations;
            deleted["sandbox-confirmations"] = await DeleteAsync<VneidSandboxConfirmation, long>(
                db.VneidSandboxConfirmations.Where(c => c.LastReceivedAt < sandboxBefore), batch, ct);

            var result = new RetentionResult(deleted);
            if (result.Total > 0)
            {
                // Recorded after the deletions, so the entry itself is never among them.
                AuditLog.Record(db, scope, now, AuditActions.RetentionApplied, "Retention", now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    unitPath: null, newValue: deleted.Where(d => d.Value > 0).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal));
                await db.SaveChangesAsync(ct);
            }

            return result;
        }

        /// <summary>Deletes the matching rows a batch at a time (their ids first, then one DELETE per batch); every kind's key is <c>Id</c>.</summary>
        private static async Task<int> DeleteAsync<T, TKey>(IQueryable<T> due, int batch, CancellationToken ct)
            where T : class
        {
            var total = 0;
            while (true)
            {
                var ids = await due.Select(e => EF.Property<TKey>(e, "Id")).Order().Take(batch).ToListAsync(ct);
                if (ids.Count == 0)
                {
                    return total;
                }

                total += await due.Where(e => ids.Contains(EF.Property<TKey>(e, "Id"))).ExecuteDeleteAsync(ct);
                if (ids.Count < batch)
                {
                    return total;
                }
            }
        }
    }
}
