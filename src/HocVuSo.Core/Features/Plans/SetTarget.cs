using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>
/// Sets a target of a task (adds one for an indicator, or changes its value). A province plan's
/// targets are the defaults for its communes: a commune may tighten a target but not set it below
/// the value in force above it, and a province may not loosen a target below one of its own plan
/// above. Every change is audited with its old and new value.
/// </summary>
public static class SetTarget
{
    public sealed record Command(int PlanId, int TaskId, string? Indicator, decimal? Value, string? UnitLevel, DateOnly? Due, string? Text, string? Reason = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PlanId, ct);
            var task = plan is null ? null : await db.PlanTasks.Include(t => t.Targets).FirstOrDefaultAsync(t => t.Id == command.TaskId && t.PlanId == plan.Id, ct);
            if (plan is null || task is null)
            {
                return Errors.NotFound("plans.task_not_found", command.TaskId);
            }

            if (scope.Check(Permission.ManagePlans, plan.UnitPath) is { } forbidden)
            {
                return forbidden;
            }

            var code = command.Indicator?.Trim() ?? string.Empty;
            var errors = new List<Error>();
            if (!await db.Indicators.AnyAsync(i => i.Code == code, ct))
            {
                errors.Add(Errors.Invalid("plans.indicator_unknown", "indicator", code));
            }

            if (command.Value is not { } value || value < 0)
            {
                errors.Add(Errors.Invalid("plans.target_value_invalid", "value"));
                value = 0;
            }

            var level = TargetLevel.Commune;
            if (!string.IsNullOrWhiteSpace(command.UnitLevel) && !Enum.TryParse(command.UnitLevel, ignoreCase: true, out level))
            {
                errors.Add(Errors.Invalid("plans.unit_level_invalid", "unitLevel", command.UnitLevel));
            }

            if (command.Due is { } due && due.Year != plan.Year)
            {
                errors.Add(Errors.Invalid("plans.due_outside_year", "due", due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), plan.Year));
            }

            if (errors.Count == 0 && await TargetRules.LooserThanAboveAsync(db, plan, code, value, ct) is { } above)
            {
                errors.Add(above);
            }

            if (errors.Count > 0)
            {
                return Result<int>.Fail(errors);
            }

            var target = task.Targets.FirstOrDefault(t => t.IndicatorCode == code);
            var old = target is null ? null : new { target.Value, level = target.UnitLevel.ToString(), due = target.DueOn };
            if (target is null)
            {
                target = new PlanTarget { IndicatorCode = code, PlanId = plan.Id };
                task.Targets.Add(target);
            }

            target.Value = value;
            target.UnitLevel = level;
            target.DueOn = command.Due;
            target.Text = string.IsNullOrWhiteSpace(command.Text) ? target.Text : VietnameseText.Clean(command.Text);
            AuditLog.Record(db, scope, clock.UtcNow(), "plans.target_set", "PlanTarget", $"{plan.Id}/{task.Number}/{code}", plan.UnitPath,
                oldValue: old, newValue: new { value, level = level.ToString(), due = command.Due }, reason: command.Reason);
            await db.SaveChangesAsync(ct);
            return target.Id;
        }
    }
}

/// <summary>
/// Removes a task's target for an indicator: from then on the target in force for the unit is the
/// one inherited from the plan above, if any. Audited with the old value and the reason.
/// </summary>
public static class RemoveTarget
{
    public sealed record Command(int PlanId, int TaskId, string? Indicator, string? Reason = null);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PlanId, ct);
            var task = plan is null ? null : await db.PlanTasks.Include(t => t.Targets).FirstOrDefaultAsync(t => t.Id == command.TaskId && t.PlanId == plan.Id, ct);
            if (plan is null || task is null)
            {
                return Errors.NotFound("plans.task_not_found", command.TaskId);
            }

            if (scope.Check(Permission.ManagePlans, plan.UnitPath) is { } forbidden)
            {
                return forbidden;
            }

            var code = command.Indicator?.Trim() ?? string.Empty;
            var target = task.Targets.FirstOrDefault(t => t.IndicatorCode == code);
            if (target is null)
            {
                return Errors.NotFound("plans.target_not_found", code) with { Field = "indicator" };
            }

            if (plan.Status == PlanStatus.Closed)
            {
                return Errors.Conflict("plans.closed", null, plan.Number);
            }

            db.PlanTargets.Remove(target);
            AuditLog.Record(db, scope, clock.UtcNow(), "plans.target_removed", "PlanTarget", $"{plan.Id}/{task.Number}/{code}", plan.UnitPath,
                oldValue: new { target.Value, level = target.UnitLevel.ToString(), due = target.DueOn }, reason: command.Reason);
            await db.SaveChangesAsync(ct);
            return target.Id;
        }
    }
}

/// <summary>The rule that a unit's target may not be looser than the one in force above it.</summary>
internal static class TargetRules
{
    /// <summary>The error when <paramref name="value"/> for <paramref name="indicator"/> in <paramref name="plan"/> is below a target of an issued plan above the plan's unit.</summary>
    public static async Task<Error?> LooserThanAboveAsync(AppDbContext db, Plan plan, string indicator, decimal value, CancellationToken ct)
    {
        var ancestors = GetUnit.AncestorPaths(plan.UnitPath);
        var above = await (
                from t in db.PlanTargets.AsNoTracking()
                join p in db.Plans on t.PlanId equals p.Id
                where ancestors.Contains(p.UnitPath) && p.Year == plan.Year && p.Status == PlanStatus.Issued && t.IndicatorCode == indicator
                select new { t.Value, p.Number })
            .ToListAsync(ct);
        var strictest = above.OrderByDescending(a => a.Value).FirstOrDefault();
        return strictest is not null && value < strictest.Value
            ? Errors.Invalid("plans.target_looser_than_above", "value", indicator, Format(value), Format(strictest.Value), strictest.Number)
            : null;
    }

    private static string Format(decimal value) => value.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"));
}
