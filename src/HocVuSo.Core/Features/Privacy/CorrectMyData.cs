using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Privacy;

/// <summary>
/// A learner corrects their own name, phone, e-mail or village. The name follows the text rules for names
/// (<see cref="VietnameseText.Check"/>, <see cref="TextLimits.PersonName"/>); a phone or e-mail must
/// be one, and not be another account's. The one they sign in with cannot be removed, and when it
/// changes their sign-in name follows it. The village is one of their commune's villages (or the
/// commune itself, "I don't know"); moving to another commune is not a correction but a move, made
/// by the commune's officers. Records made before keep the unit they were made in. Audited with which fields changed, never their values;
/// nothing is saved when any field is wrong.
/// </summary>
public static class CorrectMyData
{
    /// <summary>Null leaves a field as it is; an empty phone or e-mail removes it (unless it is the sign-in name).</summary>
    public sealed record Command(string? FullName, string? Phone, string? Email, string? VillageCode = null);

    public sealed record Corrected(IReadOnlyList<string> Changed);

    public sealed class Handler(AppDbContext db, ScopeService scopes, LoginNames loginNames, TimeProvider clock)
    {
        public async Task<Result<Corrected>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (Learner.RefuseUnlessOwnSession(scope) is { } refused)
            {
                return refused;
            }

            var user = await db.Users.FirstAsync(u => u.Id == scope.UserId, ct);
            var errors = new List<Error>();
            var changed = new List<string>();
            if (command.FullName is not null)
            {
                var name = VietnameseText.Check(command.FullName, "fullName", TextLimits.PersonName);
                if (!name.IsSuccess)
                {
                    errors.AddRange(name.Errors);
                }
                else if (name.Value!.Length == 0)
                {
                    errors.Add(Errors.Invalid("field.required", "fullName"));
                }
                else if (name.Value != user.FullName)
                {
                    user.FullName = name.Value;
                    changed.Add("fullName");
                }
            }

            var signsInByPhone = LoginNames.IsPhoneHandle(user.UserName);
            var signsInByEmail = LoginNames.IsEmailHandle(user.UserName);
            if (command.Phone is not null)
            {
                var typed = VietnameseText.Clean(command.Phone);
                var phone = typed.Length == 0 ? null : LoginNames.NormalisePhone(typed);
                if (typed.Length > 0 && phone is null)
                {
                    errors.Add(Errors.Invalid("learner.bad_phone", "phone", typed));
                }
                else if (phone is null && signsInByPhone)
                {
                    errors.Add(Errors.Invalid("privacy.sign_in_contact_required", "phone"));
                }
                else if (phone != user.PhoneNumber)
                {
                    var handle = phone is null ? null : loginNames.PhoneHandle(phone).ToUpperInvariant();
                    if (handle is not null && await db.Users.AnyAsync(u => u.Id != user.Id && u.NormalizedUserName == handle, ct))
                    {
                        errors.Add(Errors.Conflict("learner.already_registered", "phone", phone!));
                    }
                    else
                    {
                        user.PhoneNumber = phone;
                        user.PhoneNumberConfirmed = false;
                        if (signsInByPhone)
                        {
                            user.UserName = loginNames.PhoneHandle(phone!);
                            user.NormalizedUserName = handle;
                        }

                        changed.Add("phone");
                    }
                }
            }

            if (command.Email is not null)
            {
                var typed = VietnameseText.Clean(command.Email);
                var email = typed.Length == 0 ? null : LoginNames.Normalise(typed);
                if (typed.Length > 0 && (email is null || !LoginNames.IsEmail(email) || email.Length > 254))
                {
                    errors.Add(Errors.Invalid("learner.bad_email", "email", typed));
                }
                else if (email is null && signsInByEmail)
                {
                    errors.Add(Errors.Invalid("privacy.sign_in_contact_required", "email"));
                }
                else if (email != user.Email)
                {
                    var key = loginNames.EmailKey(email);
                    if (key is not null && await db.Users.AnyAsync(u => u.Id != user.Id && (u.NormalizedEmail == key || u.NormalizedUserName == key), ct))
                    {
                        errors.Add(Errors.Conflict("learner.already_registered", "email", email!));
                    }
                    else
                    {
                        user.Email = email;
                        user.NormalizedEmail = key;
                        user.EmailConfirmed = false;
                        if (signsInByEmail)
                        {
                            user.UserName = loginNames.EmailHandle(email!);
                            user.NormalizedUserName = user.UserName.ToUpperInvariant();
                        }

                        changed.Add("email");
                    }
                }
            }

            if (command.VillageCode is not null)
            {
                var code = VietnameseText.Clean(command.VillageCode);
                var today = clock.TodayInVietnam();
                var home = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == user.HomeUnitId, ct);
                var commune = home is null ? null : home.Level == UnitLevel.Village ? home.ParentCode : home.Code;
                var target = commune is null || code.Length == 0 ? null : await db.Units.AsNoTracking().ValidOn(today)
                    .FirstOrDefaultAsync(u => u.Code == code && (u.Code == commune || (u.ParentCode == commune && u.Level == UnitLevel.Village)), ct);
                if (target is null)
                {
                    errors.Add(Errors.Invalid("privacy.village_not_in_commune", "villageCode", code));
                }
                else if (target.Id != user.HomeUnitId)
                {
                    user.HomeUnitId = target.Id;
                    changed.Add("villageCode");
                }
            }

            if (errors.Count > 0)
            {
                return Result<Corrected>.Fail(errors);
            }

            if (changed.Count > 0)
            {
                AuditLog.Record(db, scope, clock.UtcNow(), PrivacyAuditActions.DataCorrected, nameof(AppUser), user.Id, await Learner.HomePathAsync(db, user.Id, ct),
                    newValue: new { fields = changed });
                await db.SaveChangesAsync(ct);
            }

            return new Corrected(changed);
        }
    }
}

/// <summary>
/// A learner sees their own identification number in full, on their own request; each view is
/// audited like an officer's. Not in a session guided by a team member (the member's phone).
/// </summary>
public static class RevealMyIdNumber
{
    public sealed record Revealed(string Number, string Masked);

    public sealed class Handler(AppDbContext db, ScopeService scopes, PersonalDataProtector protector, TimeProvider clock)
    {
        public async Task<Result<Revealed>> HandleAsync(CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (Learner.RefuseUnlessOwnSession(scope) is { } refused)
            {
                return refused;
            }

            var row = await db.PersonIdentities.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == scope.UserId, ct);
            if (row is null)
            {
                return Errors.NotFound("identity.not_recorded", string.Empty);
            }

            var number = protector.UnprotectNumber(row);
            var masked = Mask.PersonalIdNumber(number)!;
            AuditLog.Record(db, scope, clock.UtcNow(), PrivacyAuditActions.NumberRevealedToSelf, nameof(PersonIdentity), scope.UserId!, await Learner.HomePathAsync(db, scope.UserId!, ct),
                newValue: new { number = masked });
            await db.SaveChangesAsync(ct);
            return new Revealed(number, masked);
        }
    }
}
