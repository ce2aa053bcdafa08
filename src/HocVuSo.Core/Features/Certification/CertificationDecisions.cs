using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>One decision on certification as the staff page lists it: who decided what, when, and why.</summary>
public sealed record CertificationDecision(DateTime At, string? Actor, string Action, string? Serial, string? Reason);

/// <summary>
/// The officers' decisions on certification in a unit and below — sign-offs, revocations and
/// merges of duplicate accounts — newest first, with the comment or reason each was given,
/// read from the audit trail for staff who may view data there.
/// </summary>
public static class CertificationDecisions
{
    /// <summary>The longest comment or reason a decision keeps.</summary>
    public const int MaxCommentLength = TextLimits.Comment;

    private static readonly string[] Actions = [CertificationAuditActions.SignedOff, CertificationAuditActions.Revoked, CertificationAuditActions.Merged];

    public sealed record Query(string UnitCode, int Limit = 100);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<CertificationDecision>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, clock.TodayInVietnam(), Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return Result<IReadOnlyList<CertificationDecision>>.Fail(found.Errors);
            }

            var path = found.Value!.Path;
            var rows = await db.AuditEntries.AsNoTracking()
                .Where(a => Actions.Contains(a.Action) && a.UnitPath != null && a.UnitPath.StartsWith(path))
                .OrderByDescending(a => a.Id).Take(Math.Clamp(query.Limit, 1, 500))
                .Select(a => new { a.At, a.ActorName, a.Action, a.NewValue, a.Reason })
                .ToListAsync(ct);
            return rows.Select(r => new CertificationDecision(r.At, r.ActorName, r.Action, SerialOf(r.NewValue), r.Reason)).ToList();
        }

        /// <summary>The certificate a decision concerns, as its audit entry recorded it (serial, or the merge's certificate).</summary>
        private static string? SerialOf(string? json)
        {
            if (json is null)
            {
                return null;
            }

            using var document = System.Text.Json.JsonDocument.Parse(json);
            foreach (var name in new[] { "Serial", "serial", "certificate" })
            {
                if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                    && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    return value.GetString();
                }
            }

            return null;
        }
    }
}

/// <summary>
/// An officer who manages identities in the learner's unit signs off a certification whose evidence
/// all came from assisted sessions (when the rule allows it): the certificate is issued and the
/// VNeID confirmation enqueued in the same save; the sign-off is audited.
/// </summary>
public static class SignOffCertification
{
    public sealed record Command(string? UserName, string? Note);

    public sealed class Handler(AppDbContext db, ScopeService scopes, CertificateIssuer issuer, LoginNames loginNames, TimeProvider clock)
    {
        public async Task<Result<CertificationView>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageIdentities))
            {
                return Errors.Forbidden();
            }

            var normalized = loginNames.ResolveNormalized(command.UserName);
            var user = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => new { u.Id, u.UserName }).FirstOrDefaultAsync(ct);
            var certification = user is null ? null : await db.Certifications.FirstOrDefaultAsync(c => c.UserId == user.Id, ct);
            if (user is null || certification is null)
            {
                return Errors.NotFound("certification.not_found", (command.UserName ?? string.Empty).Trim());
            }

            if (scope.CheckHidden(Permission.ManageIdentities, certification.UnitPath ?? "/", Errors.NotFound("certification.not_found", (command.UserName ?? string.Empty).Trim())) is { } hidden)
            {
                return hidden;
            }

            if (certification.Status != CertificationStatus.AwaitingSignOff)
            {
                return Errors.Conflict("certification.not_awaiting", null, user.UserName ?? string.Empty);
            }

            var noteChecked = VietnameseText.Check(command.Note, "note", CertificationDecisions.MaxCommentLength, TextShape.MultiLine);
            if (!noteChecked.IsSuccess)
            {
                return noteChecked.FirstError;
            }

            var note = noteChecked.Value!;
            var rule = await db.CertificationRules.AsNoTracking().FirstAsync(r => r.Id == certification.RuleId, ct);
            if (rule.AssistedPolicy == AssistedEvidencePolicy.UnassistedCheckOnly)
            {
                return Errors.Conflict("certification.sign_off_not_allowed", null, rule.Version);
            }

            var now = clock.UtcNow();
            certification.SignedOffAt = now;
            certification.SignedOffByUserId = scope.UserId;
            certification.Revision++;
            await issuer.IssueAsync(certification, ct);
            AuditLog.Record(db, scope, now, CertificationAuditActions.SignedOff, nameof(PersonCertification), certification.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                certification.UnitPath, newValue: new { certification.Serial, certification.RuleVersion, evidence = certification.EvidenceAttemptIds },
                reason: note.Length == 0 ? null : note);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Errors.Conflict("certification.changed_meanwhile", null);
            }

            return CertificationView.From(certification);
        }
    }
}

/// <summary>
/// An officer who manages identities where the certificate was issued revokes it, with a reason
/// (required, audited). A revoked certificate verifies as "revoked" from then on.
/// </summary>
public static class RevokeCertificate
{
    public sealed record Command(string? Serial, string? Reason);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<CertificationView>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageIdentities))
            {
                return Errors.Forbidden();
            }

            var serial = (command.Serial ?? string.Empty).Trim().ToUpperInvariant();
            var certification = await db.Certifications.FirstOrDefaultAsync(c => c.Serial == serial, ct);
            if (certification is null)
            {
                return Errors.NotFound("certificate.not_found", serial);
            }

            if (scope.CheckHidden(Permission.ManageIdentities, certification.UnitPath ?? "/", Errors.NotFound("certificate.not_found", serial)) is { } hidden)
            {
                return hidden;
            }

            var reasonChecked = VietnameseText.Check(command.Reason, "reason", CertificationDecisions.MaxCommentLength, TextShape.MultiLine);
            if (!reasonChecked.IsSuccess)
            {
                return reasonChecked.FirstError;
            }

            var reason = reasonChecked.Value!;
            if (reason.Length == 0)
            {
                return Errors.Invalid("certificate.reason_required", "reason");
            }

            if (certification.Status == CertificationStatus.Revoked)
            {
                return Errors.Conflict("certificate.already_revoked", null, serial);
            }

            var now = clock.UtcNow();
            certification.Status = CertificationStatus.Revoked;
            certification.RevokedAt = now;
            certification.RevokedByUserId = scope.UserId;
            certification.RevocationReason = reason;
            certification.Revision++;
            AuditLog.Record(db, scope, now, CertificationAuditActions.Revoked, nameof(PersonCertification), certification.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                certification.UnitPath, oldValue: new { status = "valid" }, newValue: new { status = "revoked", serial }, reason: reason);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Errors.Conflict("certification.changed_meanwhile", null);
            }

            return CertificationView.From(certification);
        }
    }
}
