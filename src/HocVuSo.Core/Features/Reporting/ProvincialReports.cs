using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Reporting;

/// <summary>
/// A province's monthly summary as issued (ban hành) by its approver: the figures as they stood
/// at that moment, kept unchanged even if a commune's report is later unlocked and changed, so
/// what the province sent on can always be shown. One per province and month.
/// </summary>
public sealed class ProvincialReport
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string UnitPath { get; set; }

    /// <summary>First day of the month summarised.</summary>
    public DateOnly Period { get; set; }

    public DateTime IssuedAt { get; set; }

    public required string IssuedByUserId { get; set; }

    /// <summary>Approved communes' totals per indicator at issue time.</summary>
    public Dictionary<string, decimal> Totals { get; set; } = [];

    public int Communes { get; set; }

    public int ApprovedCommunes { get; set; }

    public int LateCommunes { get; set; }
}

public sealed record ProvincialReportDto(string ProvinceCode, string Period, DateTime IssuedAt, bool Late, int Communes, int ApprovedCommunes, int LateCommunes,
    IReadOnlyDictionary<string, decimal> Totals);

/// <summary>
/// The province's approver issues the month's summary, due on the <see cref="ReportingDeadlines.ProvinceDay"/>.
/// It freezes the approved communes' totals; issuing twice is refused. Audited, with the approver's
/// optional comment, which the report's history shows.
/// </summary>
public static class IssueProvincialReport
{
    public sealed record Command(string ProvinceCode, string Period, string? Comment = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes, ProvincialSummary.Handler summaries, IOptions<ReportingDeadlines> deadlines, TimeProvider clock)
    {
        public async Task<Result<ProvincialReportDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var found = await db.UnitInScopeAsync(scope, command.ProvinceCode, today, Permission.ApproveReports, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var province = found.Value!;
            if (province.Level != UnitLevel.Province)
            {
                return Errors.Invalid("ReportExport.ProvinceOnly", "unit", command.ProvinceCode);
            }

            // Reads the same summary the PDF shows (it checks the period and the scope to read).
            var read = await summaries.HandleAsync(new ProvincialSummary.Query(command.ProvinceCode, command.Period), ct);
            if (!read.IsSuccess)
            {
                return Result<ProvincialReportDto>.Fail(read.Errors);
            }

            var summary = read.Value!;
            var checkedComment = MonthlyReports.CheckComment(command.Comment);
            if (!checkedComment.IsSuccess)
            {
                return Result<ProvincialReportDto>.Fail(checkedComment.Errors);
            }

            var comment = checkedComment.Value!;

            _ = MonthlyReports.TryParsePeriod(command.Period, out var period); // checked by the summary above
            if (await db.ProvincialReports.AnyAsync(r => r.UnitId == province.Id && r.Period == period, ct))
            {
                return Errors.Conflict("reports.province_already_issued", "period", VietnameseFormat.MonthAndYear(command.Period));
            }

            var now = clock.UtcNow();
            var report = new ProvincialReport
            {
                UnitId = province.Id,
                UnitPath = province.Path,
                Period = period,
                IssuedAt = now,
                IssuedByUserId = scope.UserId ?? string.Empty,
                Totals = summary.Indicators.Where(i => i.ApprovedTotal is not null).ToDictionary(i => i.Code, i => i.ApprovedTotal!.Value),
                Communes = summary.Rows.Count,
                ApprovedCommunes = summary.Approved,
                LateCommunes = summary.Late,
            };
            db.ProvincialReports.Add(report);
            AuditLog.Record(db, scope, now, "reports.province_issued", nameof(ProvincialReport), $"{province.Code}/{command.Period}", province.Path,
                newValue: new { report.Communes, report.ApprovedCommunes, report.LateCommunes, report.Totals }, reason: comment.Length == 0 ? null : comment);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Issued a moment ago by another approver (unique province and month).
                return Errors.Conflict("reports.province_already_issued", "period", VietnameseFormat.MonthAndYear(command.Period));
            }

            return Describe(province.Code, report, deadlines.Value);
        }
    }

    internal static ProvincialReportDto Describe(string provinceCode, ProvincialReport report, ReportingDeadlines deadlines) => new(
        provinceCode,
        report.Period.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        report.IssuedAt,
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(report.IssuedAt, VietnameseFormat.TimeZone)) > deadlines.ProvinceDue(report.Period),
        report.Communes,
        report.ApprovedCommunes,
        report.LateCommunes,
        report.Totals);
}

public sealed record ProvinceReportStatusRow(string ProvinceCode, string ProvinceName, string Status, bool Late, DateTime? IssuedAt, int? ApprovedCommunes, int? Communes);

/// <summary>
/// For the nation (or any unit above provinces in the user's scope): which provinces have issued
/// the month's summary, and which are late (not issued by the province due day, or issued after it).
/// </summary>
public static class ListProvinceReportStatus
{
    public const string Issued = "Issued";
    public const string NotIssued = "NotIssued";

    public sealed record Query(string? Period);

    public sealed class Handler(AppDbContext db, ScopeService scopes, IOptions<ReportingDeadlines> deadlines, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<ProvinceReportStatusRow>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var period = new DateOnly(today.Year, today.Month, 1);
            if (query.Period is not null && !MonthlyReports.TryParsePeriod(query.Period, out period))
            {
                return Errors.Invalid("reports.bad_period", "period", query.Period);
            }

            var provinces = await db.Units.AsNoTracking().ValidOn(today).Where(u => u.Level == UnitLevel.Province).OrderBy(u => u.Code)
                .Select(u => new { u.Id, u.Code, u.FullName, u.Path }).ToListAsync(ct);
            var visible = provinces.Where(p => scope.Can(Permission.ViewStaffData, p.Path)).ToList();
            if (visible.Count == 0)
            {
                return Errors.Forbidden();
            }

            var ids = visible.Select(p => p.Id).ToList();
            var issued = await db.ProvincialReports.AsNoTracking().Where(r => r.Period == period && ids.Contains(r.UnitId)).ToDictionaryAsync(r => r.UnitId, ct);
            var due = deadlines.Value.ProvinceDue(period);
            return visible.Select(p =>
            {
                var report = issued.GetValueOrDefault(p.Id);
                var late = report is null
                    ? today > due
                    : IssueProvincialReport.Describe(p.Code, report, deadlines.Value).Late;
                return new ProvinceReportStatusRow(p.Code, p.FullName, report is null ? NotIssued : Issued, late, report?.IssuedAt, report?.ApprovedCommunes, report?.Communes);
            }).ToList();
        }
    }
}
