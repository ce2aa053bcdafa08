using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Accounts;

public sealed record StaffDto(string UserName, string FullName, StaffRole Role, string UnitCode, string UnitName, string? Email, string? Phone, bool TwoFactorEnabled);

/// <summary>
/// The staff assigned in a unit's subtree, for those who may see staff data there. Contacts are
/// masked; no secrets leave the server.
/// </summary>
public static class ListStaff
{
    public sealed record Query(string UnitCode);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<StaffDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, clock.TodayInVietnam(), Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var unit = found.Value!;

            var rows = await db.StaffAssignments.AsNoTracking()
                .WithinScope(scope, Permission.ViewStaffData, a => a.UnitPath)
                .Where(a => a.UnitPath.StartsWith(unit.Path))
                .OrderBy(a => a.UnitPath).ThenBy(a => a.Role).ThenBy(a => a.User!.UserName)
                .Select(a => new
                {
                    a.User!.UserName,
                    a.User.FullName,
                    a.Role,
                    a.Unit!.Code,
                    a.User.Email,
                    a.User.PhoneNumber,
                    a.User.TwoFactorEnabled,
                    UnitFullName = a.Unit.FullName,
                })
                .Take(2000)
                .ToListAsync(ct);
            return rows.Select(r => new StaffDto(r.UserName!, r.FullName, r.Role, r.Code, r.UnitFullName, Mask.Email(r.Email), Mask.Phone(r.PhoneNumber), r.TwoFactorEnabled)).ToList();
        }
    }
}
