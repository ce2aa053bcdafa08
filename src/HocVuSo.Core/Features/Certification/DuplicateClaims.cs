using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

internal static class DuplicateClaims
{
    /// <summary>Records (once) that <paramref name="claimantUserId"/> tried to record the number <paramref name="holderUserId"/> holds.</summary>
    public static async Task RecordAsync(AppDbContext db, TimeProvider clock, string claimantUserId, string holderUserId, string? unitPath, CancellationToken ct)
    {
        var open = await db.DuplicateIdentityClaims.AnyAsync(
            c => c.Status == DuplicateClaimStatus.Open && c.ClaimantUserId == claimantUserId && c.HolderUserId == holderUserId, ct);
        if (open)
        {
            return;
        }

        db.DuplicateIdentityClaims.Add(new DuplicateIdentityClaim
        {
            ClaimantUserId = claimantUserId,
            HolderUserId = holderUserId,
            UnitPath = unitPath,
            CreatedAt = clock.UtcNow(),
            Status = DuplicateClaimStatus.Open,
        });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>One open duplicate claim as officers see it: the two accounts, where they live, what each has done.</summary>
public sealed record DuplicateClaimView(
    int Id, DateTime CreatedAt,
    string ClaimantUserName, string ClaimantName, string? ClaimantUnit, string ClaimantCertification,
    string HolderUserName, string HolderName, string? HolderUnit, string HolderCertification,
    string ClaimantLogin = "", string HolderLogin = "");

/// <summary>Open duplicate claims in the officer's scope (identity managers only), oldest first.</summary>
public static class ListDuplicateClaims
{
    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<IReadOnlyList<DuplicateClaimView>>> HandleAsync(CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageIdentities))
            {
                return Errors.Forbidden();
            }

            // Both people by joins on their keys: a sub-select of a whole object per row is run by EF
            // as a window over every account before joining.
            var rows = await (
                from c in db.DuplicateIdentityClaims.AsNoTracking()
                    .Where(c => c.Status == DuplicateClaimStatus.Open && c.UnitPath != null)
                    .WithinScope(scope, Permission.ManageIdentities, c => c.UnitPath!)
                    .OrderBy(c => c.CreatedAt).Take(500)
                join claimant in db.Users on c.ClaimantUserId equals claimant.Id
                join holder in db.Users on c.HolderUserId equals holder.Id
                orderby c.CreatedAt
                select new
                {
                    c.Id,
                    c.CreatedAt,
                    Claimant = new { claimant.UserName, claimant.FullName, claimant.PhoneNumber, claimant.Email, Unit = db.Units.Where(x => x.Id == claimant.HomeUnitId).Select(x => x.FullName).FirstOrDefault() },
                    Holder = new { holder.UserName, holder.FullName, holder.PhoneNumber, holder.Email, Unit = db.Units.Where(x => x.Id == holder.HomeUnitId).Select(x => x.FullName).FirstOrDefault() },
                    ClaimantStatus = db.Certifications.Where(x => x.UserId == c.ClaimantUserId).Select(x => (CertificationStatus?)x.Status).FirstOrDefault(),
                    HolderStatus = db.Certifications.Where(x => x.UserId == c.HolderUserId).Select(x => (CertificationStatus?)x.Status).FirstOrDefault(),
                })
                .ToListAsync(ct);
            return rows.Select(r => new DuplicateClaimView(
                r.Id, r.CreatedAt,
                r.Claimant.UserName ?? string.Empty, r.Claimant.FullName, r.Claimant.Unit, r.ClaimantStatus is { } a ? CertificationView.StatusName(a) : "none",
                r.Holder.UserName ?? string.Empty, r.Holder.FullName, r.Holder.Unit, r.HolderStatus is { } b ? CertificationView.StatusName(b) : "none",
                LoginNames.Display(r.Claimant.UserName, r.Claimant.PhoneNumber, r.Claimant.Email), LoginNames.Display(r.Holder.UserName, r.Holder.PhoneNumber, r.Holder.Email))).ToList();
        }
    }
}

