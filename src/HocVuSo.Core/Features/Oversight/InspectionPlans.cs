using System.Globalization;
using System.Text.RegularExpressions;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

public sealed record InspectedUnitDto(string Code, string Name);

public sealed record VisitSummaryDto(int Id, string Unit, string UnitName, DateOnly Date, int Findings, int Answered, int FollowUps);

public sealed record InspectionPlanDto(
    int Id, string Owner, string OwnerName, string Kind, string? Period, DateOnly? Date, string Title, string Status,
    int TemplateId, string TemplateName, IReadOnlyList<InspectedUnitDto> Units, IReadOnlyList<VisitSummaryDto> Visits, bool CanManage);

/// <summary>
/// Creates an inspection plan (kế hoạch kiểm tra) of a province or commune over units strictly under
/// it — a province over its communes (and their villages), a commune over its villages — so the
/// inspected unit never plans its own inspection. Periodic plans name a month (YYYY-MM) or a quarter
/// (YYYY-Qn), a surprise inspection its day; the checklist is one of the templates the owner may use.
/// All or nothing; audited.
/// </summary>
public static partial class CreateInspectionPlan
{
    public const int MaxUnits = 500;

    public sealed record Command(string? Owner, string? Kind, string? Period, string? Date, string? Title, int? TemplateId, IReadOnlyList<string>? Units);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<InspectionPlanDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var found = await InspectingUnits.FindAsync(db, scope, command.Owner, today, ct);
            if (!found.IsSuccess)
            {
                return Result<InspectionPlanDto>.Fail(found.Errors);
            }

            var owner = found.Value!;
            var errors = new List<Error>();
            DateOnly? period = null;
            DateOnly? date = null;
            if (!InspectionKeys.TryParseKind(command.Kind, out var kind))
            {
                errors.Add(Errors.Invalid("inspections.kind_unknown", "kind", command.Kind ?? string.Empty, string.Join(", ", InspectionKeys.KindKeys)));
            }
            else if (kind == InspectionKind.Surprise)
            {
                if (!DateOnly.TryParseExact(command.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    errors.Add(Errors.Invalid("inspections.date_invalid", "date", command.Date ?? string.Empty));
                }
                else
                {
                    date = day;
                }
            }
            else if (ParsePeriod(kind, command.Period) is { } first)
            {
                period = first;
            }
            else
            {
                errors.Add(Errors.Invalid(kind == InspectionKind.PeriodicMonthly ? "inspections.month_invalid" : "inspections.quarter_invalid", "period", command.Period ?? string.Empty));
            }

            var title = InspectionRules.Required(command.Title, "title", InspectionRules.MaxTitle, errors);
            var template = command.TemplateId is { } templateId
                ? await db.ChecklistTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct)
                : null;
            if (template is null || !owner.Path.StartsWith(template.UnitPath, StringComparison.Ordinal))
            {
                errors.Add(Errors.Invalid("inspections.template_unknown", "templateId", command.TemplateId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty));
            }

            var units = new List<Unit>();
            var codes = command.Units ?? [];
            if (codes.Count == 0 || codes.Count > MaxUnits)
            {
                errors.Add(Errors.Invalid("inspections.units_count", "units", MaxUnits));
            }

            for (var i = 0; i < codes.Count; i++)
            {
                var code = (codes[i] ?? string.Empty).Trim();
                var unit = await db.Units.AsNoTracking().Where(u => u.Code == code).ValidOn(today).FirstOrDefaultAsync(ct);
                if (unit is null || !InspectedUnits.Under(owner, unit.Path))
                {
                    errors.Add(Errors.Invalid("inspections.unit_out_of_scope", $"units[{i}]", code, owner.FullName));
                }
                else if (units.Any(u => u.Id == unit.Id))
                {
                    errors.Add(Errors.Invalid("inspections.unit_repeated", $"units[{i}]", code));
                }
                else
                {
                    units.Add(unit);
                }
            }

