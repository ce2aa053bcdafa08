using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

public sealed record PlanSummaryDto(int Id, string Number, string Title, string Unit, int Year, string Status);

public sealed record PlanTargetDto(int Id, string Indicator, decimal Value, string UnitLevel, DateOnly? Due, string? Text, decimal? Progress, bool Met);

/// <summary>An update; <c>EvidenceFile</c> names its evidence file and <c>EvidenceFileUrl</c> is where it is downloaded.</summary>
public sealed record TaskUpdateDto(int Id, string Text, DateOnly Date, string? EvidenceUrl, bool Completes, string? By, DateTime At,
    string? EvidenceFile = null, string? EvidenceFileUrl = null);

public sealed record PlanTaskDto(
    int Id, string Section, string Number, string Title, string? Purpose, string? Form, string? Lead, IReadOnlyList<string> Coordinating,
    string Schedule, string? ScheduleText, DateOnly? Starts, DateOnly? Due, string State, IReadOnlyList<PlanTargetDto> Targets, IReadOnlyList<TaskUpdateDto> Updates,
    int SectionId = 0, int? LeadId = null, IReadOnlyList<int>? CoordinatingIds = null);

public sealed record PlanSectionDto(int Id, string Number, string Title);

public sealed record PlanDto(
    int Id, string Number, string Title, string Unit, string UnitName, int Year, string Status, DateOnly? IssuedOn, string IssuingBody, string? Signer, string? SignerTitle,
    int? ParentPlanId, string? ParentNumber, IReadOnlyList<PlanSectionDto> Sections, IReadOnlyList<PlanTaskDto> Tasks);

/// <summary>The plans of a unit (and, for a province, of its communes) in a year; scoped.</summary>
public static class ListPlans
{
    public sealed record Query(string UnitCode, int? Year);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<PlanSummaryDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, clock.TodayInVietnam(), Permission.ViewPlans, ct);
            if (!found.IsSuccess)
            {
                return Result<IReadOnlyList<PlanSummaryDto>>.Fail(found.Errors);
            }

            var unit = found.Value!;
            var plans = db.Plans.AsNoTracking().Where(p => p.UnitPath.StartsWith(unit.Path)).WithinScope(scope, Permission.ViewPlans, p => p.UnitPath);
            if (query.Year is { } year)
            {
                plans = plans.Where(p => p.Year == year);
            }

            var rows = await plans
                .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new { p.Id, p.Number, p.Title, u.Code, p.Year, p.Status, Depth = p.UnitPath.Length })
                .OrderBy(p => p.Depth).ThenBy(p => p.Code).ThenBy(p => p.Year)
                .ToListAsync(ct);
            return rows.Select(p => new PlanSummaryDto(p.Id, p.Number, p.Title, p.Code, p.Year, p.Status.ToString().ToLowerInvariant())).ToList();
        }
    }
}

/// <summary>A plan with its sections and tasks, each task with its lead and coordinating bodies, its state, targets and their progress.</summary>
public static class GetPlan
{
    public sealed record Query(int Id);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, TaskProgressReader progress)
    {
        public async Task<Result<PlanDto>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.Id, ct);
            if (plan is null)
            {
                return Errors.NotFound("plans.not_found", query.Id);
            }

            if (scope.Check(Permission.ViewPlans, plan.UnitPath) is { } forbidden)
            {
                return forbidden;
            }

            return await PlanReading.ReadAsync(db, progress, plan, clock.TodayInVietnam(), ct);
        }
    }
}

/// <summary>The plan of each commune under a unit for a year, with its late tasks: what the province follows up.</summary>
public static class ListLateTasks
{
    public sealed record Query(string UnitCode, int Year);

    public sealed record CommuneLateTasks(string Unit, string UnitName, int PlanId, string PlanNumber, IReadOnlyList<PlanTaskDto> Late);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, TaskProgressReader progress)
    {
        public async Task<Result<IReadOnlyList<CommuneLateTasks>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, today, Permission.ViewPlans, ct);
            if (!found.IsSuccess)
            {
                return Result<IReadOnlyList<CommuneLateTasks>>.Fail(found.Errors);
            }

            var unit = found.Value!;
            var plans = await db.Plans.AsNoTracking()
                .Where(p => p.UnitPath.StartsWith(unit.Path) && p.UnitPath != unit.Path && p.Year == query.Year && p.Status == PlanStatus.Issued)
                .WithinScope(scope, Permission.ViewPlans, p => p.UnitPath)
                .OrderBy(p => p.UnitPath)
                .ToListAsync(ct);
            var result = new List<CommuneLateTasks>();
            foreach (var plan in plans)
            {
                var dto = await PlanReading.ReadAsync(db, progress, plan, today, ct);
                result.Add(new CommuneLateTasks(dto.Unit, dto.UnitName, plan.Id, plan.Number, dto.Tasks.Where(t => t.State == StateName(TaskState.Late)).ToList()));
            }

            return result;
        }
    }

    public static string StateName(TaskState state) => PlanReading.StateName(state);
}

