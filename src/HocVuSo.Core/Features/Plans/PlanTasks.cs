using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>
/// A task as sent to a section of a draft plan: its section (the plan's last section when none is
/// named), its fields, and its targets (null: leave a task's targets as they are; a list: the
/// task's targets become exactly those).
/// </summary>
public sealed record TaskContent(int? SectionId, TaskInput Task, IReadOnlyList<TargetInput>? Targets);

/// <summary>
/// Adds a task to a draft plan: its number unique in the plan, its deadline inside the plan's year,
/// its lead and coordinating bodies organisations of the plan's unit (or of units under it), its
/// targets on known indicators and not looser than those above. All or nothing; audited.
/// </summary>
public static class AddTask
{
    public sealed record Command(int PlanId, TaskContent Content);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await DraftPlans.FindAsync(db, scope, command.PlanId, ct);
            if (!found.IsSuccess)
            {
                return Result<int>.Fail(found.Errors);
            }

            var plan = found.Value!;
            var checkedTask = await TaskChecks.CheckAsync(db, plan, command.Content, null, ct);
            if (!checkedTask.IsSuccess)
            {
                return Result<int>.Fail(checkedTask.Errors);
            }

            var (sectionId, schedule, levels) = checkedTask.Value;
            var position = await db.PlanTasks.Where(t => t.SectionId == sectionId).Select(t => (int?)t.Position).MaxAsync(ct) ?? 0;
            var task = new PlanTask { PlanId = plan.Id, SectionId = sectionId, Number = string.Empty, Title = string.Empty, Position = position + 1 };
            PlanRules.Apply(task, command.Content.Task, schedule);
            TaskChecks.ApplyTargets(task, plan.Id, command.Content.Targets ?? [], levels);
            db.PlanTasks.Add(task);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, clock.UtcNow(), "plans.task_added", nameof(PlanTask), task.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                newValue: TaskChecks.Snapshot(task, plan));
            await db.SaveChangesAsync(ct);
            return task.Id;
        }
    }
}

/// <summary>Changes a task of a draft plan (fields, section, and its targets when they are sent) under the rules of <see cref="AddTask"/>; audited with the old and new values.</summary>
public static class UpdateTask
{
    public sealed record Command(int PlanId, int TaskId, TaskContent Content);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await DraftPlans.FindAsync(db, scope, command.PlanId, ct);
            if (!found.IsSuccess)
            {
                return Result<int>.Fail(found.Errors);
            }

            var plan = found.Value!;
            var task = await db.PlanTasks.Include(t => t.Coordinators).Include(t => t.Targets)
                .FirstOrDefaultAsync(t => t.Id == command.TaskId && t.PlanId == plan.Id, ct);
            if (task is null)
            {
                return Errors.NotFound("plans.task_not_found", command.TaskId);
            }

            var content = command.Content with { SectionId = command.Content.SectionId ?? task.SectionId };
            var checkedTask = await TaskChecks.CheckAsync(db, plan, content, task.Id, ct);
            if (!checkedTask.IsSuccess)
            {
                return Result<int>.Fail(checkedTask.Errors);
            }

            var (sectionId, schedule, levels) = checkedTask.Value;
            var old = TaskChecks.Snapshot(task, plan);
            if (sectionId != task.SectionId)
            {
                task.SectionId = sectionId;
                task.Position = (await db.PlanTasks.Where(t => t.SectionId == sectionId).Select(t => (int?)t.Position).MaxAsync(ct) ?? 0) + 1;
            }

            PlanRules.Apply(task, content.Task, schedule);
            if (content.Targets is { } targets)
            {
                TaskChecks.ApplyTargets(task, plan.Id, targets, levels);
            }

            AuditLog.Record(db, scope, clock.UtcNow(), "plans.task_updated", nameof(PlanTask), task.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                oldValue: old, newValue: TaskChecks.Snapshot(task, plan));
            await db.SaveChangesAsync(ct);
            return task.Id;
        }
    }
}

/// <summary>Deletes a task of a draft plan with its targets; audited with what it was.</summary>
public static class DeleteTask
{
    public sealed record Command(int PlanId, int TaskId);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await DraftPlans.FindAsync(db, scope, command.PlanId, ct);
            if (!found.IsSuccess)
            {
                return Result<int>.Fail(found.Errors);
            }

            var plan = found.Value!;
            var task = await db.PlanTasks.Include(t => t.Coordinators).Include(t => t.Targets)
                .FirstOrDefaultAsync(t => t.Id == command.TaskId && t.PlanId == plan.Id, ct);
            if (task is null)
            {
                return Errors.NotFound("plans.task_not_found", command.TaskId);
            }

