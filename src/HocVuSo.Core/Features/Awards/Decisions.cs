using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Certification;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Awards;

public sealed record DecisionItemDto(int Nomination, int Scheme, string SchemeTitle, string Kind, string Nominee, string Unit, string Serial, string ShortSignature, bool Revoked);

public sealed record DecisionDto(int Id, string Unit, string UnitName, string Number, DateOnly Date, string Signer, IReadOnlyList<DecisionItemDto> Items, bool Illustrative);

/// <summary>
/// Issues a recognition decision (quyết định công nhận) of a commune or province, by staff who
/// manage plans or approve there: number (unique in the unit), date (not in the future), signer,
/// and the nominations it recognises — each of a scheme of that unit whose appraisal has ended,
/// recommended, and never in an earlier decision. Each item gets a certificate of merit (giấy khen)
/// with a serial and a signature (the certificates' key). All or nothing; audited.
/// </summary>
public static class IssueDecision
{
    /// <summary>The rule version a merit certificate's signature names, so it never reads as a skills certificate.</summary>
    public const string SignedAs = "merit-v1";

    public sealed record Command(string? Unit, string? Number, string? Date, string? Signer, IReadOnlyList<int>? Items);

    public sealed class Handler(AppDbContext db, ScopeService scopes, CertificateSigner signer, TimeProvider clock)
    {
        public async Task<Result<DecisionDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var found = await db.UnitInScopeAsync(scope, (command.Unit ?? string.Empty).Trim(), today, Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var unit = found.Value!;
            if (!scope.Can(Permission.ManagePlans, unit.Path) && !scope.Can(Permission.ApproveReports, unit.Path))
            {
                return Errors.Forbidden();
            }

            var errors = new List<Error>();
            var number = AwardRules.Required(command.Number, "number", 100, errors);
            var signerName = AwardRules.Required(command.Signer, "signer", AwardRules.MaxTitle, errors);
            if (!DateOnly.TryParseExact(command.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date > today)
            {
                errors.Add(Errors.Invalid("awards.decision_date_invalid", "date", command.Date ?? string.Empty));
            }

            if (number is not null && await db.Set<RecognitionDecision>().AnyAsync(d => d.UnitId == unit.Id && d.Number == number, ct))
            {
                errors.Add(Errors.Conflict("awards.decision_number_taken", "number", number));
            }

            var ids = command.Items ?? [];
            if (ids.Count == 0 || ids.Count > AwardRules.MaxItems)
            {
                errors.Add(Errors.Invalid("awards.items_count", "items", AwardRules.MaxItems));
            }

            var chosen = new List<(Nomination Nomination, AwardScheme Scheme)>();
            for (var i = 0; i < ids.Count; i++)
            {
                var field = $"items[{i}]";
                var nomination = await db.Set<Nomination>().FirstOrDefaultAsync(n => n.Id == ids[i], ct);
                var scheme = nomination is null ? null : await db.Set<AwardScheme>().AsNoTracking().FirstAsync(s => s.Id == nomination.SchemeId, ct);
                if (nomination is null || scheme is null || scheme.UnitPath != unit.Path)
                {
                    errors.Add(Errors.Invalid("awards.decision_item_unknown", field, ids[i], unit.FullName));
                }
                else if (chosen.Any(c => c.Nomination.Id == nomination.Id))
                {
                    errors.Add(Errors.Invalid("awards.decision_item_repeated", field, ids[i]));
                }
                else if (nomination.State == NominationState.Recognised || await db.Set<DecisionItem>().AnyAsync(d => d.NominationId == nomination.Id, ct))
                {
                    errors.Add(Errors.Conflict("awards.already_decided", field, ids[i]));
                }
                else if (scheme.AppraisalEndedAt is null)
                {
                    errors.Add(Errors.Invalid("awards.appraisal_not_ended", field, scheme.Title));
                }
                else if (nomination.State == NominationState.NoQuorum)
                {
                    errors.Add(Errors.Invalid("awards.no_quorum", field, ids[i], scheme.Quorum));
                }
                else if (nomination.State == NominationState.Tie)
                {
                    errors.Add(Errors.Invalid("awards.tie", field, ids[i]));
                }
                else if (nomination.State != NominationState.Recommended)
                {
                    errors.Add(Errors.Invalid("awards.not_recommended", field, ids[i], AwardKeys.Key(nomination.State)));
                }
                else
                {
                    chosen.Add((nomination, scheme));
                }
            }

            if (errors.Count > 0)
            {
                return Result<DecisionDto>.Fail(errors);
            }

            var now = clock.UtcNow();
            var decision = new RecognitionDecision { UnitId = unit.Id, UnitPath = unit.Path, Number = number!, Date = date, Signer = signerName!, IssuedByUserId = scope.UserId, IssuedAt = now };
            foreach (var (nomination, scheme) in chosen)
            {
                var serial = CertificateSerials.New(date.Year);
                var recipient = await NominationViews.NomineeNameAsync(db, nomination, full: true, ct);
                decision.Items.Add(new DecisionItem
                {
                    NominationId = nomination.Id, UnitPath = nomination.UnitPath, Model = scheme.Model, RecognisedOn = date, Serial = serial, RecipientName = recipient,
                    Signature = signer.Sign(MeritSignature.Fields(serial, recipient, unit.Code, date, number!)), SigningKeyId = signer.KeyId,
                });
                nomination.State = NominationState.Recognised;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Set<RecognitionDecision>().Add(decision);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Two decisions racing for one nomination: the unique index lets only one through.
                await transaction.RollbackAsync(ct);
                return Errors.Conflict("awards.already_decided", "items", string.Join(", ", ids));
            }

            AuditLog.Record(db, scope, now, "awards.decision_issued", nameof(RecognitionDecision), decision.Id.ToString(CultureInfo.InvariantCulture), unit.Path,
                newValue: new { decision.Number, decision.Date, decision.Signer, items = chosen.Select(c => c.Nomination.Id) });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return await DecisionViews.ViewAsync(db, decision.Id, ct);
        }
    }
}

internal static class MeritSignature
{
    public static CertificateFields Fields(string serial, string recipient, string unitCode, DateOnly date, string decisionNumber) =>
        new(serial, string.Empty, recipient, unitCode, date, IssueDecision.SignedAs + ":" + decisionNumber);
}

/// <summary>The decisions of a unit, newest first (staff who see it).</summary>
public static class ListDecisions
{
    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<DecisionDto>>> HandleAsync(string? unitCode, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var unit = await db.UnitInScopeAsync(scope, (unitCode ?? string.Empty).Trim(), clock.TodayInVietnam(), Permission.ViewStaffData, ct);
            if (!unit.IsSuccess)
            {
                return unit.FirstError;
            }

            var ids = await db.Set<RecognitionDecision>().AsNoTracking().Where(d => d.UnitId == unit.Value!.Id).OrderByDescending(d => d.Date).ThenByDescending(d => d.Id).Select(d => d.Id).ToListAsync(ct);
            var result = new List<DecisionDto>();
            foreach (var id in ids)
            {
                result.Add(await DecisionViews.ViewAsync(db, id, ct));
            }

            return result;
        }
    }
}