            if (errors.Count > 0)
            {
                return Result<InspectionPlanDto>.Fail(errors);
            }

            var plan = new InspectionPlan
            {
                OwnerUnitId = owner.Id, OwnerUnitPath = owner.Path, Kind = kind, Period = period, Date = date, Title = title!, Status = InspectionStatus.Planned,
                TemplateId = template!.Id, CreatedByUserId = scope.UserId, CreatedAt = clock.UtcNow(),
                Units = units.Select(u => new InspectionPlanUnit { UnitId = u.Id, UnitPath = u.Path }).ToList(),
            };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.InspectionPlans.Add(plan);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, plan.CreatedAt, "inspections.plan_created", nameof(InspectionPlan), plan.Id.ToString(CultureInfo.InvariantCulture), owner.Path,
                newValue: new { owner = owner.Code, kind = InspectionKeys.Key(kind), period = InspectionPlanViews.PeriodKey(plan), date, plan.Title, template = template.Id, units = units.Select(u => u.Code).ToList() });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return await InspectionPlanViews.ViewAsync(db, scope, plan, ct);
        }
    }

    /// <summary>The first day of the month ("2026-06") or quarter ("2026-Q2") a periodic plan covers.</summary>
    public static DateOnly? ParsePeriod(InspectionKind kind, string? text)
    {
        var value = (text ?? string.Empty).Trim();
        if (kind == InspectionKind.PeriodicMonthly)
        {
            return VietnameseFormat.TryParsePeriod(value, out var month) ? month : null;
        }

        var match = QuarterPattern().Match(value);
        return match.Success ? new DateOnly(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), ((match.Groups[2].Value[0] - '1') * 3) + 1, 1) : null;
    }

    [GeneratedRegex("^([0-9]{4})-Q([1-4])$")]
    private static partial Regex QuarterPattern();
}

/// <summary>The inspection plans a province or commune owns, newest first.</summary>
public static class ListInspectionPlans
{
    public sealed record Query(string? Unit);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<InspectionPlanDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var unit = await db.UnitInScopeAsync(scope, (query.Unit ?? string.Empty).Trim(), clock.TodayInVietnam(), Permission.ViewStaffData, hideOutside: true, ct);
            if (!unit.IsSuccess)
            {
                return Result<IReadOnlyList<InspectionPlanDto>>.Fail(unit.Errors);
            }

            var plans = await db.InspectionPlans.AsNoTracking().Include(p => p.Units)
                .Where(p => p.OwnerUnitId == unit.Value!.Id).OrderByDescending(p => p.Id).ToListAsync(ct);
            var result = new List<InspectionPlanDto>();
            foreach (var plan in plans)
            {
                result.Add(await InspectionPlanViews.ViewAsync(db, scope, plan, ct));
            }

            return Result<IReadOnlyList<InspectionPlanDto>>.Ok(result);
        }
    }
}

/// <summary>A plan with its units and visits, for staff who see its owner.</summary>
public static class GetInspectionPlan
{
    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<InspectionPlanDto>> HandleAsync(int id, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.InspectionPlans.AsNoTracking().Include(p => p.Units).FirstOrDefaultAsync(p => p.Id == id, ct);
            return plan is null || !scope.Can(Permission.ViewStaffData, plan.OwnerUnitPath)
                ? Errors.NotFound("inspections.plan_not_found", id)
                : await InspectionPlanViews.ViewAsync(db, scope, plan, ct);
        }
    }
}

/// <summary>
/// Moves a plan between planned, in progress and done, by staff who manage plans at its owner. Done
/// is final: the findings' answers are locked from then on. Audited.
/// </summary>
public static class SetInspectionStatus
{
    public sealed record Command(int PlanId, string? Status);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<InspectionPlanDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.InspectionPlans.Include(p => p.Units).FirstOrDefaultAsync(p => p.Id == command.PlanId, ct);
            if (InspectionPlanViews.Refuse(scope, plan, command.PlanId) is { } refused)
            {
                return refused;
            }

