using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>A target of an issued plan, as the dashboards and the plan pages read it.</summary>
public sealed record TargetInForce(
    int PlanId, string PlanNumber, string UnitPath, int Year, string TaskNumber, string IndicatorCode, decimal Value, TargetLevel UnitLevel, DateOnly Deadline, string? Text)
{
    /// <summary>How the dashboards name the plan a target comes from.</summary>
    public string Plan => PlanNumber;
}

/// <summary>
/// The targets in force: those of the issued plans (not drafts, not closed ones) of the unit and
/// the units above it. A province plan's targets are the defaults for its communes; a commune's
/// own target for the same indicator takes precedence, and may only be stricter (<see cref="SetTarget"/>).
/// </summary>
public static class PlanTargetsInForce
{
    public static async Task<IReadOnlyList<TargetInForce>> ReadAsync(
        AppDbContext db, string unitPath, int? year, string? indicator, bool withChildren, CancellationToken ct)
    {
        var ancestors = GetUnit.AncestorPaths(unitPath).Append(unitPath).ToList();
        var query =
            from t in db.PlanTargets.AsNoTracking()
            join p in db.Plans on t.PlanId equals p.Id
            join k in db.PlanTasks on t.TaskId equals k.Id
            where p.Status == PlanStatus.Issued && (ancestors.Contains(p.UnitPath) || (withChildren && p.UnitPath.StartsWith(unitPath)))
            select new { t, p.Number, p.UnitPath, p.Year, TaskNumber = k.Number, TaskDue = k.DueOn };
        if (year is { } y)
        {
            query = query.Where(x => x.Year == y);
        }

        if (indicator is not null)
        {
            query = query.Where(x => x.t.IndicatorCode == indicator);
        }

        var rows = await query.ToListAsync(ct);
        return rows.Select(x => new TargetInForce(
                x.t.PlanId, x.Number, x.UnitPath, x.Year, x.TaskNumber, x.t.IndicatorCode, x.t.Value, x.t.UnitLevel,
                x.t.DueOn ?? x.TaskDue ?? new DateOnly(x.Year, 12, 31), x.t.Text))
            .ToList();
    }
}