internal static class DecisionViews
{
    public static async Task<DecisionDto> ViewAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var decision = await db.Set<RecognitionDecision>().AsNoTracking().Include(d => d.Items).FirstAsync(d => d.Id == id, ct);
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == decision.UnitId, ct);
        var items = new List<DecisionItemDto>();
        foreach (var item in decision.Items.OrderBy(i => i.Id))
        {
            var n = await db.Set<Nomination>().AsNoTracking().FirstAsync(x => x.Id == item.NominationId, ct);
            var scheme = await db.Set<AwardScheme>().AsNoTracking().FirstAsync(s => s.Id == n.SchemeId, ct);
            var code = await db.Units.AsNoTracking().Where(u => u.Id == n.UnitId).Select(u => u.Code).FirstAsync(ct);
            items.Add(new DecisionItemDto(n.Id, scheme.Id, scheme.Title, AwardKeys.Key(n.Kind), await NominationViews.NomineeNameAsync(db, n, full: false, ct), code,
                item.Serial, CertificateSigner.Abbreviate(item.Signature), item.RevokedAt is not null));
        }

        return new DecisionDto(decision.Id, unit.Code, unit.FullName, decision.Number, decision.Date, decision.Signer, items, decision.Illustrative);
    }
}

/// <summary>Revokes a certificate of merit with a reason (staff who manage plans or approve at the decision's unit); the recognition then counts nowhere. Audited.</summary>
public static class RevokeMeritCertificate
{
    public sealed record Command(string? Serial, string? Reason);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<MeritVerification>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var serial = (command.Serial ?? string.Empty).Trim().ToUpperInvariant();
            var item = await db.Set<DecisionItem>().FirstOrDefaultAsync(i => i.Serial == serial, ct);
            var decision = item is null ? null : await db.Set<RecognitionDecision>().AsNoTracking().FirstAsync(d => d.Id == item.DecisionId, ct);
            if (item is null || decision is null || !scope.Can(Permission.ViewStaffData, decision.UnitPath))
            {
                return Errors.NotFound("awards.certificate_not_found", serial);
            }

            if (!scope.Can(Permission.ManagePlans, decision.UnitPath) && !scope.Can(Permission.ApproveReports, decision.UnitPath))
            {
                return Errors.Forbidden();
            }

            if (item.RevokedAt is not null)
            {
                return Errors.Conflict("awards.already_revoked", "serial", serial);
            }

            var errors = new List<Error>();
            var reason = AwardRules.Required(command.Reason, "reason", AwardRules.MaxText, errors);
            if (errors.Count > 0)
            {
                return Result<MeritVerification>.Fail(errors);
            }

            item.RevokedAt = clock.UtcNow();
            item.RevocationReason = reason;
            AuditLog.Record(db, scope, item.RevokedAt.Value, "awards.certificate_revoked", nameof(DecisionItem), serial, item.UnitPath, reason: reason);
            await db.SaveChangesAsync(ct);
            return new MeritVerification(MeritVerification.Revoked, serial, null, null, null, decision.Number, decision.Date, item.RevokedAt, decision.Illustrative);
        }
    }
}