            AuditLog.Record(db, scope, clock.UtcNow(), "plans.task_deleted", nameof(PlanTask), task.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                oldValue: TaskChecks.Snapshot(task, plan));
            db.PlanTargets.RemoveRange(task.Targets);
            db.PlanTasks.Remove(task);
            await db.SaveChangesAsync(ct);
            return task.Id;
        }
    }
}

internal static class TaskChecks
{
    /// <summary>The checked section, schedule and target levels, or every error found (fields of targets prefixed <c>targets[i].</c>).</summary>
    public static async Task<Result<(int SectionId, ScheduleKind Schedule, IReadOnlyList<TargetLevel> Levels)>> CheckAsync(
        AppDbContext db, Plan plan, TaskContent content, int? self, CancellationToken ct)
    {
        var errors = new List<Error>();
        var sections = await db.PlanSections.AsNoTracking().Where(s => s.PlanId == plan.Id).OrderBy(s => s.Position).Select(s => s.Id).ToListAsync(ct);
        var sectionId = content.SectionId ?? (sections.Count > 0 ? sections[^1] : 0);
        if (content.SectionId is { } wanted && !sections.Contains(wanted))
        {
            errors.Add(Errors.Invalid("plans.section_not_in_plan", "sectionId", wanted));
        }
        else if (sections.Count == 0)
        {
            errors.Add(Errors.Invalid("plans.section_required", "sectionId"));
        }

        var organisations = await PlanRules.OrganisationsOfAsync(db, plan, ct);
        var schedule = PlanRules.Task(content.Task, plan, organisations, errors);
        if (PlanRules.Clean(content.Task.Number) is { Length: <= PlanRules.MaxNumber } number
            && await db.PlanTasks.AnyAsync(t => t.PlanId == plan.Id && t.Number == number && t.Id != self, ct))
        {
            errors.Add(Errors.Invalid("plans.task_number_taken", "number", number));
        }

        var levels = new List<TargetLevel>();
        var targets = content.Targets ?? [];
        if (targets.Count > 0)
        {
            var indicators = await PlanRules.IndicatorsAsync(db, ct);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < targets.Count; i++)
            {
                var prefix = $"targets[{i}].";
                var before = errors.Count;
                levels.Add(PlanRules.Target(targets[i], plan, indicators, errors, prefix));
                var code = targets[i].Indicator?.Trim() ?? string.Empty;
                if (errors.Count == before && !seen.Add(code))
                {
                    errors.Add(Errors.Invalid("plans.target_repeated", prefix + "indicator", code));
                }
                else if (errors.Count == before && await TargetRules.LooserThanAboveAsync(db, plan, code, targets[i].Value!.Value, ct) is { } looser)
                {
                    errors.Add(looser with { Field = prefix + "value" });
                }
            }
        }

        return errors.Count > 0 ? Result<(int, ScheduleKind, IReadOnlyList<TargetLevel>)>.Fail(errors) : (sectionId, schedule, levels);
    }

    /// <summary>Makes the task's targets exactly <paramref name="targets"/>: kept by indicator, changed, added, the others removed.</summary>
    public static void ApplyTargets(PlanTask task, int planId, IReadOnlyList<TargetInput> targets, IReadOnlyList<TargetLevel> levels)
    {
        var wanted = targets.Select(t => t.Indicator!.Trim()).ToHashSet(StringComparer.Ordinal);
        task.Targets.RemoveAll(t => !wanted.Contains(t.IndicatorCode));
        for (var i = 0; i < targets.Count; i++)
        {
            var code = targets[i].Indicator!.Trim();
            var target = task.Targets.FirstOrDefault(t => t.IndicatorCode == code);
            if (target is null)
            {
                target = new PlanTarget { IndicatorCode = code, PlanId = planId };
                task.Targets.Add(target);
            }

            target.Value = targets[i].Value!.Value;
            target.UnitLevel = levels[i];
            target.DueOn = targets[i].Due;
            target.Text = PlanRules.Clean(targets[i].Text);
        }
    }

    public static object Snapshot(PlanTask task, Plan plan) => new
    {
        plan = plan.Number, task.Number, task.Title, task.SectionId, lead = task.LeadOrganisationId,
        coordinating = task.Coordinators.Select(c => c.OrganisationId).Order().ToList(),
        schedule = PlanRules.ScheduleName(task.Schedule), starts = task.StartsOn, due = task.DueOn, task.ScheduleText,
        targets = task.Targets.OrderBy(t => t.IndicatorCode, StringComparer.Ordinal).Select(t => new { t.IndicatorCode, t.Value, level = t.UnitLevel.ToString(), due = t.DueOn }).ToList(),
    };
}