            if (!InspectionKeys.TryParseStatus(command.Status, out var status))
            {
                return Errors.Invalid("inspections.status_unknown", "status", command.Status ?? string.Empty, string.Join(", ", InspectionKeys.StatusKeys));
            }

            var old = plan!.Status;
            plan.Status = status;
            AuditLog.Record(db, scope, clock.UtcNow(), "inspections.plan_status", nameof(InspectionPlan), plan.Id.ToString(CultureInfo.InvariantCulture), plan.OwnerUnitPath,
                oldValue: new { status = InspectionKeys.Key(old) }, newValue: new { status = InspectionKeys.Key(status) });
            await db.SaveChangesAsync(ct);
            return await InspectionPlanViews.ViewAsync(db, scope, plan, ct);
        }
    }
}

internal static class InspectedUnits
{
    /// <summary>True for a unit strictly under the owner: never the owner itself.</summary>
    public static bool Under(Unit owner, string path) => path.StartsWith(owner.Path, StringComparison.Ordinal) && path != owner.Path;
}

internal static class InspectionPlanViews
{
    /// <summary>
    /// Whether the caller may change a plan: not found when the plan is unknown or its owner outside
    /// the caller's sight; forbidden without the right to manage plans there; conflict once done.
    /// </summary>
    public static Error? Refuse(UserScope scope, InspectionPlan? plan, int id)
    {
        if (plan is null || !scope.Can(Permission.ViewStaffData, plan.OwnerUnitPath))
        {
            return Errors.NotFound("inspections.plan_not_found", id);
        }

        if (!scope.Can(Permission.ManagePlans, plan.OwnerUnitPath))
        {
            return Errors.Forbidden();
        }

        return plan.Status == InspectionStatus.Done ? Errors.Conflict("inspections.plan_done", "status", plan.Title) : null;
    }

    public static string? PeriodKey(InspectionPlan plan) => plan.Period is not { } period ? null
        : plan.Kind == InspectionKind.PeriodicQuarterly ? string.Create(CultureInfo.InvariantCulture, $"{period.Year}-Q{((period.Month - 1) / 3) + 1}")
        : VietnameseFormat.PeriodKey(period);

    public static async Task<InspectionPlanDto> ViewAsync(AppDbContext db, UserScope scope, InspectionPlan plan, CancellationToken ct)
    {
        var unitIds = plan.Units.Select(u => u.UnitId).Append(plan.OwnerUnitId).ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var template = await db.ChecklistTemplates.AsNoTracking().Where(t => t.Id == plan.TemplateId).Select(t => t.Name).FirstAsync(ct);
        var visits = await db.InspectionVisits.AsNoTracking().Where(v => v.PlanId == plan.Id).OrderBy(v => v.Date).ThenBy(v => v.Id)
            .Select(v => new { v.Id, v.UnitId, v.Date, Findings = v.Findings.Count, Answered = v.Findings.Count(f => f.Answer != null), FollowUps = v.FollowUps.Count })
            .ToListAsync(ct);
        var owner = units[plan.OwnerUnitId];
        return new InspectionPlanDto(
            plan.Id, owner.Code, owner.FullName, InspectionKeys.Key(plan.Kind), PeriodKey(plan), plan.Date, plan.Title, InspectionKeys.Key(plan.Status),
            plan.TemplateId, template, plan.Units.Select(u => units[u.UnitId]).OrderBy(u => u.Code, StringComparer.Ordinal).Select(u => new InspectedUnitDto(u.Code, u.FullName)).ToList(),
            visits.Select(v => new VisitSummaryDto(v.Id, units[v.UnitId].Code, units[v.UnitId].FullName, v.Date, v.Findings, v.Answered, v.FollowUps)).ToList(),
            plan.Status != InspectionStatus.Done && scope.Can(Permission.ManagePlans, plan.OwnerUnitPath));
    }
}
