using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Reporting;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <param name="Computed">People enrolled in the unit's organisations who qualify, each counted once.</param>
/// <param name="Headcount">The organisations' headcount of the group for the year (the denominator).</param>
/// <param name="Reported">The latest figure the unit reported in the year, beside it.</param>
public sealed record TargetGroupFigureDto(string Indicator, string Group, int Enrolled, decimal Computed, decimal? Headcount, decimal? Percent, decimal? Reported);

/// <summary>
/// The target-group indicators of a unit in a year (officials with digital skills, students
/// equipped, enterprise workers with digital skills, officials registered for a digital signature,
/// officials self-learning on the MOOC): computed from the people enrolled in its organisations,
/// de-duplicated by person, over the organisations' headcounts, beside the figure the unit reported.
/// Judged at the end of the year, or of the current month in the current year. Scoped.
/// </summary>
public static class GetTargetGroupFigures
{
    public sealed record Query(string UnitCode, int Year);

    public sealed class Handler(AppDbContext db, ScopeService scopes, IndicatorComputations computations, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<TargetGroupFigureDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, today, Permission.ViewPlans, ct);
            if (!found.IsSuccess)
            {
                return Result<IReadOnlyList<TargetGroupFigureDto>>.Fail(found.Errors);
            }

            var unit = found.Value!;
            var period = today.Year > query.Year ? new DateOnly(query.Year, 12, 1) : new DateOnly(today.Year, today.Month, 1);
            var indicators = await db.Indicators.AsNoTracking().Where(i => i.Computation != null).OrderBy(i => i.Position).ToListAsync(ct);
            var reported = await db.IndicatorAggregates.AsNoTracking()
                .Where(a => a.UnitId == unit.Id && a.Period.Year == query.Year && (a.Source == AggregateSource.Reported || a.Source == AggregateSource.Own))
                .Select(a => new { a.Code, a.Period, a.Value })
                .ToListAsync(ct);
            var result = new List<TargetGroupFigureDto>();
            foreach (var indicator in indicators)
            {
                if (!IndicatorComputations.All.TryGetValue(indicator.Computation!, out var definition) || definition.Members is not { } group)
                {
                    continue;
                }

                var enrolled = await IndicatorComputations.Enrolled(db, group).CountAsync(m => m.UnitPath.StartsWith(unit.Path), ct);
                var computed = await computations.ComputeAsync(indicator.Computation, unit.Path, period, ct) ?? 0;
                var headcount = await computations.HeadcountAsync(group, unit.Path, query.Year, ct);
                var percent = headcount is > 0 ? Math.Round(computed * 100 / headcount.Value, 1, MidpointRounding.AwayFromZero) : (decimal?)null;
                var last = reported.Where(r => r.Code == indicator.Code && r.Period <= period).OrderByDescending(r => r.Period).Select(r => (decimal?)r.Value).FirstOrDefault();
                result.Add(new TargetGroupFigureDto(indicator.Code, group.ToString(), enrolled, computed, headcount, percent, last));
            }

            return result;
        }
    }
}
