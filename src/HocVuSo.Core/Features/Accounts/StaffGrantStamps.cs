using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>
/// Keeps the learner shortcut of <see cref="ScopeService"/> safe: whenever a unit of work adds a
/// staff assignment to an account that already exists, the account's security stamp is renewed in
/// the same save (so in the same transaction). A sign-in issued while the person held no staff role
/// carries <see cref="NoStaffClaim"/>; the renewed stamp makes that sign-in fail its stamp check
/// on the very next request (bearer tokens are checked on every API request), so the person signs
/// in again and their new sign-in carries the grant. Removing an assignment needs nothing: a
/// sign-in of someone who held one never carries the claim, and their grants are read on every
/// request.
/// </summary>
public sealed class StaffGrantStamps : SaveChangesInterceptor
{
    /// <summary>Set on a sign-in of a person who held no staff assignment when it was issued.</summary>
    public const string NoStaffClaim = "hocvuso:no_staff";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db)
        {
            Renew(db, (u, _) => Task.FromResult(u.Find(_)), CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db)
        {
            await Renew(db, async (u, id) => await u.FindAsync([id], cancellationToken), cancellationToken);
        }

        return result;
    }

    private static async Task Renew(AppDbContext db, Func<DbSet<AppUser>, string, Task<AppUser?>> find, CancellationToken ct)
    {
        var granted = db.ChangeTracker.Entries<StaffAssignment>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity.UserId)
            .Distinct()
            .ToList();
        foreach (var userId in granted)
        {
            ct.ThrowIfCancellationRequested();
            var tracked = db.ChangeTracker.Entries<AppUser>().FirstOrDefault(e => e.Entity.Id == userId);
            if (tracked is { State: EntityState.Added })
            {
                continue; // a new account: no sign-in of it exists yet
            }

            var user = tracked?.Entity ?? await find(db.Users, userId);
            if (user is not null)
            {
                user.SecurityStamp = Guid.NewGuid().ToString("N");
            }
        }
    }
}
