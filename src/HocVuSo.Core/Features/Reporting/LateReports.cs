using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Reporting;

public sealed record ReportStatusRow(string UnitCode, string UnitName, string Status, bool Late, DateTime? SubmittedAt, string? ReturnComment);

/// <summary>
/// Where each commune under a unit stands with a month's report: missing, draft, submitted,
/// returned or approved; a report not submitted by the due day (<see cref="ReportingDeadlines.CommuneDay"/>,
/// the 20th unless configured) is late.
/// </summary>
public static class ListReportStatus
{
    public sealed record Query(string UnitCode, string? Period);

    public sealed class Handler(AppDbContext db, ScopeService scopes, IOptions<ReportingDeadlines> deadlines, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<ReportStatusRow>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            if (!MonthlyReports.TryParsePeriod(query.Period, out var period))
            {
                period = new DateOnly(today.Year, today.Month, 1);
            }

            var found = await db.UnitInScopeAsync(scope, query.UnitCode, today, Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var unit = found.Value!;
            var due = deadlines.Value.CommuneDue(period);
            var communes = await db.Units.AsNoTracking().ValidOn(today)
                .Where(u => u.Level == UnitLevel.Commune && u.Path.StartsWith(unit.Path)).OrderBy(u => u.Code)
                .Select(u => new { u.Id, u.Code, u.FullName }).ToListAsync(ct);
            var ids = communes.Select(c => c.Id).ToList();
            var reports = await db.MonthlyReports.AsNoTracking().Where(r => r.Period == period && ids.Contains(r.UnitId))
                .Select(r => new { r.UnitId, r.Status, r.SubmittedAt, r.ReturnComment }).ToDictionaryAsync(r => r.UnitId, ct);
            return communes.Select(c =>
            {
                var report = reports.GetValueOrDefault(c.Id);
                var status = report?.Status.ToString() ?? "Missing";
                var submitted = report?.Status is ReportStatus.Submitted or ReportStatus.Approved;
                var late = !submitted && today > due;
                return new ReportStatusRow(c.Code, c.FullName, status, late, report?.SubmittedAt, report?.ReturnComment);
            }).ToList();
        }
    }
}
