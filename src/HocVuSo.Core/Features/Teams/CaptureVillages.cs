using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Teams;

public sealed record CaptureVillage(string Code, string Name, string? CommuneCode, string? CommuneName);

/// <summary>
/// The villages a member may record activities in, for the offline capture app to carry with it:
/// the current villages under the member's <see cref="Permission.RecordActivities"/> prefixes (a
/// team member's own village; every village of the commune for a commune officer).
/// </summary>
public static class ListCaptureVillages
{
    /// <summary>More would not fit a phone's list; only system-wide roles can reach it.</summary>
    public const int Max = 2000;

    public sealed record Query;

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<CaptureVillage>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if ((scope.UserId is null && !scope.IsSystem) || !scope.Has(Permission.RecordActivities))
            {
                return Errors.Forbidden();
            }

            var villages = await db.Units.AsNoTracking().ValidOn(clock.TodayInVietnam())
                .Where(u => u.Level == UnitLevel.Village)
                .WithinScope(scope, Permission.RecordActivities, u => u.Path)
                .OrderBy(u => u.Code)
                .Take(Max)
                .Select(u => new CaptureVillage(u.Code, u.FullName, u.ParentCode, u.Parent == null ? null : u.Parent.FullName))
                .ToListAsync(ct);
            return villages;
        }
    }
}
