using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Reporting;

public sealed record TrendPoint(string Period, decimal? Reported, decimal? Computed, decimal? Numerator, decimal? Denominator, decimal? Value);

public sealed record TrendDto(UnitDto Unit, string Indicator, string Name, IndicatorUnit IndicatorUnit, TargetDto? Target, IReadOnlyList<TrendPoint> Points, DateTime? ComputedAt);

public sealed record RankingRow(int? Rank, string UnitCode, string UnitName, int Level, decimal? Numerator, decimal? Denominator, decimal? Value, decimal? Target, string Light);

public sealed record RankingDto(UnitDto Unit, string Period, string Indicator, string Name, IndicatorUnit IndicatorUnit, IReadOnlyList<RankingRow> Rows, DateTime? ComputedAt);

public sealed record HistoryEntry(DateTime At, string? Actor, string Action, string? Element, string? OldValue, string? NewValue, string? Reason);

public sealed record ReportHistoryDto(string UnitCode, string UnitName, string Period, string? Element, string? Status, IReadOnlyDictionary<string, string> Comments, IReadOnlyList<HistoryEntry> Entries);

/// <summary>An indicator of a unit month by month (the last <see cref="Query.Months"/> months up to the period), from the pre-aggregated figures.</summary>
public static class GetTrend
{
    public const int MaxMonths = 36;

    public sealed record Query(string UnitCode, string Indicator, string? Period = null, int Months = 12, bool English = false);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<TrendDto>> HandleAsync(Query query, CancellationToken ct)
        {
            if (query.Months is < 1 or > MaxMonths)
            {
                return Errors.Invalid("Dashboard.bad_months", "months", MaxMonths);
            }

            var context = await AggregateReading.OpenAsync(db, scopes, clock, query.UnitCode, query.Period, ct);
            if (!context.IsSuccess)
            {
                return context.FirstError;
            }

            var (unit, last) = context.Value;
            var indicator = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == query.Indicator, ct);
            if (indicator is null)
            {
                return Errors.NotFound("Dashboard.unknown_indicator", query.Indicator);
            }

            var first = last.AddMonths(1 - query.Months);
            var years = Enumerable.Range(first.Year, last.Year - first.Year + 1).Select(y => new DateOnly(y, 1, 1)).ToList();
            var denominator = indicator.Denominator.ToString();
            var rows = await db.IndicatorAggregates.AsNoTracking()
                .Where(a => a.UnitId == unit.Id
                    && ((a.Code == indicator.Code && a.Period >= first && a.Period <= last && a.Source != AggregateSource.Denominator)
                        || (a.Source == AggregateSource.Denominator && a.Code == denominator && years.Contains(a.Period))))
                .Select(a => new AggregateReading.Row(a.UnitId, a.Period, a.Code, a.Source, a.Value, a.Status))
                .ToListAsync(ct);
            var rolledUp = await db.RollupStates.AsNoTracking().Where(s => s.Period >= first && s.Period <= last && s.ComputedAt != null)
                .Select(s => new { s.Period, s.ComputedAt }).ToDictionaryAsync(s => s.Period, s => s.ComputedAt, ct);
            var figures = new AggregateReading.Figures(rows, false);
            var points = Enumerable.Range(0, query.Months).Select(i => first.AddMonths(i)).Select(p =>
            {
                var v = figures.Value(indicator, unit.Id, p, null, query.English, rolledUp.ContainsKey(p));
                return new TrendPoint(p.ToString("yyyy-MM", CultureInfo.InvariantCulture), v.Reported, v.Computed, v.Numerator, v.Denominator, v.Value);
            }).ToList();
            var target = (await AggregateReading.TargetsAsync(db, unit, indicator.Code, ct, year: last.Year)).For(unit.Path, indicator.Code);
            return new TrendDto(unit.ToDto(), indicator.Code, query.English ? indicator.NameEn : indicator.NameVi, indicator.Unit, target, points,
                rolledUp.GetValueOrDefault(last));
        }
    }
}

/// <summary>
/// The units directly below a unit (provinces of the nation, communes of a province, villages of a
/// commune) ranked by an indicator for a month, best first, from the pre-aggregated figures; units
/// without a value come last, unranked.
/// </summary>
public static class GetRanking
{
    public sealed record Query(string UnitCode, string Indicator, string? Period = null, bool English = false);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<RankingDto>> HandleAsync(Query query, CancellationToken ct)
        {
            var context = await AggregateReading.OpenAsync(db, scopes, clock, query.UnitCode, query.Period, ct);
            if (!context.IsSuccess)
            {
                return context.FirstError;
            }

            var (unit, period) = context.Value;
            var indicator = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == query.Indicator, ct);
            if (indicator is null)
            {
                return Errors.NotFound("Dashboard.unknown_indicator", query.Indicator);
            }