internal static class PlanReading
{
    public static string StateName(TaskState state) => state switch
    {
        TaskState.NotStarted => "not_started",
        TaskState.OnTrack => "on_track",
        TaskState.AtRisk => "at_risk",
        TaskState.Late => "late",
        _ => "done",
    };

    public static string LevelName(TargetLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>Where an update's evidence file is downloaded (scoped as the plan is).</summary>
    public static string EvidenceFileUrl(int planId, int taskId, int updateId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/api/v1/plans/{planId}/tasks/{taskId}/updates/{updateId}/evidence");

    public static async Task<PlanDto> ReadAsync(AppDbContext db, TaskProgressReader progress, Plan plan, DateOnly today, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == plan.UnitId, ct);
        var sections = await db.PlanSections.AsNoTracking().Where(s => s.PlanId == plan.Id).OrderBy(s => s.Position).ToListAsync(ct);
        var tasks = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == plan.Id)
            .Include(t => t.LeadOrganisation).Include(t => t.Coordinators).ThenInclude(c => c.Organisation)
            .Include(t => t.Targets)
            .AsSplitQuery()
            .ToListAsync(ct);
        var taskIds = tasks.Select(t => t.Id).ToList();

        // The updates without their evidence files' bytes: those are downloaded one by one.
        var updatesByTask = (await db.TaskUpdates.AsNoTracking().Where(u => taskIds.Contains(u.TaskId))
                .Select(u => new TaskUpdate
                {
                    Id = u.Id, TaskId = u.TaskId, Text = u.Text, Date = u.Date, EvidenceUrl = u.EvidenceUrl, EvidenceFileName = u.EvidenceFileName,
                    Completes = u.Completes, ByName = u.ByName, At = u.At,
                })
                .ToListAsync(ct))
            .ToLookup(u => u.TaskId);
        var parent = plan.ParentPlanId is { } parentId ? await db.Plans.AsNoTracking().Where(p => p.Id == parentId).Select(p => p.Number).FirstOrDefaultAsync(ct) : null;
        var figures = await progress.TargetsAsync(unit, plan.Year, tasks.SelectMany(t => t.Targets), today, ct);
        var sectionNumbers = sections.ToDictionary(s => s.Id, s => (s.Number, s.Position));
        var taskDtos = tasks
            .OrderBy(t => sectionNumbers[t.SectionId].Position).ThenBy(t => t.Position)
            .Select(t =>
            {
                var targets = t.Targets.OrderBy(x => x.Id).Select(x => (x, figures[TaskProgressReader.Key(x)])).ToList();
                var updates = updatesByTask[t.Id].Where(u => u.Date <= today).OrderByDescending(u => u.Date).ThenByDescending(u => u.Id).ToList();
                var state = TaskProgressReader.StateOf(t, targets.Select(x => x.Item2).ToList(), updates, today);
                return new PlanTaskDto(
                    t.Id, sectionNumbers[t.SectionId].Number, t.Number, t.Title, t.Purpose, t.Form, t.LeadOrganisation?.Name,
                    t.Coordinators.Select(c => c.Organisation!.Name).Order(StringComparer.Ordinal).ToList(),
                    t.Schedule.ToString(), t.ScheduleText, t.StartsOn, t.DueOn, StateName(state),
                    targets.Select(x => new PlanTargetDto(x.x.Id, x.x.IndicatorCode, x.x.Value, LevelName(x.x.UnitLevel), x.x.DueOn ?? t.DueOn, x.x.Text, x.Item2.Value, x.Item2.Met)).ToList(),
                    updates.Select(u => new TaskUpdateDto(u.Id, u.Text, u.Date, u.EvidenceUrl, u.Completes, u.ByName, u.At, u.EvidenceFileName,
                        u.EvidenceFileName is null ? null : EvidenceFileUrl(plan.Id, t.Id, u.Id))).ToList(),
                    t.SectionId, t.LeadOrganisationId, t.Coordinators.Select(c => c.OrganisationId).Order().ToList());
            })
            .ToList();
        return new PlanDto(plan.Id, plan.Number, plan.Title, unit.Code, unit.FullName, plan.Year, plan.Status.ToString().ToLowerInvariant(), plan.IssuedOn, plan.IssuingBody,
            plan.Signer, plan.SignerTitle, plan.ParentPlanId, parent, sections.Select(s => new PlanSectionDto(s.Id, s.Number, s.Title)).ToList(), taskDtos);
    }
}
