using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Reporting;

public sealed record IndicatorDto(string Code, string Name, string Denominator, string Unit, bool National, bool Cumulative, bool Computed);

public sealed record TargetDto(decimal Value, DateOnly Deadline, string Plan, string SetAt);

public sealed record IndicatorValue(string Code, string Name, IndicatorUnit Unit, decimal? Numerator, decimal? Denominator, decimal? Value, TargetDto? Target,
    decimal? Reported, decimal? Computed, decimal? Difference);

public sealed record DashboardDto(UnitDto Unit, string Period, IReadOnlyList<IndicatorValue> Indicators);

/// <summary>The indicator catalogue, in the reader's language.</summary>
public static class ListIndicators
{
    public sealed class Handler(AppDbContext db)
    {
        public async Task<Result<IReadOnlyList<IndicatorDto>>> HandleAsync(bool english, CancellationToken ct) =>
            (await db.Indicators.AsNoTracking().OrderBy(i => i.Position).ToListAsync(ct))
            .Select(i => new IndicatorDto(i.Code, english ? i.NameEn : i.NameVi, i.Denominator.ToString(), i.Unit.ToString(), i.IsNational, i.Cumulative, i.Computation is not null))
            .ToList();
    }
}

/// <summary>
/// Each indicator of a unit for a month: the reported figure (the unit's report, or for higher
/// units the sum of their communes' approved reports), the figure computed from the platform's own
/// records, their difference, the denominator from the baselines, and the target in force (the
/// unit's own, or the nearest one set above it).
/// </summary>
public static class GetDashboard
{
    public sealed record Query(string UnitCode, string? Period, bool English = false);

    public sealed class Handler(AppDbContext db, ScopeService scopes, IndicatorComputations computations, TimeProvider clock)
    {
        public async Task<Result<DashboardDto>> HandleAsync(Query query, CancellationToken ct)
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
            var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.Position).ToListAsync(ct);
            var ancestors = GetUnit.AncestorPaths(unit.Path).Append(unit.Path).ToList();
            var targets = await db.Targets.AsNoTracking().Where(t => ancestors.Contains(t.UnitPath)).ToListAsync(ct);
            var unitCodes = await db.Units.AsNoTracking().Where(u => ancestors.Contains(u.Path)).ToDictionaryAsync(u => u.Path, u => u.Code, ct);
            var reports = await db.MonthlyReports.AsNoTracking()
                .Where(r => r.Period == period && r.UnitPath.StartsWith(unit.Path) && (r.Status == ReportStatus.Approved || r.UnitPath == unit.Path))
                .ToListAsync(ct);
            var values = new List<IndicatorValue>();
            foreach (var indicator in indicators)
            {
                var figures = reports.Where(r => r.Values.ContainsKey(indicator.Code)).Select(r => r.Values[indicator.Code]).ToList();
                decimal? reported = figures.Count > 0 ? figures.Sum() : null;
                var computed = await computations.ComputeAsync(indicator.Computation, unit.Path, period, ct);
                var denominator = await computations.DenominatorAsync(indicator.Denominator, unit, period.Year, today, ct);
                var numerator = reported ?? computed;
                var value = indicator.Unit switch
                {
                    IndicatorUnit.Percent when numerator is not null && denominator is > 0 => Math.Round(100m * numerator.Value / denominator.Value, 1),
                    IndicatorUnit.PerVillage when numerator is not null && denominator is > 0 => Math.Round(numerator.Value / denominator.Value, 1),
                    IndicatorUnit.Count => numerator,
                    _ => null,
                };
                var target = targets.Where(t => t.IndicatorCode == indicator.Code).OrderByDescending(t => t.UnitPath.Length).FirstOrDefault();
                values.Add(new IndicatorValue(indicator.Code, query.English ? indicator.NameEn : indicator.NameVi, indicator.Unit, numerator, denominator, value,
                    target is null ? null : new TargetDto(target.Value, target.Deadline, target.Plan, unitCodes.GetValueOrDefault(target.UnitPath, "?")),
                    reported, computed, reported is not null && computed is not null ? reported - computed : null));
            }

            return new DashboardDto(unit.ToDto(), period.ToString("yyyy-MM", CultureInfo.InvariantCulture), values);
        }
    }
}