            var today = clock.TodayInVietnam();
            var children = await db.Units.AsNoTracking().ValidOn(today).Where(u => u.ParentCode == unit.Code && u.Level == unit.Level + 1)
                .OrderBy(u => u.Code).Select(u => new { u.Id, u.Code, u.FullName, u.Level, u.Path }).ToListAsync(ct);
            var year = new DateOnly(period.Year, 1, 1);
            var denominator = indicator.Denominator.ToString();
            var rows = await db.IndicatorAggregates.AsNoTracking()
                .Where(a => a.ParentCode == unit.Code
                    && ((a.Code == indicator.Code && a.Period == period && a.Source != AggregateSource.Denominator)
                        || (a.Code == denominator && a.Period == year && a.Source == AggregateSource.Denominator)))
                .Select(a => new AggregateReading.Row(a.UnitId, a.Period, a.Code, a.Source, a.Value, a.Status))
                .ToListAsync(ct);
            var state = await db.RollupStates.AsNoTracking().FirstOrDefaultAsync(s => s.Period == period, ct);
            var figures = new AggregateReading.Figures(rows, state?.ComputedAt is not null);
            var targets = await AggregateReading.TargetsAsync(db, unit, indicator.Code, ct, withChildren: true, year: period.Year);
            var values = children.Select(c =>
            {
                var v = figures.Value(indicator, c.Id, period, targets.For(c.Path, indicator.Code), query.English);
                return (Child: c, Figure: v);
            }).ToList();
            var ranked = values.Where(v => v.Figure.Value is not null).OrderByDescending(v => v.Figure.Value).ThenBy(v => v.Child.Code)
                .Select((v, i) => new RankingRow(i + 1, v.Child.Code, v.Child.FullName, v.Child.Level, v.Figure.Numerator, v.Figure.Denominator, v.Figure.Value,
                    v.Figure.Target?.Value, v.Figure.Light));
            var unranked = values.Where(v => v.Figure.Value is null)
                .Select(v => new RankingRow(null, v.Child.Code, v.Child.FullName, v.Child.Level, v.Figure.Numerator, v.Figure.Denominator, null,
                    v.Figure.Target?.Value, v.Figure.Light));
            return new RankingDto(unit.ToDto(), period.ToString("yyyy-MM", CultureInfo.InvariantCulture), indicator.Code,
                query.English ? indicator.NameEn : indicator.NameVi, indicator.Unit, ranked.Concat(unranked).ToList(), state?.ComputedAt);
        }
    }
}

/// <summary>
/// The history of a commune's monthly report, read from the audit trail: every change of a figure
/// (who, when, old and new value) and every step of the workflow (submitted, returned with the
/// reason, approved with its comment, unlocked with the reason); optionally for one element only.
/// For a province, its issued monthly summary with the approver's comment.
/// </summary>
public static class GetReportHistory
{
    public const string EntityType = nameof(MonthlyReport);

    /// <summary>The status a province's summary has in its history once issued.</summary>
    public const string ProvincialIssued = "Issued";

    public sealed record Query(string UnitCode, string Period, string? Element = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<ReportHistoryDto>> HandleAsync(Query query, CancellationToken ct)
        {
            if (!MonthlyReports.TryParsePeriod(query.Period, out var period))
            {
                return Errors.Invalid("reports.bad_period", "period", query.Period);
            }

            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, clock.TodayInVietnam(), Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var unit = found.Value!;
            if (query.Element is not null && !await db.Indicators.AnyAsync(i => i.Code == query.Element, ct))
            {
                return Errors.NotFound("Dashboard.unknown_indicator", query.Element);
            }

            var key = $"{unit.Code}/{period.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";
            var prefix = key + "/";
            var entries = await db.AuditEntries.AsNoTracking()
                .Where(a => (a.EntityType == EntityType && (a.EntityKey == key || a.EntityKey.StartsWith(prefix)))
                    || (a.EntityType == nameof(ProvincialReport) && a.EntityKey == key))
                .OrderBy(a => a.At).ThenBy(a => a.Id)
                .Select(a => new { a.At, a.ActorName, a.Action, a.EntityType, a.EntityKey, a.OldValue, a.NewValue, a.Reason })
                .ToListAsync(ct);
            var history = entries
                .Select(a => a.EntityType == nameof(ProvincialReport)
                    ? new HistoryEntry(a.At, a.ActorName, a.Action, null, null, ProvincialIssued, a.Reason)
                    : new HistoryEntry(a.At, a.ActorName, a.Action, a.EntityKey.Length > prefix.Length ? a.EntityKey[prefix.Length..] : null,
                        Unquote(a.OldValue), Unquote(a.NewValue), a.Reason))
                .Where(e => query.Element is null || e.Element is null || e.Element == query.Element)
                .ToList();
            var report = await db.MonthlyReports.AsNoTracking().Where(r => r.UnitId == unit.Id && r.Period == period)
                .Select(r => new { r.Status, r.Comments }).FirstOrDefaultAsync(ct);
            var comments = (report?.Comments ?? []).Where(c => query.Element is null || c.Key == query.Element).ToDictionary(c => c.Key, c => c.Value);
            return new ReportHistoryDto(unit.Code, unit.FullName, key[(unit.Code.Length + 1)..], query.Element, report?.Status.ToString(), comments, history);
        }

        // The audit trail stores values as JSON; figures and statuses read better without the quotes.
        private static string? Unquote(string? json) =>
            json is { Length: >= 2 } && json[0] == '"' && json[^1] == '"' ? System.Text.Json.JsonSerializer.Deserialize<string>(json) : json;
    }
}
