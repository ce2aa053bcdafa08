using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>
/// What the minutes of a visit (biên bản kiểm tra) print: the inspecting body and, for a commune,
/// its province above it; the inspected unit; the day and place; the team; the finding on each
/// criterion with the unit's answer; the follow-up tasks. Dated the day of the visit.
/// </summary>
public sealed record InspectionMinutesDto(int OwnerLevel, string OwnerName, string ProvinceName, string Place, InspectionVisitDto Visit);

public static class GetInspectionMinutes
{
    public sealed class Handler(AppDbContext db, GetInspectionVisit.Handler visits, TimeProvider clock)
    {
        public async Task<Result<InspectionMinutesDto>> HandleAsync(int visitId, CancellationToken ct)
        {
            var visit = await visits.HandleAsync(visitId, ct);
            if (!visit.IsSuccess)
            {
                return Result<InspectionMinutesDto>.Fail(visit.Errors);
            }

            var today = clock.TodayInVietnam();
            var owner = await db.Units.AsNoTracking().Where(u => u.Code == visit.Value!.Owner).OrderByDescending(u => u.ValidFrom).FirstAsync(ct);
            var province = owner.Level == UnitLevel.Province ? owner
                : await db.Units.AsNoTracking().ValidOn(today).FirstOrDefaultAsync(u => u.Code == owner.ProvinceCode && u.Level == UnitLevel.Province, ct);
            return new InspectionMinutesDto(owner.Level, owner.FullName, province?.FullName ?? string.Empty, owner.Name, visit.Value!);
        }
    }
}
