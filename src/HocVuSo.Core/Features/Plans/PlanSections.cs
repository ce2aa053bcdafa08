using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>A section (mục) as typed: its number ("1", "II") and title.</summary>
public sealed record SectionInput(string? Number, string? Title);

/// <summary>Adds a section at the end of a draft plan; its number is unique in the plan. Audited.</summary>
public static class AddSection
{
    public sealed record Command(int PlanId, SectionInput Section);

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
            var errors = await DraftPlans.CheckSectionAsync(db, plan, command.Section, null, ct);
            if (errors.Count > 0)
            {
                return Result<int>.Fail(errors);
            }

            var position = await db.PlanSections.Where(s => s.PlanId == plan.Id).Select(s => (int?)s.Position).MaxAsync(ct) ?? 0;
            var section = new PlanSection { PlanId = plan.Id, Number = PlanRules.Clean(command.Section.Number)!, Title = PlanRules.Clean(command.Section.Title)!, Position = position + 1 };
            db.PlanSections.Add(section);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, clock.UtcNow(), "plans.section_added", nameof(PlanSection), section.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                newValue: new { plan = plan.Number, section.Number, section.Title });
            await db.SaveChangesAsync(ct);
            return section.Id;
        }
    }
}

/// <summary>Changes a draft plan's section number or title; audited with the old and new values.</summary>
public static class UpdateSection
{
    public sealed record Command(int PlanId, int SectionId, SectionInput Section);

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
            var section = await db.PlanSections.FirstOrDefaultAsync(s => s.Id == command.SectionId && s.PlanId == plan.Id, ct);
            if (section is null)
            {
                return Errors.NotFound("plans.section_not_found", command.SectionId);
            }

            var errors = await DraftPlans.CheckSectionAsync(db, plan, command.Section, section.Id, ct);
            if (errors.Count > 0)
            {
                return Result<int>.Fail(errors);
            }

            var old = new { section.Number, section.Title };
            section.Number = PlanRules.Clean(command.Section.Number)!;
            section.Title = PlanRules.Clean(command.Section.Title)!;
            AuditLog.Record(db, scope, clock.UtcNow(), "plans.section_updated", nameof(PlanSection), section.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                oldValue: old, newValue: new { section.Number, section.Title });
            await db.SaveChangesAsync(ct);
            return section.Id;
        }
    }
}

/// <summary>Deletes an empty section of a draft plan (a section that still has tasks is refused: delete or move its tasks first). Audited.</summary>
public static class DeleteSection
{
    public sealed record Command(int PlanId, int SectionId);

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
            var section = await db.PlanSections.FirstOrDefaultAsync(s => s.Id == command.SectionId && s.PlanId == plan.Id, ct);
            if (section is null)
            {
                return Errors.NotFound("plans.section_not_found", command.SectionId);
            }

            var tasks = await db.PlanTasks.CountAsync(t => t.SectionId == section.Id, ct);
            if (tasks > 0)
            {
                return Errors.Conflict("plans.section_has_tasks", "sectionId", section.Number, tasks);
            }

            db.PlanSections.Remove(section);
            AuditLog.Record(db, scope, clock.UtcNow(), "plans.section_deleted", nameof(PlanSection), section.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                oldValue: new { plan = plan.Number, section.Number, section.Title });
            await db.SaveChangesAsync(ct);
            return section.Id;
        }
    }
}

/// <summary>
/// The plan whose sections and tasks change: it exists (else not found), the caller manages plans
/// in its unit (else forbidden), and it is still a draft (an issued or closed plan: conflict; an
/// issued plan's targets are still set through <see cref="SetTarget"/>).
/// </summary>
internal static class DraftPlans
{
    public static async Task<Result<Plan>> FindAsync(AppDbContext db, UserScope scope, int planId, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
        {
            return Errors.NotFound("plans.not_found", planId);
        }

        if (scope.Check(Permission.ManagePlans, plan.UnitPath) is { } forbidden)
        {
            return forbidden;
        }

        return plan.Status switch
        {
            PlanStatus.Draft => plan,
            PlanStatus.Closed => Errors.Conflict("plans.closed", "status", plan.Number),
            _ => Errors.Conflict("plans.content_not_draft", "status", plan.Number),
        };
    }

    public static async Task<List<Error>> CheckSectionAsync(AppDbContext db, Plan plan, SectionInput input, int? self, CancellationToken ct)
    {
        var errors = new List<Error>();
        PlanRules.Number(input.Number, "number", errors);
        PlanRules.Title(input.Title, "title", errors);
        if (errors.Count == 0)
        {
            var number = PlanRules.Clean(input.Number)!;
            if (await db.PlanSections.AnyAsync(s => s.PlanId == plan.Id && s.Number == number && s.Id != self, ct))
            {
                errors.Add(Errors.Invalid("plans.section_number_taken", "number", number));
            }
        }

        return errors;
    }
}
