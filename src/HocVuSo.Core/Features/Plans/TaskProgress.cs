using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Reporting;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>Where a task stands (tình trạng thực hiện).</summary>
public enum TaskState
{
    NotStarted,
    OnTrack,
    AtRisk,
    Late,
    Done,
}

/// <summary>A target's figure now: the value reached (percent, count or count per village), and whether it meets the target.</summary>
public sealed record TargetProgress(decimal? Value, bool Met);

/// <summary>
/// The progress of a unit's tasks. A target's figure is computed from the platform's own records
/// where its indicator has a computation (classes held from the teams' classes, guidance sessions
/// from field activities, people certified), otherwise it is the latest figure the unit reported
/// this year; a per-month indicator is judged on the last full month.
/// </summary>
public sealed class TaskProgressReader(AppDbContext db, IndicatorComputations computations)
{
    /// <summary>Days before a deadline from which a task not done is at risk.</summary>
    public const int AtRiskDays = 30;

    public async Task<Dictionary<string, TargetProgress>> TargetsAsync(Unit unit, int year, IEnumerable<PlanTarget> targets, DateOnly today, CancellationToken ct)
    {
        var codes = targets.Select(t => t.IndicatorCode).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, ct);
        var lastFullMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var month = today.Year > year ? new DateOnly(year, 12, 1) : new DateOnly(today.Year, today.Month, 1);
        var reported = await db.IndicatorAggregates.AsNoTracking()
            .Where(a => a.UnitId == unit.Id && codes.Contains(a.Code) && a.Period.Year == year
                && (a.Source == AggregateSource.Reported || a.Source == AggregateSource.Own))
            .Select(a => new { a.Code, a.Period, a.Value })
            .ToListAsync(ct);
        var figures = new Dictionary<string, decimal?>();
        foreach (var code in codes)
        {
            var indicator = indicators[code];
            var period = indicator.Cumulative ? month : lastFullMonth;
            var numerator = await computations.ComputeAsync(indicator.Computation, unit.Path, period, ct)
                ?? reported.Where(r => r.Code == code && (indicator.Cumulative ? r.Period <= period : r.Period == period))
                    .OrderByDescending(r => r.Period).Select(r => (decimal?)r.Value).FirstOrDefault();
            // A figure computed from organisations' enrolled people is over their headcounts, where the organisations have them.
            var denominator = indicator.Computation is { } key && IndicatorComputations.All.TryGetValue(key, out var definition) && definition.Members is { } group
                    && await computations.HeadcountAsync(group, unit.Path, year, ct) is { } headcount
                ? headcount
                : await computations.DenominatorAsync(indicator.Denominator, unit, year, today, ct);
            figures[code] = IndicatorRate.Of(indicator.Unit, numerator, denominator) ?? (indicator.Unit == IndicatorUnit.Count ? numerator : null);
        }

        return targets.GroupBy(Key)
            .ToDictionary(g => g.Key, g =>
            {
                var value = figures[g.First().IndicatorCode];
                return new TargetProgress(value, value is { } v && v >= g.First().Value);
            });
    }

    public static string Key(PlanTarget target) => target.IndicatorCode + "|" + target.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The state of a task on <paramref name="today"/>: done when its lead body says so or (for a
    /// dated task) every target is met; late when its deadline passed without that; at risk within
    /// <see cref="AtRiskDays"/> of it. Regular and monthly tasks are judged each month: late when a
    /// target was missed (a monthly one in the last full month), at risk when nothing was reported in this or last month.
    /// Not started when nothing was reported and no figure moved.
    /// </summary>
    public static TaskState StateOf(PlanTask task, IReadOnlyList<TargetProgress> targets, IReadOnlyList<TaskUpdate> updates, DateOnly today)
    {
        var started = updates.Count > 0 || targets.Any(t => t.Value is > 0);
        var allMet = targets.Count > 0 && targets.All(t => t.Met);
        if (task.Schedule is ScheduleKind.Regular or ScheduleKind.Monthly)
        {
            if (!started)
            {
                return TaskState.NotStarted;
            }

            if (targets.Any(t => t.Value is not null && !t.Met))
            {
                return TaskState.Late;
            }

            var recent = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
            return updates.Any(u => u.Date >= recent) || allMet ? TaskState.OnTrack : TaskState.AtRisk;
        }

        if (updates.Any(u => u.Completes) || allMet)
        {
            return TaskState.Done;
        }

        if (task.DueOn is { } due && due < today)
        {
            return TaskState.Late;
        }

        if (task.DueOn is { } soon && soon.DayNumber - today.DayNumber <= AtRiskDays)
        {
            return TaskState.AtRisk;
        }

        if (!started)
        {
            return TaskState.NotStarted;
        }

        return TaskState.OnTrack;
    }
}
