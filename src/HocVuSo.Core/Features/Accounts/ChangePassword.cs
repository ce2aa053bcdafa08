using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Audit;
using Microsoft.AspNetCore.Identity;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>
/// A signed-in person changes their own password: the current one and the new one. A wrong current
/// password counts towards the account's lock-out like a wrong sign-in, so this page cannot be used
/// to guess it. The new password follows the same rules as at sign-up; changing it renews the
/// account's security stamp, which ends the person's other sessions and API tokens. Audited, and
/// the person is told on their phone or e-mail (<see cref="AccountNotices"/>).
/// </summary>
public static class ChangePassword
{
    public sealed record Command(string UserId, string? CurrentPassword, string? NewPassword);

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, AccountNotices notices, TimeProvider clock)
    {
        public async Task<Result<bool>> HandleAsync(Command command, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(command.CurrentPassword))
            {
                return Errors.Invalid("field.required", "currentPassword");
            }

            if (string.IsNullOrEmpty(command.NewPassword))
            {
                return Errors.Invalid("field.required", "newPassword");
            }

            var user = await users.FindByIdAsync(command.UserId);
            if (user is null || user.PasswordHash is null)
            {
                // Accounts without a password (VNeID sign-in only, or not activated yet) have nothing to change.
                return Errors.Invalid("password.change_unavailable", "currentPassword");
            }

            if (await users.IsLockedOutAsync(user))
            {
                return Errors.Invalid("password.change_locked", "currentPassword");
            }

            if (!await users.CheckPasswordAsync(user, command.CurrentPassword))
            {
                await users.AccessFailedAsync(user);
                return Errors.Invalid("password.current_wrong", "currentPassword");
            }

            if (string.Equals(command.CurrentPassword, command.NewPassword, StringComparison.Ordinal))
            {
                return Errors.Invalid("password.same_as_current", "newPassword");
            }

            var changed = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
            if (!changed.Succeeded)
            {
                return Result<bool>.Fail(changed.Errors.Select(IdentityErrors.ToError).Select(e => e with { Field = "newPassword" }).ToList());
            }

            await users.ResetAccessFailedCountAsync(user);
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.UtcNow(), ActorUserId = user.Id, ActorName = user.UserName, Action = AuditActions.PasswordChanged,
                EntityType = nameof(AppUser), EntityKey = user.Id,
            });
            notices.Add(user, AccountNotice.PasswordChanged);
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}

/// <summary>
/// Refuses passwords longer than <see cref="MaxLength"/> characters (hashing very long inputs is
/// work an attacker could make the server do); the minimum and the other rules are Identity's options.
/// </summary>
public sealed class PasswordLengthLimit : IPasswordValidator<AppUser>
{
    public const int MaxLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is { Length: > MaxLength }
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"At most {MaxLength} characters." })
            : IdentityResult.Success);
}
