using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Messaging;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Privacy;

/// <summary>
/// An officer who manages identities in the learner's home unit completes a deletion request: the
/// account is anonymised — name, phone, e-mail, sign-in name, password, external logins, the
/// identification number (cipher and hash) and any unsent messages to the person are removed, and
/// the account is locked so no one can sign in to it again. The learning records stay under the
/// anonymous account id, so the indicators keep the same counts; a certificate is revoked with the
/// reason "<see cref="DeletionRequests.RevocationReason"/>" and its holder's name and number erased,
/// and it still counts (<see cref="PersonCertification.ErasedAtHolderRequest"/>). Everything happens
/// in one transaction and is audited (who completed it, when); outside the officer's scope the
/// request is not found.
/// </summary>
public static class CompleteDeletion
{
    public sealed record Command(int RequestId);

    public sealed record Completed(int RequestId, DateTime CompletedAt, string? RevokedSerial);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<Completed>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var notFound = Errors.NotFound("privacy.request_not_found", command.RequestId);
            if (!scope.Has(Permission.ManageIdentities))
            {
                return notFound;
            }

            var request = await db.DeletionRequests.FirstOrDefaultAsync(r => r.Id == command.RequestId, ct);
            if (request is null || scope.CheckHidden(Permission.ManageIdentities, request.UnitPath, notFound) is not null)
            {
                return notFound;
            }

            if (request.Status != DeletionRequestStatus.Open)
            {
                return Errors.Conflict("privacy.request_already_completed", null, command.RequestId);
            }

            var now = clock.UtcNow();
            var userId = request.UserId;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
            Anonymise(user);
            await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
            await db.AccountActivations.Where(a => a.UserId == userId).ExecuteDeleteAsync(ct);
            await db.PersonIdentities.Where(p => p.UserId == userId).ExecuteDeleteAsync(ct);
            await db.StoredResponses.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
            // Messages to the person (activation codes, team contacts) carry their phone or e-mail.
            await db.OutboxMessages.Where(m => m.Reference == userId && Notifications.Types.Contains(m.Type)).ExecuteDeleteAsync(ct);
            // The person's own sign-ins named them by their sign-in handle, a keyed hash of their phone or e-mail.
            await db.AuditEntries.Where(a => a.ActorUserId == userId).ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorName, (string?)null), ct);

            var certification = await db.Certifications.FirstOrDefaultAsync(c => c.UserId == userId, ct);
            string? revoked = null;
            if (certification is not null && certification.Status != CertificationStatus.Revoked)
            {
                certification.ErasedAtHolderRequest = certification.Status == CertificationStatus.Certified;
                certification.Status = CertificationStatus.Revoked;
                certification.RevokedAt = now;
                certification.RevokedByUserId = scope.UserId;
                certification.RevocationReason = DeletionRequests.RevocationReason;
                certification.Revision++;
                revoked = certification.Serial;
                AuditLog.Record(db, scope, now, CertificationAuditActions.Revoked, nameof(PersonCertification), certification.Id.ToString(CultureInfo.InvariantCulture),
                    certification.UnitPath, oldValue: new { status = "valid" }, newValue: new { status = "revoked", serial = certification.Serial }, reason: DeletionRequests.RevocationReason);
            }

            if (certification is not null)
            {
                certification.HolderName = null;
                certification.MaskedIdNumber = null;
            }

            request.Status = DeletionRequestStatus.Completed;
            request.CompletedAt = now;
            request.CompletedByUserId = scope.UserId;
            AuditLog.Record(db, scope, now, PrivacyAuditActions.DeletionCompleted, nameof(AppUser), userId, request.UnitPath,
                newValue: new { request = request.Id, anonymised = true, certificateRevoked = revoked });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Errors.Conflict("certification.changed_meanwhile", null);
            }

            await transaction.CommitAsync(ct);
            return new Completed(request.Id, now, revoked);
        }

        /// <summary>Nothing that names or reaches the person is left on the account, and it cannot be signed in to.</summary>
        private static void Anonymise(AppUser user)
        {
            user.FullName = string.Empty;
            user.PhoneNumber = null;
            user.PhoneNumberConfirmed = false;
            user.Email = null;
            user.NormalizedEmail = null;
            user.EmailConfirmed = false;
            user.UserName = "deleted-" + user.Id;
            user.NormalizedUserName = user.UserName.ToUpperInvariant();
            user.PasswordHash = null;
            user.TwoFactorEnabled = false;
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
    }
}
