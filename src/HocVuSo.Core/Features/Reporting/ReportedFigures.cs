using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Reporting;

/// <summary>
/// Keeps the reported figures of one commune's month, its province and the nation up to date in
/// the same transaction as a change to the commune's report (ARCHITECTURE rule 6, incremental
/// maintenance): the commune's own or approved figures from the report as it is being saved, the
/// province's sum over its communes' approved reports, the nation's sum over the provinces'
/// rows. Two approvals committed at the same instant in different provinces could both read the
/// old national row; the roll-up of the month, triggered by the same change, corrects that within
/// seconds.
/// </summary>
internal static class ReportedFigures
{
    private static readonly AggregateSource[] Sources = [AggregateSource.Reported, AggregateSource.Own];

    public static async Task RefreshAsync(AppDbContext db, MonthlyReport changed, DateTime now, DateOnly today, CancellationToken ct)
    {
        var segments = changed.UnitPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return;
        }

        var provincePath = "/" + segments[0] + "/";
        string[] paths = ["/", provincePath, changed.UnitPath];
        var units = await db.Units.AsNoTracking().ValidOn(today).Where(u => paths.Contains(u.Path)).ToListAsync(ct);
        var nation = units.FirstOrDefault(u => u.Path == "/");
        var province = units.FirstOrDefault(u => u.Path == provincePath);
        var commune = units.FirstOrDefault(u => u.Path == changed.UnitPath);
        if (nation is null || province is null || commune is null)
        {
            return;
        }

        var known = (await db.Indicators.AsNoTracking().Select(i => i.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var period = changed.Period;
        var others = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.Period == period && r.UnitPath.StartsWith(provincePath) && r.Id != changed.Id && r.Status == ReportStatus.Approved)
            .Select(r => r.Values).ToListAsync(ct);
        var approved = changed.Status == ReportStatus.Approved;
        var provinceSums = Sum(others.Append(approved ? changed.Values : []), known);

        var wanted = new Dictionary<(int, string, AggregateSource), (decimal Value, string? Status)>();
        foreach (var (code, value) in changed.Values.Where(v => known.Contains(v.Key)))
        {
            wanted[(commune.Id, code, approved ? AggregateSource.Reported : AggregateSource.Own)] = (value, approved ? null : changed.Status.ToString());
        }

        foreach (var (code, value) in provinceSums)
        {
            wanted[(province.Id, code, AggregateSource.Reported)] = (value, null);
        }

        var otherProvinces = await db.IndicatorAggregates.AsNoTracking()
            .Where(a => a.ParentCode == nation.Code && a.Period == period && a.UnitId != province.Id && a.Source == AggregateSource.Reported)
            .Select(a => new { a.Code, a.Value }).ToListAsync(ct);
        foreach (var group in otherProvinces.Select(a => (a.Code, a.Value)).Concat(provinceSums.Select(p => (p.Key, p.Value))).GroupBy(a => a.Item1))
        {
            wanted[(nation.Id, group.Key, AggregateSource.Reported)] = (group.Sum(g => g.Item2), null);
        }

        int[] ids = [commune.Id, province.Id, nation.Id];
        var existing = await db.IndicatorAggregates
            .Where(a => a.Period == period && ids.Contains(a.UnitId) && Sources.Contains(a.Source)).ToListAsync(ct);
        existing.AddRange(db.IndicatorAggregates.Local.Where(a => a.Period == period && ids.Contains(a.UnitId) && Sources.Contains(a.Source)
            && db.Entry(a).State == EntityState.Added));
        foreach (var row in existing)
        {
            // The province and the nation have no "own" figures; a commune's own rows are replaced.
            if (!wanted.Remove((row.UnitId, row.Code, row.Source), out var figure))
            {
                db.IndicatorAggregates.Remove(row);
            }
            else if (row.Value != figure.Value || row.Status != figure.Status)
            {
                row.Value = figure.Value;
                row.Status = figure.Status;
                row.UpdatedAt = now;
            }
        }

        var byId = new[] { commune, province, nation }.ToDictionary(u => u.Id);
        foreach (var ((unitId, code, source), figure) in wanted)
        {
            var unit = byId[unitId];
            db.IndicatorAggregates.Add(new IndicatorAggregate
            {
                UnitId = unit.Id, UnitCode = unit.Code, ParentCode = unit.ParentCode, Level = unit.Level, Period = period,
                Code = code, Source = source, Value = figure.Value, Status = figure.Status, UpdatedAt = now,
            });
        }
    }

    private static Dictionary<string, decimal> Sum(IEnumerable<Dictionary<string, decimal>> reports, HashSet<string> known)
    {
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var values in reports)
        {
            foreach (var (code, value) in values.Where(v => known.Contains(v.Key)))
            {
                sums[code] = sums.GetValueOrDefault(code) + value;
            }
        }

        return sums;
    }
}
