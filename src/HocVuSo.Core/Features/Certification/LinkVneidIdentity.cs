using System.Security.Cryptography;
using System.Text;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// After a person signed in with VNeID, finds their account by identification number, or opens a
/// learner account for them. The number is looked up by its keyed hash: when it is recorded
/// already, that account is the person's; otherwise a learner account is created with the name
/// VNeID gives (the commune is chosen afterwards) and the number is stored encrypted like every
/// other. Either way the identity is marked as verified by VNeID and the VNeID login is linked, so
/// later sign-ins go straight through. Audited with the number masked; the number is never logged.
/// </summary>
public static class LinkVneidIdentity
{
    /// <summary>The login provider name of VNeID sign-in (the authentication scheme too).</summary>
    public const string LoginProvider = "VNeID";

    public const string LinkedAction = "identity.vneid_linked";
    public const string RegisteredAction = "account.vneid_registered";

    /// <param name="Subject">VNeID's stable id of the person ("sub").</param>
    public sealed record Command(string? Subject, string? FullName, string? PersonalIdNumber, int? BirthYear, string? Gender);

    /// <param name="NeedsHomeUnit">The person has no commune yet and should choose one.</param>
    public sealed record Linked(string UserId, string UserName, bool Created, bool NeedsHomeUnit);

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, PersonalDataProtector protector, TimeProvider clock)
    {
        public async Task<Result<Linked>> HandleAsync(Command command, CancellationToken ct)
        {
            var subject = command.Subject?.Trim() ?? string.Empty;
            var fullName = VietnameseText.Clean(command.FullName);
            var errors = new List<Error>();
            if (subject.Length is 0 or > 100)
            {
                errors.Add(Errors.Invalid("vneid.claims_missing", "sub"));
            }

            if (fullName.Length is 0 or > 200)
            {
                errors.Add(Errors.Invalid("vneid.claims_missing", "name"));
            }

            if (command.BirthYear is null || PersonalIdNumbers.ParseGender(command.Gender) is null)
            {
                errors.Add(Errors.Invalid("vneid.claims_missing", "birth_year"));
            }

            errors.AddRange(PersonalIdNumbers.Check(command.PersonalIdNumber, command.BirthYear, command.Gender, clock.TodayInVietnam().Year));
            if (errors.Count > 0)
            {
                return Result<Linked>.Fail(errors);
            }

            var number = PersonalIdNumbers.Normalise(command.PersonalIdNumber);
            try
            {
                return await LinkAsync(command, subject, fullName, number, ct);
            }
            catch (DbUpdateException)
            {
                // The same person's first sign-in ran twice at once and the other one opened the
                // account: start again, and this time find it.
                db.ChangeTracker.Clear();
                return await LinkAsync(command, subject, fullName, number, ct);
            }
        }

        private async Task<Result<Linked>> LinkAsync(Command command, string subject, string fullName, string number, CancellationToken ct)
        {
            var hash = protector.Hash(PersonalIdNumbers.Purpose, number);
            var now = clock.UtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var identity = await db.PersonIdentities.FirstOrDefaultAsync(p => p.IdNumberHash == hash, ct);
            if (identity is not null && identity.VneidSubject is not null && identity.VneidSubject != subject)
            {
                // The number is linked to another VNeID account: an officer must look into it.
                return Errors.Conflict("vneid.subject_mismatch", PersonalIdNumbers.NumberField);
            }

            if (identity is null)
            {
                var bySubject = await db.PersonIdentities.FirstOrDefaultAsync(p => p.VneidSubject == subject, ct);
                if (bySubject is not null)
                {
                    if (!bySubject.IdNumberHash.AsSpan().SequenceEqual(hash))
                    {
                        return Errors.Conflict("vneid.subject_mismatch", PersonalIdNumbers.NumberField);
                    }

                    // The same person's first sign-in, running at the same moment, has just opened the account.
                    identity = bySubject;
                }
            }

            AppUser? user;
            var created = false;
            if (identity is not null)
            {
                user = await users.FindByIdAsync(identity.UserId);
                if (user is null)
                {
                    return Errors.NotFound("identity.user_not_found", string.Empty);
                }
            }
            else
            {
                user = new AppUser
                {
                    UserName = UserNameFor(subject),
                    FullName = fullName,
                    CreatedAt = now,
                    LockoutEnabled = true,
                };
                var result = await users.CreateAsync(user);
                if (!result.Succeeded)
                {
                    return Result<Linked>.Fail(result.Errors.Select(IdentityErrors.ToError).ToList());
                }

                created = true;
                var target = new IdentityTarget(user.Id, user.UserName!, null);
                var cipher = protector.Protect(number, target.CipherContext);
                identity = new PersonIdentity
                {
                    UserId = user.Id,
                    IdNumberCipher = cipher.Cipher,
                    KeyId = cipher.KeyId,
                    IdNumberHash = hash,
                    BirthYear = command.BirthYear!.Value,
                    Gender = PersonalIdNumbers.ParseGender(command.Gender)!.Value,
                    RecordedAt = now,
                };
                db.PersonIdentities.Add(identity);
            }

            identity.VneidSubject = subject;
            identity.VneidVerifiedAt = now;
            var logins = await users.GetLoginsAsync(user);
            if (!logins.Any(l => l.LoginProvider == LoginProvider && l.ProviderKey == subject))
            {
                var added = await users.AddLoginAsync(user, new UserLoginInfo(LoginProvider, subject, LoginProvider));
                if (!added.Succeeded)
                {
                    return Result<Linked>.Fail(added.Errors.Select(IdentityErrors.ToError).ToList());
                }
            }

            var unitPath = user.HomeUnitId is null ? null : await db.Units.Where(u => u.Id == user.HomeUnitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
            var actor = new UserScope(user.Id, user.UserName, false, []);
            var masked = Mask.PersonalIdNumber(number);
            if (created)
            {
                AuditLog.Record(db, actor, now, RegisteredAction, nameof(AppUser), user.Id, null, newValue: new { user.UserName, channel = "vneid" });
            }

            AuditLog.Record(db, actor, now, LinkedAction, nameof(PersonIdentity), user.Id, unitPath, newValue: new { number = masked, verifiedAt = now });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Linked(user.Id, user.UserName!, created, user.HomeUnitId is null);
        }
    }

    /// <summary>The sign-in name of an account opened through VNeID: "vneid." and 16 hex digits derived from the subject.</summary>
    public static string UserNameFor(string subject) =>
        "vneid." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..16];
}
