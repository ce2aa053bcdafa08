using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>
/// Which signals were closed. A closure is an audit entry (action <see cref="Action"/>, the commune's
/// path, the key "code:YYYY-MM", the comment as its reason): the audit trail is the record of who
/// closed a flag, when and why, so no second copy is kept.
/// </summary>
public static class SignalClosures
{
    public const string Action = "verification.signal_closed";

    public static string Key(string code, DateOnly period) => code + ":" + VietnameseFormat.PeriodKey(period);

    /// <summary>(commune code, signal code) of the signals closed for <paramref name="period"/> at or under <paramref name="path"/>.</summary>
    public static async Task<HashSet<(string Unit, string Code)>> ClosedAsync(AppDbContext db, string path, DateOnly period, CancellationToken ct)
    {
        var suffix = ":" + VietnameseFormat.PeriodKey(period);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == Action && a.UnitPath != null && a.UnitPath.StartsWith(path) && a.EntityKey.EndsWith(suffix))
            .Select(a => new { a.UnitPath, a.EntityKey })
            .ToListAsync(ct);
        return entries.Select(e => (e.UnitPath!.TrimEnd('/').Split('/')[^1], e.EntityKey[..^suffix.Length])).ToHashSet();
    }
}

/// <summary>
/// Closes a commune's formality signal for a month with a comment (what was checked, what was
/// found): only staff who verify figures above the commune, only a signal that holds and is open;
/// audited.
/// </summary>
public static class CloseFormalitySignal
{
    public const int MaxComment = 2000;

    public sealed record Command(string? Unit, string? Period, string? Code, string? Comment);

    public sealed record Closed(string Unit, string Period, string Code, string Comment);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<Closed>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var found = await VerifiedCommunes.FindAsync(db, scope, command.Unit, today, ct);
            if (!found.IsSuccess)
            {
                return Result<Closed>.Fail(found.Errors);
            }

            var unit = found.Value!;

            var errors = new List<Error>();
            if (!VietnameseFormat.TryParsePeriod(command.Period, out var period))
            {
                errors.Add(Errors.Invalid("verification.period_invalid", "period", command.Period ?? string.Empty));
            }

            var comment = VietnameseText.Clean(command.Comment);
            if (comment.Length == 0)
            {
                errors.Add(Errors.Invalid("verification.comment_required", "comment"));
            }
            else if (comment.Length > MaxComment)
            {
                errors.Add(Errors.Invalid("verification.note_too_long", "comment", MaxComment));
            }

            if (errors.Count > 0)
            {
                return Result<Closed>.Fail(errors);
            }

            var signalCode = (command.Code ?? string.Empty).Trim();
            var open = await SignalRules.EvaluateAsync(db, unit, period, ct);
            var closed = await SignalClosures.ClosedAsync(db, unit.Path, period, ct);
            if (closed.Contains((unit.Code, signalCode)))
            {
                return Errors.Conflict("verification.signal_already_closed", "code", signalCode);
            }

            if (!open.Any(s => s.Code == signalCode))
            {
                return Errors.NotFound("verification.signal_not_found", signalCode, VietnameseFormat.PeriodKey(period));
            }

            AuditLog.Record(db, scope, clock.UtcNow(), SignalClosures.Action, "FormalitySignal", SignalClosures.Key(signalCode, period), unit.Path,
                newValue: new { unit = unit.Code, period = VietnameseFormat.PeriodKey(period), code = signalCode }, reason: comment);
            await db.SaveChangesAsync(ct);
            return new Closed(unit.Code, VietnameseFormat.PeriodKey(period), signalCode, comment);
        }
    }
}
