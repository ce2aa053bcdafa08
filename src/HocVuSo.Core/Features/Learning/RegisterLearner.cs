using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// A citizen signs up to learn with a phone number or an e-mail address and a password, and says
/// which commune (and, if they know it, which village) they live in, so their learning counts
/// there. The phone number or e-mail is their sign-in name. A community team member may register
/// someone on their own phone ("cầm tay chỉ việc"); the account then records who helped, has no
/// password the helper could know, and is used only in assisted sessions until the person sets
/// their own password with the one-time code sent to their phone or e-mail (<see cref="ActivateAccount"/>).
/// The sign-up pages ask for consent per purpose (<see cref="Privacy.ConsentChoice"/>): learning is
/// required to have an account, VNeID confirmation and contact by the team are optional; each answer
/// is recorded with the time, the wording's version and the channel (self sign-up or assisted
/// registration), in the same transaction as the account. Callers without a consent step (bulk
/// enrolment) pass none, and the account holds no consent until its owner gives it.
/// </summary>
public static class RegisterLearner
{
    /// <summary><paramref name="ForOrganisationId"/>: the organisation whose people a helper enrols (its own officer may register them).</summary>
    public sealed record Command(string? FullName, string? PhoneOrEmail, string? Password, string? UnitCode, string? AssistedByUserId = null,
        Privacy.ConsentChoice? Consent = null, int? ForOrganisationId = null);

    /// <summary>
    /// <paramref name="UserName"/> is the phone or e-mail the person signs in with (a phone is stored only as its handle, see <see cref="LoginNames"/>).
    /// <paramref name="ActivationSentTo"/>, for a registration by a helper, is where the activation code went, masked.
    /// </summary>
    public sealed record Registered(string UserId, string UserName, string UnitCode, string? ActivationSentTo = null);

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, ScopeService scopes, LoginNames loginNames, AccountActivations activations, TimeProvider clock)
    {
        public async Task<Result<Registered>> HandleAsync(Command command, CancellationToken ct)
        {
            var errors = new List<Error>();
            var checkedName = VietnameseText.Check(command.FullName, "fullName", TextLimits.PersonName);
            var fullName = checkedName.Value ?? string.Empty;
            if (!checkedName.IsSuccess)
            {
                errors.AddRange(checkedName.Errors);
            }
            else if (fullName.Length == 0)
            {
                errors.Add(Errors.Invalid("field.required", "fullName"));
            }

            // The phone or e-mail as the person types it; a phone is stored only as a handle and encrypted (LoginNames).
            var userName = LoginNames.Normalise(command.PhoneOrEmail);
            var storedName = userName is null ? null : loginNames.Resolve(userName);
            var normalized = storedName?.ToUpperInvariant();
            var normalizedEmail = userName is not null && LoginNames.IsEmail(userName) ? loginNames.EmailKey(userName) : null;
            if (userName is null)
            {
                errors.Add(Errors.Invalid("learner.bad_phone_or_email", "phoneOrEmail", command.PhoneOrEmail ?? string.Empty));
            }
            else if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized || (normalizedEmail != null && u.NormalizedEmail == normalizedEmail), ct))
            {
                errors.Add(Errors.Conflict("learner.already_registered", "phoneOrEmail", userName));
            }

            var unitCode = VietnameseText.Clean(command.UnitCode);
            var unit = unitCode.Length == 0 ? null : await db.Units.ValidOn(clock.TodayInVietnam())
                .FirstOrDefaultAsync(u => u.Code == unitCode && u.Level >= UnitLevel.Commune, ct);
            if (unit is null)
            {
                errors.Add(Errors.Invalid("learner.unit_required", "unitCode", unitCode));
            }

            else if (command.AssistedByUserId is not null)
            {
                var scope = await scopes.GetAsync(ct);
                if (scope.UserId != command.AssistedByUserId || !scope.CanForOrganisation(Permission.AssistLearners, unit.Path, command.ForOrganisationId))
                {
                    errors.Add(Errors.Forbidden() with { Field = "unitCode" });
                }
            }

            if (command.Consent is { Learning: false })
            {
                errors.Add(Errors.Invalid("consent.learning_required", "consentLearning"));
            }

            if (errors.Count > 0)
            {
                return Result<Registered>.Fail(errors);
            }

            var isEmail = LoginNames.IsEmail(userName!);
            var user = new AppUser
            {
                UserName = storedName,
                FullName = fullName,
                Email = isEmail ? userName : null,
                PhoneNumber = isEmail ? null : userName,
                HomeUnitId = unit!.Id,
                CreatedAt = clock.UtcNow(),
                LockoutEnabled = true,
                RegisteredByUserId = command.AssistedByUserId,
            };
            // The account, its consents and its activation code are saved together or not at all (inside the caller's transaction, if it has one).
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            // A helper never chooses the password: the account gets none until its owner activates it.
            var created = command.AssistedByUserId is null ? await users.CreateAsync(user, command.Password ?? string.Empty) : await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return Result<Registered>.Fail(created.Errors.Select(IdentityErrors.ToError).ToList());
            }

            string? sentTo = null;
            if (command.AssistedByUserId is not null)
            {
                await activations.IssueAsync(user, command.AssistedByUserId, ct);
                sentTo = Messaging.Notifications.MaskRecipient(user.PhoneNumber ?? user.Email ?? string.Empty);
                db.AuditEntries.Add(new AuditEntry
                {
                    At = user.CreatedAt, ActorUserId = command.AssistedByUserId, Action = "learning.assisted_registration",
                    EntityType = nameof(AppUser), EntityKey = user.Id, UnitPath = unit.Path,
                });
            }

            if (command.Consent is { } consent)
            {
                // A self sign-up is the person's own act; an assisted one the helper's, who registered them.
                var actor = command.AssistedByUserId is null ? new UserScope(user.Id, user.UserName, false, []) : await scopes.GetAsync(ct);
                var channel = command.AssistedByUserId is null ? Privacy.ConsentChannel.SelfSignUp : Privacy.ConsentChannel.AssistedRegistration;
                foreach (var (purpose, granted) in new[]
                {
                    (Privacy.ConsentPurpose.Learning, consent.Learning),
                    (Privacy.ConsentPurpose.VneidConfirmation, consent.VneidConfirmation),
                    (Privacy.ConsentPurpose.TeamContact, consent.TeamContact),
                })
                {
                    Privacy.Consents.Record(db, actor, user.CreatedAt, user.Id, unit.Path, purpose, granted, channel, command.AssistedByUserId);
                }
            }

            await db.SaveChangesAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }

            return new Registered(user.Id, userName!, unit.Code, sentTo);
        }
    }
}
