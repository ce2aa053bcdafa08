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
    decimal? Reported, decimal? Computed, decimal? Difference)
{
    /// <summary>For a commune whose report of the month is not approved yet: its status (Draft, Submitted, Returned); the reported figure is then the commune's own.</summary>
    public string? ReportedStatus { get; init; }

    public bool National { get; init; }

    /// <summary>For a commune: the share found genuine by the latest call-back sample behind this indicator, with its 95% interval (null: not verified).</summary>
    public Oversight.VerifiedFigure? Verified { get; init; }

    /// <summary>
    /// For a figure of people confirmed here or outside the platform (adults confirmed on VNeID, adults
    /// with digital skills): how many were confirmed here only, outside only (the national platform) and
    /// both; their sum is the computed figure. Null for other indicators, or while never rolled up.
    /// </summary>
    public SourceSplit? Sources { get; init; }

    /// <summary>green, amber, red, or none (no target or no value).</summary>
    public string Light => TrafficLight.Of(Value, Target?.Value);
}

public sealed record DashboardDto(UnitDto Unit, string Period, IReadOnlyList<IndicatorValue> Indicators)
{
    /// <summary>When the computed figures were last rolled up (null: never for this month).</summary>
    public DateTime? ComputedAt { get; init; }

    public DateTime? ReportedAt { get; init; }
}

/// <summary>Green at or above target, amber from 70% of it, red below; none without a target or a value.</summary>
public static class TrafficLight
{
    public static string Of(decimal? value, decimal? target) =>
        target is not { } t || value is not { } v ? "none" : v >= t ? "green" : v >= t * 0.7m ? "amber" : "red";
}

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
/// Each indicator of a unit for a month, read only from the pre-aggregated figures
/// (<see cref="IndicatorAggregate"/>, maintained by <see cref="RollupJob"/>) and the targets: the
/// reported figure (for a commune its own report, labelled while not approved; above, the sum of
/// approved commune reports), the computed figure, their difference, the denominator and the
/// target in force (the unit's own, or the nearest one set above it). No learner is read here.
/// </summary>
public static class GetDashboard
{
    public sealed record Query(string UnitCode, string? Period, bool English = false);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<DashboardDto>> HandleAsync(Query query, CancellationToken ct)
        {
            var context = await AggregateReading.OpenAsync(db, scopes, clock, query.UnitCode, query.Period, ct);
            if (!context.IsSuccess)
            {
                return context.FirstError;
            }

            var (unit, period) = context.Value;
            var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.Position).ToListAsync(ct);
            var targets = await AggregateReading.TargetsAsync(db, unit, null, ct, year: period.Year);
            var year = new DateOnly(period.Year, 1, 1);
            var rows = await db.IndicatorAggregates.AsNoTracking()
                .Where(a => a.UnitId == unit.Id && (a.Period == period || (a.Period == year && a.Source == AggregateSource.Denominator)))
                .Select(a => new AggregateReading.Row(a.UnitId, a.Period, a.Code, a.Source, a.Value, a.Status))
                .ToListAsync(ct);
            var state = await db.RollupStates.AsNoTracking().FirstOrDefaultAsync(s => s.Period == period, ct);
            var figures = new AggregateReading.Figures(rows, state?.ComputedAt is not null);
            var verified = unit.Level == UnitLevel.Commune
                ? await Oversight.VerificationFigures.ForAsync(db, unit.Id, period, ct)
                : [];
            var values = indicators
                .Select(i => figures.Value(i, unit.Id, period, targets.For(unit.Path, i.Code), query.English) with { Verified = verified.GetValueOrDefault(i.Code) })
                .ToList();
            return new DashboardDto(unit.ToDto(), period.ToString("yyyy-MM", CultureInfo.InvariantCulture), values)
            {
                ComputedAt = state?.ComputedAt,
                ReportedAt = state?.ReportedAt,
            };
        }
    }
}

/// <summary>What the dashboard, trend and ranking share: the unit in scope, the month, the targets in force and the arithmetic of a figure.</summary>
internal static class AggregateReading
{
    public sealed record Row(int UnitId, DateOnly Period, string Code, AggregateSource Source, decimal Value, string? Status)
    {
        /// <summary>The value without the trailing zeros the column's scale adds (6000.00 on PostgreSQL, 6000.0 on SQLite): 6000.</summary>
        public decimal Value { get; } = Value / 1.0000000000000000000000000000m;
    }

    public static async Task<Result<(Unit Unit, DateOnly Period)>> OpenAsync(
        AppDbContext db, ScopeService scopes, TimeProvider clock, string unitCode, string? periodText, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var today = clock.TodayInVietnam();
        if (!MonthlyReports.TryParsePeriod(periodText, out var period))
        {
            if (!string.IsNullOrWhiteSpace(periodText))
            {
                return Errors.Invalid("reports.bad_period", "period", periodText);
            }

            period = new DateOnly(today.Year, today.Month, 1);
        }

        var found = await db.UnitInScopeAsync(scope, unitCode, today, Permission.ViewStaffData, ct);
        return found.IsSuccess ? (found.Value!, period) : Result<(Unit, DateOnly)>.Fail(found.Errors);
    }

