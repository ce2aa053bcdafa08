using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>
/// A staff member lost the phone with their authenticator app: an officer who could have created
/// every role the account holds (<see cref="UserScope.CanGrant"/>) turns its two-factor sign-in off
/// and throws its key away, after checking in person who is asking (the reason says how). The
/// account's security stamp changes, so API tokens stop at once and web sessions within minutes;
/// at the next sign-in a role that needs two-factor sign-in is sent to enrol a new app. Accounts
/// outside the officer's reach answer as unknown. Audited with the reason, and the person is told.
/// </summary>
public static class ResetTwoFactor
{
    public sealed record Command(string? UserName, string? Reason);

    public sealed class Handler(AppDbContext db, ScopeService scopes, UserManager<AppUser> users, AccountNotices notices, TimeProvider clock)
    {
        public async Task<Result<bool>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageStaff))
            {
                return Errors.Forbidden();
            }

            var userName = VietnameseText.Clean(command.UserName).ToLowerInvariant();
            var unknown = Errors.NotFound("identity.user_not_found", userName);
            var user = userName.Length == 0 ? null : await users.FindByNameAsync(userName);
            if (user is null)
            {
                return unknown;
            }

            var grants = await db.StaffAssignments.Where(a => a.UserId == user.Id).Select(a => new { a.Role, a.UnitPath }).ToListAsync(ct);
            if (grants.Count == 0 || !grants.All(g => scope.CanGrant(g.Role, g.UnitPath)))
            {
                return unknown;
            }

            var reasonChecked = VietnameseText.Check(command.Reason, "reason", TextLimits.Comment, TextShape.MultiLine);
            if (!reasonChecked.IsSuccess)
            {
                return reasonChecked.FirstError;
            }

            if (reasonChecked.Value!.Length == 0)
            {
                return Errors.Invalid("field.required", "reason");
            }

            var wasEnabled = user.TwoFactorEnabled;
            await users.SetTwoFactorEnabledAsync(user, false);
            // A new key nobody has seen, and a new security stamp: the old app's codes and every token end.
            await users.ResetAuthenticatorKeyAsync(user);
            AuditLog.Record(db, scope, clock.UtcNow(), AuditActions.TwoFactorReset, nameof(AppUser), user.Id, grants[0].UnitPath,
                oldValue: new { twoFactor = wasEnabled }, newValue: new { twoFactor = false }, reason: reasonChecked.Value);
            notices.Add(user, AccountNotice.TwoFactorReset);
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
