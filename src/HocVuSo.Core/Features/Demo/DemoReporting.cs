using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Reporting;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Demo;

/// <summary>
/// Targets of Ea Trang's 2026 plan (with Đắk Lắk's province-wide ones above them) and four months
/// of the commune's reports in different states: approved, approved, returned, submitted. The
/// reported figures are illustrative.
/// </summary>
internal sealed class DemoReporting(AppDbContext db, TimeProvider clock)
{
    private const string CommunePlan = "Kế hoạch thực hiện phong trào “Bình dân học vụ số” năm 2026 của UBND xã Ea Trang";
    private const string ProvincePlan = "Chỉ đạo năm 2026 của UBND tỉnh Đắk Lắk";

    public async Task SeedAsync(Unit province, Unit commune, string officerUserId, string approverUserId, CancellationToken ct)
    {
        if (await db.Targets.AnyAsync(t => t.UnitId == commune.Id, ct))
        {
            return;
        }

        var year = clock.TodayInVietnam().Year;
        DateOnly On(int month, int day) => new(year, month, day);
        db.Targets.AddRange(
            Target(province, "adults_vneid_confirmed", 80, On(12, 31), ProvincePlan),
            Target(province, "officials_signature_registered", 100, On(12, 31), ProvincePlan),
            Target(commune, "adults_vneid_confirmed", 80, On(11, 30), CommunePlan),
            Target(commune, "adults_digital_signature", 30, On(12, 31), CommunePlan),
            Target(commune, "officials_signature_registered", 100, On(12, 31), CommunePlan),
            Target(commune, "classes_held", 5, On(6, 30), CommunePlan),
            Target(commune, "guidance_sessions_per_village", 10, On(12, 31), CommunePlan),
            Target(commune, "visual_propaganda", 10, On(12, 31), CommunePlan),
            Target(commune, "posts_per_month", 11, On(12, 31), CommunePlan),
            Target(commune, "exemplary_citizens", 2, On(12, 31), CommunePlan),
            Target(commune, "exemplary_villages", 1, On(12, 31), CommunePlan),
            Target(commune, "villages_reinforced", 100, On(4, 30), CommunePlan));

        var today = clock.TodayInVietnam();
        var now = clock.UtcNow();
        var states = new[] { ReportStatus.Approved, ReportStatus.Approved, ReportStatus.Returned, ReportStatus.Submitted };
        for (var i = 0; i < states.Length; i++)
        {
            var period = new DateOnly(today.Year, today.Month, 1).AddMonths(i - states.Length);
            var step = i + 1;
            db.MonthlyReports.Add(new MonthlyReport
            {
                UnitId = commune.Id,
                UnitPath = commune.Path,
                Period = period,
                Status = states[i],
                Values = new Dictionary<string, decimal>
                {
                    ["adults_vneid_confirmed"] = 4200 + (900 * step),
                    ["adults_digital_skills"] = 3100 + (800 * step),
                    ["officials_signature_registered"] = 60 + (10 * step),
                    ["adults_digital_signature"] = 800 + (400 * step),
                    ["visual_propaganda"] = 2 + (2 * step),
                    ["posts_per_month"] = 9 + step,
                    ["exemplary_citizens"] = step > 2 ? 1 : 0,
                },
                Comments = states[i] == ReportStatus.Returned ? new Dictionary<string, string> { ["adults_vneid_confirmed"] = "Số liệu theo danh sách Công an xã." } : [],
                UpdatedAt = now.AddDays(-30 * (states.Length - i)),
                UpdatedByUserId = officerUserId,
                SubmittedAt = now.AddDays((-30 * (states.Length - i)) + 1),
                DecidedAt = states[i] is ReportStatus.Approved or ReportStatus.Returned ? now.AddDays((-30 * (states.Length - i)) + 3) : null,
                DecidedByUserId = states[i] is ReportStatus.Approved or ReportStatus.Returned ? approverUserId : null,
                ReturnComment = states[i] == ReportStatus.Returned ? "Đề nghị xã đối chiếu lại số người được xác nhận trên VNeID với danh sách của Công an xã." : null,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private static Target Target(Unit unit, string indicator, decimal value, DateOnly deadline, string plan) =>
        new() { UnitId = unit.Id, UnitPath = unit.Path, IndicatorCode = indicator, Value = value, Deadline = deadline, Plan = plan };
}
