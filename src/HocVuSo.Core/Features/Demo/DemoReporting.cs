using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Reporting;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Demo;

/// <summary>
/// Four months of the commune's reports in different states: approved, approved, returned, submitted. The
/// reported figures are illustrative.
/// </summary>
internal sealed class DemoReporting(AppDbContext db, TimeProvider clock)
{
    public async Task SeedAsync(Unit commune, string officerUserId, string approverUserId, CancellationToken ct)
    {
        if (await db.MonthlyReports.AnyAsync(r => r.UnitId == commune.Id, ct))
        {
            return;
        }

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
}
