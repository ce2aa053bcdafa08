using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Reporting;

/// <summary>One indicator's line in a commune's report document: reported and computed figures, their difference, the target in force.</summary>
public sealed record ReportLine(string Code, string Name, IndicatorUnit Unit, Denominator Denominator, decimal? Reported, decimal? Computed, decimal? Difference,
    TargetDto? Target, string? Comment)
{
    /// <summary>The share a call-back sample found genuine, for the indicators it checks (null: not verified).</summary>
    public Oversight.VerifiedFigure? Verified { get; init; }
}

/// <summary>What the official documents of a commune's monthly report (PDF, .xlsx) need: the report, its bodies and its lines.</summary>
public sealed record MonthlyReportDocument(ReportDto Report, string ProvinceName, string CommuneName, string Place, DateOnly DocumentDate, IReadOnlyList<ReportLine> Lines);

/// <summary>
/// Gathers a commune's monthly report for its official documents. Same scope as reading the
/// report; the document is dated on the submission day, or today for a report not yet submitted.
/// </summary>
public static class GetReportDocument
{
    public sealed class Handler(AppDbContext db, MonthlyReports.Handler reports, TimeProvider clock)
    {
        public async Task<Result<MonthlyReportDocument>> HandleAsync(MonthlyReports.Key key, bool english, CancellationToken ct)
        {
            var read = await reports.GetAsync(key, ct);
            if (!read.IsSuccess)
            {
                return Result<MonthlyReportDocument>.Fail(read.Errors);
            }

            var report = read.Value!;
            var today = clock.TodayInVietnam();
            var commune = await db.Units.AsNoTracking().ValidOn(today).FirstAsync(u => u.Code == report.UnitCode, ct);
            var province = await db.Units.AsNoTracking().ValidOn(today).FirstOrDefaultAsync(u => u.Code == commune.ProvinceCode && u.Level == UnitLevel.Province, ct);
            var targets = await ReportTargets.InForceAsync(db, commune, int.Parse(report.Period[..4], System.Globalization.CultureInfo.InvariantCulture), ct);
            var lines = (await db.Indicators.AsNoTracking().OrderBy(i => i.Position).ToListAsync(ct)).Select(i =>
            {
                decimal? reported = report.Values.TryGetValue(i.Code, out var r) ? r : null;
                var computed = report.Computed.GetValueOrDefault(i.Code);
                return new ReportLine(i.Code, english ? i.NameEn : i.NameVi, i.Unit, i.Denominator, reported, computed,
                    reported is not null && computed is not null ? reported - computed : null, targets.GetValueOrDefault(i.Code), report.Comments.GetValueOrDefault(i.Code))
                {
                    Verified = report.Verified.GetValueOrDefault(i.Code),
                };
            }).ToList();
            var date = report.SubmittedAt is { } submitted ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(submitted, VietnameseFormat.TimeZone)) : today;
            return new MonthlyReportDocument(report, province?.FullName ?? string.Empty, commune.FullName, commune.Name, date, lines);
        }
    }
}

/// <summary>A commune's line in the provincial summary: the status of its report, and its figures only once approved.</summary>
public sealed record SummaryRow(string UnitCode, string UnitName, string Status, bool Late, DateTime? SubmittedAt, IReadOnlyDictionary<string, decimal> Values);

/// <summary>A province-level figure of the summary: the approved communes' total, the computed figure, the denominator, the rate and the target.</summary>
public sealed record SummaryIndicator(string Code, string Name, IndicatorUnit Unit, decimal? ApprovedTotal, decimal? Computed, decimal? Denominator, decimal? Value,
    TargetDto? Target);

public sealed record ProvincialSummaryDto(string ProvinceCode, string ProvinceName, string Place, string Period, DateOnly CommuneDueDate, DateOnly ProvinceDueDate, DateOnly DocumentDate,
    IReadOnlyList<SummaryIndicator> Indicators, IReadOnlyList<SummaryRow> Rows, DateTime? IssuedAt = null, bool IssuedLate = false, DateTime? ComputedAt = null)
{
    public int Approved => Rows.Count(r => r.Status == nameof(ReportStatus.Approved));

    public int Missing => Rows.Count(r => r.Status == ProvincialSummary.Missing);

    public int Late => Rows.Count(r => r.Late);
}

/// <summary>
/// The province's monthly roll-up (due on <see cref="ReportingDeadlines.ProvinceDay"/>, the 25th
/// unless configured): every commune with the state of its report, figures taken only from
/// approved reports, their totals, and the province-level figures (computed figures read from
/// the pre-aggregated values, so no request scans learners; denominators from the baselines;
/// targets in force), and whether the province has issued it (<see cref="IssueProvincialReport"/>).
/// </summary>
public static class ProvincialSummary
{
    public const string Missing = "Missing";

    public sealed record Query(string ProvinceCode, string? Period, bool English = false);

