using System.Security.Cryptography;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Messaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>
/// A one-time activation code (mã kích hoạt) of an account registered on someone's behalf: the
/// person sets their own password with it. Only a keyed hash of the code is stored; it is short
/// lived, single use and void after a few wrong tries.
/// </summary>
public sealed class AccountActivation
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public required byte[] CodeHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public int FailedAttempts { get; set; }

    /// <summary>The helper whose registration issued the code.</summary>
    public string? CreatedByUserId { get; set; }
}

/// <summary>The message that carries an activation code to the person, in their language (the resource files).</summary>
public interface IActivationWording
{
    (string Subject, string Body) ActivationCode(string code, string activateUrl);
}

/// <summary>
/// Issues activation codes. A code is sent only to the person's own phone (SMS) or e-mail through
/// the outbox, never shown to the helper who registered them, so the helper never holds the
/// learner's credentials. Issuing a new code voids the earlier ones.
/// </summary>
public sealed class AccountActivations(AppDbContext db, PersonalDataProtector protector, IActivationWording wording, TimeProvider clock)
{
    public const string Purpose = "account-activation";
    public const string NotificationKind = "account-activation";
    public const int MaxFailedAttempts = 5;
    public const string ActivatePath = "/Account/Activate";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Eight digits, easy to type on a phone; with the person's login and five tries it cannot be guessed.</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    public byte[] HashOf(string userId, string code) => protector.Hash(Purpose, userId + "\n" + code);

    /// <summary>
    /// A first code for a new account <paramref name="user"/> (nothing to void), neither added to the
    /// context nor sent: for bulk imports, which write the rows themselves and hand the codes to
    /// the person who imports (a staff import: the administrator gives each person their code, as
    /// they once gave initial passwords).
    /// </summary>
    public (AccountActivation Activation, string Code) Prepare(AppUser user, string? createdByUserId)
    {
        var now = clock.UtcNow();
        var code = NewCode();
        return (new AccountActivation
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            CodeHash = HashOf(user.Id, code),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            CreatedByUserId = createdByUserId,
        }, code);
    }

    /// <summary>Adds a new code for <paramref name="user"/> and its message to the outbox, without saving; returns the code (for the message only).</summary>
    public async Task<string> IssueAsync(AppUser user, string? helperUserId, CancellationToken ct)
    {
        var now = clock.UtcNow();
        await db.AccountActivations.Where(a => a.UserId == user.Id && a.UsedAt == null && a.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ExpiresAt, now), ct);
        var (activation, code) = Prepare(user, helperUserId);
        db.AccountActivations.Add(activation);
        Send(user, activation, code);
        return code;
    }

    /// <summary>Adds the message carrying <paramref name="code"/> to the person's own phone (SMS) or e-mail to the outbox, without saving.</summary>
    public void Send(AppUser user, AccountActivation activation, string code)
    {
        var (subject, body) = wording.ActivationCode(code, ActivatePath + "?code=" + code);
        db.EnqueueToOwnAddress(clock, user.PhoneNumber, user.Email, subject, body, $"{NotificationKind}:{activation.Id:N}", reference: user.Id);
    }
}

/// <summary>
/// A person registered by a helper activates their account on their own phone: their phone or
/// e-mail, the code they received and a password of their own. A member of staff imported without
/// a password does the same with their user name or e-mail and the code the importer gave them. The code works once, within 24
/// hours, and is void after five wrong tries; any failure answers the same, so nothing is learnt
/// from it. Activating is audited.
/// </summary>
public static class ActivateAccount
{
    public sealed record Command(string? PhoneOrEmail, string? Code, string? Password);

    public sealed record Activated(string UserId, string UserName);

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, LoginNames loginNames, AccountActivations activations, TimeProvider clock)
    {
        public async Task<Result<Activated>> HandleAsync(Command command, CancellationToken ct)
        {
            var code = new string((command.Code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
            if (string.IsNullOrEmpty(command.Password))
            {
                return Errors.Invalid("field.required", "password");
            }

            var invalid = Errors.Invalid("activation.invalid", "code");
            var user = await loginNames.LearnersTyped(db.Users, command.PhoneOrEmail).FirstOrDefaultAsync(ct)
                ?? await StaffTyped(command.PhoneOrEmail).FirstOrDefaultAsync(ct);
            var now = clock.UtcNow();
            var activation = user is null || user.PasswordHash is not null ? null : await db.AccountActivations
                .Where(a => a.UserId == user.Id && a.UsedAt == null && a.ExpiresAt > now && a.FailedAttempts < AccountActivations.MaxFailedAttempts)
                .OrderByDescending(a => a.CreatedAt).FirstOrDefaultAsync(ct);
            if (activation is null || code.Length != 8)
            {
                return invalid;
            }

            if (!CryptographicOperations.FixedTimeEquals(activation.CodeHash, activations.HashOf(user!.Id, code)))
            {
                activation.FailedAttempts++;
                await db.SaveChangesAsync(ct);
                return invalid;
            }

            // Used first: a second request with the same code finds nothing to use.
            var claimed = await db.AccountActivations.Where(a => a.Id == activation.Id && a.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.UsedAt, now), ct);
            if (claimed == 0)
            {
                return invalid;
            }

            var set = await users.AddPasswordAsync(user, command.Password);
            if (!set.Succeeded)
            {
                // The password was refused (too weak): the code stays usable for a better one.
                await db.AccountActivations.Where(a => a.Id == activation.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UsedAt, (DateTime?)null), ct);
                return Result<Activated>.Fail(set.Errors.Select(IdentityErrors.ToError).ToList());
            }

            db.AuditEntries.Add(new AuditEntry
            {
                At = now, ActorUserId = user.Id, Action = AuditActions.AccountActivated, EntityType = nameof(AppUser), EntityKey = user.Id,
                NewValue = System.Text.Json.JsonSerializer.Serialize(new { registeredBy = user.RegisteredByUserId }),
            });
            await db.SaveChangesAsync(ct);
            return new Activated(user.Id, user.UserName ?? string.Empty);
        }

        /// <summary>
        /// A staff account (one with an assignment) by its user name or its e-mail address (a
        /// staff phone is stored only encrypted, so it is not a look-up key). Only accounts
        /// imported without a password have a code to use; the sign-in that follows still asks
        /// roles that need it to enrol two-factor sign-in first.
        /// </summary>
        private IQueryable<AppUser> StaffTyped(string? typed)
        {
            var clean = VietnameseText.Clean(typed).ToLowerInvariant();
            if (clean.Length == 0)
            {
                return db.Users.Where(u => false);
            }

            var normalized = clean.ToUpperInvariant();
            var emailKey = clean.Contains('@', StringComparison.Ordinal) ? loginNames.EmailKey(clean) : null;
            return db.Users.Where(u => (u.NormalizedUserName == normalized || (emailKey != null && u.NormalizedEmail == emailKey)) && u.Assignments.Any());
        }
    }
}
