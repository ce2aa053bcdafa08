using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>A plan's identity as typed: number and symbol, title, issuing body, signer, date.</summary>
public sealed record PlanInput(string? Number, string? Title, string? IssuingBody, string? Signer, string? SignerTitle, DateOnly? IssuedOn);

/// <summary>
/// An officer who manages plans in a unit starts its plan for a year as a draft. Its parent is the
/// issued plan of the nearest unit above for the same year, when there is one. Audited.
/// </summary>
public static class CreatePlan
{
    public sealed record Command(string UnitCode, int? Year, PlanInput Plan);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, command.UnitCode, clock.TodayInVietnam(), Permission.ManagePlans, ct);
            if (!found.IsSuccess)
            {
                return Result<int>.Fail(found.Errors);
            }

            var unit = found.Value!;
            var errors = new List<Error>();
            if (command.Year is not (>= 2000 and <= 2100))
            {
                errors.Add(Errors.Invalid("plans.year_invalid", "year"));
            }

            PlanIdentity.Check(command.Plan, errors);
            if (errors.Count > 0)
            {
                return Result<int>.Fail(errors);
            }

            var plan = new Plan
            {
                UnitId = unit.Id, UnitPath = unit.Path, Year = command.Year!.Value, Number = string.Empty, Title = string.Empty, IssuingBody = string.Empty,
                Status = PlanStatus.Draft, ParentPlanId = await PlanIdentity.ParentAsync(db, unit.Path, command.Year.Value, ct),
            };
            PlanIdentity.Apply(plan, command.Plan);
            db.Plans.Add(plan);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, clock.UtcNow(), "plans.plan_created", nameof(Plan), plan.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                newValue: new { plan.Number, plan.Title, plan.Year, plan.IssuingBody });
            await db.SaveChangesAsync(ct);
            return plan.Id;
        }
    }
}

/// <summary>Changes a plan's identity (number, title, issuing body, signer, date) while it is not closed. Audited with the old and new values.</summary>
public static class UpdatePlan
{
    public sealed record Command(int PlanId, PlanInput Plan);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == command.PlanId, ct);
            if (plan is null)
            {
                return Errors.NotFound("plans.not_found", command.PlanId);
            }

            if (PlanIdentity.CheckEditable(scope, plan) is { } refused)
            {
                return refused;
            }

            var errors = new List<Error>();
            PlanIdentity.Check(command.Plan, errors);
            if (errors.Count > 0)
            {
                return Result<int>.Fail(errors);
            }

            var old = new { plan.Number, plan.Title, plan.IssuingBody, plan.Signer, plan.SignerTitle, plan.IssuedOn };
            PlanIdentity.Apply(plan, command.Plan);
            AuditLog.Record(db, scope, clock.UtcNow(), "plans.plan_updated", nameof(Plan), plan.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                oldValue: old, newValue: new { plan.Number, plan.Title, plan.IssuingBody, plan.Signer, plan.SignerTitle, plan.IssuedOn });
            await db.SaveChangesAsync(ct);
            return plan.Id;
        }
    }
}

/// <summary>
/// Issues a draft plan: it needs its number, its date (in or before its year) and at least one
/// task, and none of its targets may be looser than one in force above it. From then on its
/// targets are the targets in force for its unit. Audited.
/// </summary>
public static class IssuePlan
{
    public sealed record Command(int PlanId, string? Number, DateOnly? IssuedOn);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == command.PlanId, ct);
            if (plan is null)
            {
                return Errors.NotFound("plans.not_found", command.PlanId);
            }

            if (scope.Check(Permission.ManagePlans, plan.UnitPath) is { } forbidden)
            {
                return forbidden;
            }

            if (plan.Status != PlanStatus.Draft)
            {
                return Errors.Conflict("plans.not_draft", "status", plan.Number);
            }

            var errors = new List<Error>();
            var number = PlanRules.Clean(command.Number) ?? plan.Number;
            if (number.Length is 0 or > 60)
            {
                errors.Add(Errors.Invalid("plans.number_required", "number"));
            }

            var issuedOn = command.IssuedOn ?? plan.IssuedOn;
            if (issuedOn is not { } day || day.Year > plan.Year || day > clock.TodayInVietnam())
            {
                errors.Add(Errors.Invalid("plans.issued_on_invalid", "issuedOn", plan.Year));
            }

            if (!await db.PlanTasks.AnyAsync(t => t.PlanId == plan.Id, ct))
            {
                errors.Add(Errors.Invalid("plans.no_tasks", "tasks"));
            }

            foreach (var target in await db.PlanTargets.AsNoTracking().Where(t => t.PlanId == plan.Id).ToListAsync(ct))
            {
                if (await TargetRules.LooserThanAboveAsync(db, plan, target.IndicatorCode, target.Value, ct) is { } looser)
                {
                    errors.Add(looser);
                }
            }

            if (errors.Count > 0)
            {
                return Result<int>.Fail(errors);
            }

            plan.Number = number;
            plan.IssuedOn = issuedOn;
            plan.Status = PlanStatus.Issued;
            plan.ParentPlanId ??= await PlanIdentity.ParentAsync(db, plan.UnitPath, plan.Year, ct);
            AuditLog.Record(db, scope, clock.UtcNow(), "plans.plan_issued", nameof(Plan), plan.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                oldValue: new { status = "draft" }, newValue: new { status = "issued", plan.Number, plan.IssuedOn });
            await db.SaveChangesAsync(ct);
            return plan.Id;
        }
    }
}