    /// <summary>
    /// Targets of the issued plans of the year at the unit, above it, and (when <paramref name="withChildren"/>)
    /// below it, with the codes of the units that set them: the targets in force come from the plans
    /// (<see cref="Plans.PlanTargetsInForce"/>).
    /// </summary>
    public static async Task<TargetsInForce> TargetsAsync(AppDbContext db, Unit unit, string? indicator, CancellationToken ct, bool withChildren = false, int? year = null)
    {
        var targets = await Plans.PlanTargetsInForce.ReadAsync(db, unit.Path, year, indicator, withChildren, ct);
        var paths = targets.Select(t => t.UnitPath).Distinct().ToList();
        var codes = await db.Units.AsNoTracking().Where(u => paths.Contains(u.Path)).Select(u => new { u.Path, u.Code }).Distinct().ToListAsync(ct);
        return new TargetsInForce(targets, codes.GroupBy(c => c.Path).ToDictionary(g => g.Key, g => g.First().Code));
    }

    public sealed class TargetsInForce(IReadOnlyList<Plans.TargetInForce> targets, Dictionary<string, string> codes)
    {
        /// <summary>The target of the unit at <paramref name="path"/>: its own, or the one set nearest above it.</summary>
        public TargetDto? For(string path, string indicator)
        {
            var target = targets.Where(t => t.IndicatorCode == indicator && path.StartsWith(t.UnitPath, StringComparison.Ordinal))
                .OrderByDescending(t => t.UnitPath.Length).ThenByDescending(t => t.Year).ThenByDescending(t => t.Value).FirstOrDefault();
            return target is null ? null : new TargetDto(target.Value, target.Deadline, target.Plan, codes.GetValueOrDefault(target.UnitPath, "?"));
        }

        /// <summary>Every indicator's target in force at <paramref name="path"/>.</summary>
        public Dictionary<string, TargetDto> AllFor(string path) =>
            targets.Select(t => t.IndicatorCode).Distinct()
                .Select(code => (code, target: For(path, code)))
                .Where(x => x.target is not null)
                .ToDictionary(x => x.code, x => x.target!);
    }

    public sealed class Figures(IReadOnlyList<Row> rows, bool computedRolledUp)
    {
        private readonly Dictionary<(int, DateOnly, string, AggregateSource), Row> _rows =
            rows.GroupBy(r => (r.UnitId, r.Period, r.Code, r.Source)).ToDictionary(g => g.Key, g => g.First());

        public IndicatorValue Value(Indicator indicator, int unitId, DateOnly period, TargetDto? target, bool english, bool? rolledUp = null)
        {
            var reportedRow = _rows.GetValueOrDefault((unitId, period, indicator.Code, AggregateSource.Reported))
                ?? _rows.GetValueOrDefault((unitId, period, indicator.Code, AggregateSource.Own));
            decimal? reported = reportedRow?.Value;
            decimal? computed = indicator.Computation is null ? null
                : _rows.GetValueOrDefault((unitId, period, indicator.Code, AggregateSource.Computed))?.Value ?? ((rolledUp ?? computedRolledUp) ? 0 : null);
            decimal? denominator = indicator.Denominator == Denominator.None ? null
                : _rows.GetValueOrDefault((unitId, new DateOnly(period.Year, 1, 1), indicator.Denominator.ToString(), AggregateSource.Denominator))?.Value;
            var numerator = reported ?? computed;
            decimal Part(int unit, DateOnly month, string code) => _rows.GetValueOrDefault((unit, month, code, AggregateSource.Computed))?.Value ?? 0;
            var value = IndicatorRate.Of(indicator.Unit, numerator, denominator);
            return new IndicatorValue(indicator.Code, english ? indicator.NameEn : indicator.NameVi, indicator.Unit, numerator, denominator, value, target,
                reported, computed, reported is not null && computed is not null ? reported - computed : null)
            {
                ReportedStatus = reportedRow?.Source == AggregateSource.Own ? reportedRow.Status : null,
                National = indicator.IsNational,
                Sources = computed is not null && indicator.Computation is { } key && IndicatorComputations.All.TryGetValue(key, out var definition) && definition.Sources is not null
                    ? new SourceSplit(Part(unitId, period, indicator.Code + SourceSplit.PlatformPart), Part(unitId, period, indicator.Code + SourceSplit.ExternalPart), Part(unitId, period, indicator.Code + SourceSplit.BothPart))
                    : null,
            };
        }
    }
}
