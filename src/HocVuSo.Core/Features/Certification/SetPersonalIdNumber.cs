using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// A person records their identification number (số định danh cá nhân), or an officer who
/// manages identities in their home unit records it for them. The number must be valid and agree
/// with the birth year and gender; a number already recorded for someone else is refused without
/// saying who holds it. Only the cipher and the keyed hash are stored; the audit trail shows the
/// number masked.
/// </summary>
public static class SetPersonalIdNumber
{
    /// <param name="UserName">Whose number; null for the signed-in person's own.</param>
    public sealed record Command(string? UserName, string? Number, int? BirthYear, string? Gender);

    public sealed class Handler(AppDbContext db, ScopeService scopes, PersonalDataProtector protector, TimeProvider clock)
    {
        public async Task<Result<PersonalIdNumberView>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var resolved = await IdentityTargets.ResolveAsync(db, scope, command.UserName, allowSelf: true, ct);
            if (!resolved.IsSuccess)
            {
                return Result<PersonalIdNumberView>.Fail(resolved.Errors);
            }

            var target = resolved.Value!;
            var errors = new List<Error>();
            if (command.BirthYear is null)
            {
                errors.Add(Errors.Invalid("identity.birth_year_required", "birthYear"));
            }

            if (string.IsNullOrWhiteSpace(command.Gender))
            {
                errors.Add(Errors.Invalid("identity.gender_required", "gender"));
            }

            errors.AddRange(PersonalIdNumbers.Check(command.Number, command.BirthYear, command.Gender, clock.TodayInVietnam().Year));
            if (errors.Count > 0)
            {
                return Result<PersonalIdNumberView>.Fail(errors);
            }

            var number = PersonalIdNumbers.Normalise(command.Number);
            var hash = protector.Hash(PersonalIdNumbers.Purpose, number);
            var holder = await db.PersonIdentities.Where(p => p.IdNumberHash == hash).Select(p => p.UserId).FirstOrDefaultAsync(ct);
            if (holder is not null && holder != target.UserId)
            {
                // Likely the same person registered twice: refused, and put before officers to merge.
                await DuplicateClaims.RecordAsync(db, clock, target.UserId, holder, target.UnitPath, ct);
                return Duplicate();
            }

            var row = await db.PersonIdentities.FirstOrDefaultAsync(p => p.UserId == target.UserId, ct);
            if (row is not null && holder == target.UserId)
            {
                // The same number again: nothing changes.
                return PersonalIdNumberView.From(row, target.UserName, number);
            }

            var oldMasked = row is null ? null : Mask.PersonalIdNumber(protector.UnprotectNumber(row));
            if (row is null)
            {
                row = new PersonIdentity { UserId = target.UserId, IdNumberCipher = [], KeyId = string.Empty, IdNumberHash = [] };
                db.PersonIdentities.Add(row);
            }

            var cipher = protector.Protect(number, target.CipherContext);
            row.IdNumberCipher = cipher.Cipher;
            row.KeyId = cipher.KeyId;
            row.IdNumberHash = hash;
            row.BirthYear = command.BirthYear!.Value;
            row.Gender = PersonalIdNumbers.ParseGender(command.Gender)!.Value;
            row.RecordedAt = clock.UtcNow();
            row.RecordedByUserId = scope.UserId;
            var masked = Mask.PersonalIdNumber(number);
            AuditLog.Record(
                db, scope, row.RecordedAt, oldMasked is null ? IdentityAuditActions.NumberRecorded : IdentityAuditActions.NumberChanged,
                nameof(PersonIdentity), target.UserId, target.UnitPath,
                oldValue: oldMasked is null ? null : new { number = oldMasked },
                newValue: new { number = masked, row.BirthYear, gender = PersonalIdNumberView.GenderName(row.Gender) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Someone recorded the same number at the same moment: whoever committed first holds it.
                db.ChangeTracker.Clear();
                var winner = await db.PersonIdentities.Where(p => p.IdNumberHash == hash).Select(p => p.UserId).FirstOrDefaultAsync(ct);
                if (winner is null || winner == target.UserId)
                {
                    throw;
                }

                return Duplicate();
            }

            return PersonalIdNumberView.From(row, target.UserName, number);
        }

        private static Result<PersonalIdNumberView> Duplicate() => Errors.Conflict("identity.duplicate", PersonalIdNumbers.NumberField);
    }
}