/// <summary>
/// An officer who manages identities where both accounts live merges a duplicate: the attempts,
/// lesson progress, assisted sessions, certification and digital-identity statuses of the dropped
/// account move to the kept one (the earlier of two certificates stays; the other is revoked), the
/// identification number ends up with the kept account, and the dropped account is locked, so the
/// person is counted once. All in one transaction, audited.
/// </summary>
public static class MergeDuplicateIdentity
{
    /// <param name="Keep">"holder" (default: the account that holds the number) or "claimant".</param>
    /// <param name="Comment">Why, optional; kept in the audit trail and shown with the officers' decisions.</param>
    public sealed record Command(int ClaimId, string? Keep, string? Comment = null);

    public sealed record Merged(string KeptUserName, string DisabledUserName, int AttemptsMoved, int LessonsMoved, string? CertificateSerial);

    public sealed class Handler(AppDbContext db, ScopeService scopes, PersonalDataProtector protector, TimeProvider clock)
    {
        public async Task<Result<Merged>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageIdentities))
            {
                return Errors.Forbidden();
            }

            var claim = await db.DuplicateIdentityClaims.FirstOrDefaultAsync(c => c.Id == command.ClaimId, ct);
            if (claim is null)
            {
                return Errors.NotFound("duplicate.not_found", command.ClaimId);
            }

            var keep = (command.Keep ?? "holder").Trim().ToLowerInvariant();
            if (keep is not ("holder" or "claimant"))
            {
                return Errors.Invalid("duplicate.keep_invalid", "keep", command.Keep ?? string.Empty);
            }

            var commentChecked = VietnameseText.Check(command.Comment, "comment", CertificationDecisions.MaxCommentLength, TextShape.MultiLine);
            if (!commentChecked.IsSuccess)
            {
                return commentChecked.FirstError;
            }

            var comment = commentChecked.Value!;
            var keptId = keep == "holder" ? claim.HolderUserId : claim.ClaimantUserId;
            var droppedId = keep == "holder" ? claim.ClaimantUserId : claim.HolderUserId;
            var users = await db.Users.Where(u => u.Id == keptId || u.Id == droppedId).ToDictionaryAsync(u => u.Id, ct);
            var paths = await db.Units.Where(u => users.Values.Select(x => x.HomeUnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
            foreach (var user in users.Values)
            {
                var path = user.HomeUnitId is { } unitId && paths.TryGetValue(unitId, out var p) ? p : "/";
                if (scope.Check(Permission.ManageIdentities, path) is { } forbidden)
                {
                    return forbidden;
                }
            }

            if (claim.Status != DuplicateClaimStatus.Open)
            {
                return Errors.Conflict("duplicate.already_resolved", null, claim.Id);
            }

            if (users.Count != 2)
            {
                return Errors.NotFound("duplicate.not_found", command.ClaimId);
            }

            var kept = users[keptId];
            var dropped = users[droppedId];
            var now = clock.UtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);

            var attempts = await db.QuizAttempts.Where(a => a.UserId == droppedId).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserId, keptId), ct);
            await db.AssistedSessions.Where(s => s.LearnerUserId == droppedId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LearnerUserId, keptId), ct);

            var keptLessons = await db.LessonProgress.Where(p => p.UserId == keptId).Select(p => p.CourseSlug + "/" + p.LessonSlug).ToListAsync(ct);
            var droppedLessons = await db.LessonProgress.Where(p => p.UserId == droppedId).ToListAsync(ct);
            var lessons = 0;
            foreach (var progress in droppedLessons)
            {
                if (keptLessons.Contains(progress.CourseSlug + "/" + progress.LessonSlug))
                {
                    db.LessonProgress.Remove(progress);
                }
                else
                {
                    progress.UserId = keptId;
                    lessons++;
                }
            }

            // Certification: at most one per person. The earlier certificate stays; a later duplicate is revoked and stays with the locked account.
            var certifications = await db.Certifications.Where(c => c.UserId == keptId || c.UserId == droppedId).ToListAsync(ct);
            var keptCertification = certifications.FirstOrDefault(c => c.UserId == keptId);
            var droppedCertification = certifications.FirstOrDefault(c => c.UserId == droppedId);
            if (droppedCertification is not null)
            {
                if (keptCertification is null)
                {
                    droppedCertification.UserId = keptId;
                    droppedCertification.Revision++;
                }
                else if (droppedCertification.Status == CertificationStatus.Certified && keptCertification.Status != CertificationStatus.Certified)
                {
                    db.Certifications.Remove(keptCertification);
                    await db.SaveChangesAsync(ct);
                    droppedCertification.UserId = keptId;
                    droppedCertification.Revision++;
                }
                else if (droppedCertification.Status == CertificationStatus.Certified)
                {
                    droppedCertification.Status = CertificationStatus.Revoked;
                    droppedCertification.RevokedAt = now;
                    droppedCertification.RevokedByUserId = scope.UserId;
                    droppedCertification.RevocationReason = "Hồ sơ trùng đã được gộp vào tài khoản khác.";
                    droppedCertification.Revision++;
                }
                else
                {
                    db.Certifications.Remove(droppedCertification);
                }
            }

            var statuses = await db.DigitalIdentityStatuses.Where(s => s.UserId == keptId || s.UserId == droppedId).ToListAsync(ct);
            var droppedStatus = statuses.FirstOrDefault(s => s.UserId == droppedId);
            if (droppedStatus is not null)
            {
                var keptStatus = statuses.FirstOrDefault(s => s.UserId == keptId);
                if (keptStatus is null)
                {
                    droppedStatus.UserId = keptId;
                }
                else
                {
                    if (keptStatus.VneidLevel2On is null)
                    {
                        (keptStatus.VneidLevel2On, keptStatus.VneidLevel2Source, keptStatus.VneidLevel2RecordedAt) = (droppedStatus.VneidLevel2On, droppedStatus.VneidLevel2Source, droppedStatus.VneidLevel2RecordedAt);
                    }

                    if (keptStatus.DigitalSignatureOn is null)
                    {
                        (keptStatus.DigitalSignatureOn, keptStatus.DigitalSignatureSource, keptStatus.DigitalSignatureRecordedAt) = (droppedStatus.DigitalSignatureOn, droppedStatus.DigitalSignatureSource, droppedStatus.DigitalSignatureRecordedAt);
                    }

                    db.DigitalIdentityStatuses.Remove(droppedStatus);
                }
            }

            // The number: kept by the holder, or re-encrypted for the claimant (a cipher is bound to its owner).
            if (keptId == claim.ClaimantUserId)
            {
                var identities = await db.PersonIdentities.Where(p => p.UserId == keptId || p.UserId == droppedId).ToListAsync(ct);
                var held = identities.FirstOrDefault(p => p.UserId == droppedId);
                if (held is not null)
                {
                    var own = identities.FirstOrDefault(p => p.UserId == keptId);
                    if (own is not null)
                    {
                        db.PersonIdentities.Remove(own);
                    }

                    var number = protector.UnprotectNumber(held);
                    var cipher = protector.Protect(number, IdentityTarget.ContextFor(keptId));
                    db.PersonIdentities.Remove(held);
                    await db.SaveChangesAsync(ct);
                    db.PersonIdentities.Add(new PersonIdentity
                    {
                        UserId = keptId,
                        IdNumberCipher = cipher.Cipher,
                        KeyId = cipher.KeyId,
                        IdNumberHash = held.IdNumberHash,
                        BirthYear = held.BirthYear,
                        Gender = held.Gender,
                        RecordedAt = now,
                        RecordedByUserId = scope.UserId,
                    });
                }
            }

            dropped.LockoutEnabled = true;
            dropped.LockoutEnd = DateTimeOffset.MaxValue;
            dropped.SecurityStamp = Guid.NewGuid().ToString("N");
            claim.Status = DuplicateClaimStatus.Merged;
            claim.ResolvedAt = now;
            claim.ResolvedByUserId = scope.UserId;
            claim.KeptUserId = keptId;
            var serial = (droppedCertification?.UserId == keptId ? droppedCertification : keptCertification)?.Serial;
            AuditLog.Record(db, scope, now, CertificationAuditActions.Merged, nameof(DuplicateIdentityClaim), claim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), claim.UnitPath,
                oldValue: new { claimant = users[claim.ClaimantUserId].UserName, holder = users[claim.HolderUserId].UserName },
                newValue: new { kept = kept.UserName, disabled = dropped.UserName, attempts, lessons, certificate = serial }, reason: comment.Length == 0 ? null : comment);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Merged(kept.UserName ?? string.Empty, dropped.UserName ?? string.Empty, attempts, lessons, serial);
        }
    }
}