    public sealed class Handler(AppDbContext db, ScopeService scopes, IndicatorComputations computations, IOptions<ReportingDeadlines> deadlines, TimeProvider clock)
    {
        /// <summary>The code of the province of <paramref name="unitCode"/> when the user may read its summary; otherwise null.</summary>
        public async Task<string?> ProvinceInScopeAsync(string unitCode, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var provinceCode = await db.Units.AsNoTracking().ValidOn(today).Where(u => u.Code == unitCode).Select(u => u.ProvinceCode).FirstOrDefaultAsync(ct);
            var province = provinceCode is null ? null
                : await db.Units.AsNoTracking().ValidOn(today).FirstOrDefaultAsync(u => u.Code == provinceCode && u.Level == UnitLevel.Province, ct);
            return province is not null && scope.Can(Permission.ViewStaffData, province.Path) ? province.Code : null;
        }

        public async Task<Result<ProvincialSummaryDto>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            if (!MonthlyReports.TryParsePeriod(query.Period, out var period))
            {
                return Errors.Invalid("reports.bad_period", "period", query.Period ?? string.Empty);
            }

            if (period > new DateOnly(today.Year, today.Month, 1))
            {
                return Errors.Invalid("reports.future_period", "period", VietnameseFormat.MonthAndYear(query.Period));
            }

            var found = await db.UnitInScopeAsync(scope, query.ProvinceCode, today, Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var province = found.Value!;
            if (province.Level != UnitLevel.Province)
            {
                return Errors.Invalid("ReportExport.ProvinceOnly", "unit", query.ProvinceCode);
            }

            var communeDue = deadlines.Value.CommuneDue(period);
            var provinceDue = deadlines.Value.ProvinceDue(period);
            var computedFigures = await db.IndicatorAggregates.AsNoTracking()
                .Where(a => a.UnitId == province.Id && a.Period == period && a.Source == AggregateSource.Computed)
                .ToDictionaryAsync(a => a.Code, a => a.Value, ct);
            var computedAt = await db.RollupStates.AsNoTracking().Where(r => r.Period == period).Select(r => r.ComputedAt).FirstOrDefaultAsync(ct);
            var issued = await db.ProvincialReports.AsNoTracking().Where(r => r.UnitId == province.Id && r.Period == period).Select(r => (DateTime?)r.IssuedAt).FirstOrDefaultAsync(ct);
            var communes = await db.Units.AsNoTracking().ValidOn(today)
                .Where(u => u.Level == UnitLevel.Commune && u.Path.StartsWith(province.Path)).OrderBy(u => u.Code)
                .Select(u => new { u.Id, u.Code, u.FullName }).ToListAsync(ct);
            var reports = await db.MonthlyReports.AsNoTracking().Where(r => r.Period == period && r.UnitPath.StartsWith(province.Path))
                .ToDictionaryAsync(r => r.UnitId, ct);
            var rows = communes.Select(c =>
            {
                var report = reports.GetValueOrDefault(c.Id);
                var submittedOn = report?.SubmittedAt is { } s ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s, VietnameseFormat.TimeZone)) : (DateOnly?)null;
                var sent = report?.Status is ReportStatus.Submitted or ReportStatus.Approved;
                var late = (!sent && today > communeDue) || (sent && submittedOn > communeDue);
                return new SummaryRow(c.Code, c.FullName, report?.Status.ToString() ?? Missing, late, report?.SubmittedAt,
                    report?.Status == ReportStatus.Approved ? report.Values : new Dictionary<string, decimal>());
            }).ToList();

            var targets = await ReportTargets.InForceAsync(db, province, period.Year, ct);
            var indicators = new List<SummaryIndicator>();
            var denominators = new Dictionary<Denominator, decimal?>();
            foreach (var indicator in await db.Indicators.AsNoTracking().OrderBy(i => i.Position).ToListAsync(ct))
            {
                var figures = rows.Where(r => r.Values.ContainsKey(indicator.Code)).Select(r => r.Values[indicator.Code]).ToList();
                decimal? total = figures.Count > 0 ? figures.Sum() : null;
                decimal? computed = indicator.Computation is null ? null
                    : computedAt is null ? null : computedFigures.GetValueOrDefault(indicator.Code);
                if (!denominators.TryGetValue(indicator.Denominator, out var denominator))
                {
                    denominators[indicator.Denominator] = denominator = await computations.DenominatorAsync(indicator.Denominator, province, period.Year, today, ct);
                }

                var value = IndicatorRate.Of(indicator.Unit, total, denominator);
                indicators.Add(new SummaryIndicator(indicator.Code, query.English ? indicator.NameEn : indicator.NameVi, indicator.Unit, total, computed, denominator, value,
                    targets.GetValueOrDefault(indicator.Code)));
            }

            return new ProvincialSummaryDto(province.Code, province.FullName, province.Name, period.ToString("yyyy-MM", CultureInfo.InvariantCulture), communeDue,
                provinceDue, today, indicators, rows, issued, issued is { } at && DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(at, VietnameseFormat.TimeZone)) > provinceDue, computedAt);
        }
    }
}

/// <summary>The targets in force for a unit: per indicator, the one set nearest above (or at) the unit.</summary>
internal static class ReportTargets
{
    public static async Task<Dictionary<string, TargetDto>> InForceAsync(AppDbContext db, Unit unit, int year, CancellationToken ct) =>
        (await AggregateReading.TargetsAsync(db, unit, null, ct, year: year)).AllFor(unit.Path);
}