/// <summary>Closes an issued plan at the end of its work: it stays readable, its targets are no longer in force, nothing in it changes any more. Audited.</summary>
public static class ClosePlan
{
    public sealed record Command(int PlanId, string? Reason);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == command.PlanId, ct);
            if (plan is null)
            {
                return Errors.NotFound("plans.not_found", command.PlanId);
            }

            if (scope.Check(Permission.ManagePlans, plan.UnitPath) is { } forbidden)
            {
                return forbidden;
            }

            if (plan.Status != PlanStatus.Issued)
            {
                return Errors.Conflict("plans.not_issued", "status", plan.Number);
            }

            plan.Status = PlanStatus.Closed;
            AuditLog.Record(db, scope, clock.UtcNow(), "plans.plan_closed", nameof(Plan), plan.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                oldValue: new { status = "issued" }, newValue: new { status = "closed" }, reason: command.Reason);
            await db.SaveChangesAsync(ct);
            return plan.Id;
        }
    }
}

internal static class PlanIdentity
{
    public static void Check(PlanInput input, List<Error> errors)
    {
        if (PlanRules.Clean(input.Number) is not { Length: > 0 and <= 60 })
        {
            errors.Add(Errors.Invalid("plans.number_required", "number"));
        }

        PlanRules.Title(input.Title, "title", errors);
        PlanRules.Title(input.IssuingBody, "issuingBody", errors, 200);
        PlanRules.Optional(input.Signer, "signer", errors, 200);
        PlanRules.Optional(input.SignerTitle, "signerTitle", errors, 200);
    }

    public static void Apply(Plan plan, PlanInput input)
    {
        plan.Number = PlanRules.Clean(input.Number)!;
        plan.Title = PlanRules.Clean(input.Title)!;
        plan.IssuingBody = PlanRules.Clean(input.IssuingBody)!;
        plan.Signer = PlanRules.Clean(input.Signer);
        plan.SignerTitle = PlanRules.Clean(input.SignerTitle);
        plan.IssuedOn = input.IssuedOn ?? plan.IssuedOn;
    }

    /// <summary>Sections, tasks and targets change while a plan is a draft or issued, by an officer who manages plans in its unit.</summary>
    public static Error? CheckEditable(UserScope scope, Plan plan) =>
        scope.Check(Permission.ManagePlans, plan.UnitPath)
        ?? (plan.Status == PlanStatus.Closed ? Errors.Conflict("plans.closed", "status", plan.Number) : null);

    /// <summary>The issued plan of the nearest unit above for the year.</summary>
    public static async Task<int?> ParentAsync(AppDbContext db, string unitPath, int year, CancellationToken ct)
    {
        var ancestors = GetUnit.AncestorPaths(unitPath);
        var above = await db.Plans.AsNoTracking().Where(p => ancestors.Contains(p.UnitPath) && p.Year == year && p.Status == PlanStatus.Issued)
            .Select(p => new { p.Id, p.UnitPath }).ToListAsync(ct);
        return above.OrderByDescending(p => p.UnitPath.Length).Select(p => (int?)p.Id).FirstOrDefault();
    }
}
