using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>A criterion as sent: its number (its place in the list when none), wording and scale key.</summary>
public sealed record CriterionInput(int? Number, string? Text, string? Scale);

public sealed record CriterionDto(int Id, int Number, string Text, string Scale, IReadOnlyList<string> Values);

public sealed record ChecklistTemplateDto(int Id, string Unit, string UnitName, string Name, IReadOnlyList<CriterionDto> Criteria);

/// <summary>
/// Creates a checklist template (mẫu phiếu kiểm tra) owned by a province or a commune, by staff who
/// manage plans there: a name and 1 to 100 criteria, each with a number unique in the list, its
/// wording and a known scale. All or nothing; audited.
/// </summary>
public static class CreateChecklistTemplate
{
    public sealed record Command(string? Unit, string? Name, IReadOnlyList<CriterionInput>? Criteria);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<ChecklistTemplateDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await InspectingUnits.FindAsync(db, scope, command.Unit, clock.TodayInVietnam(), ct);
            if (!found.IsSuccess)
            {
                return Result<ChecklistTemplateDto>.Fail(found.Errors);
            }

            var unit = found.Value!;
            var errors = new List<Error>();
            var name = InspectionRules.Required(command.Name, "name", InspectionRules.MaxTitle, errors);
            var criteria = new List<ChecklistCriterion>();
            var inputs = command.Criteria ?? [];
            if (inputs.Count == 0 || inputs.Count > InspectionRules.MaxCriteria)
            {
                errors.Add(Errors.Invalid("inspections.criteria_count", "criteria", InspectionRules.MaxCriteria));
            }

            var numbers = new HashSet<int>();
            for (var i = 0; i < inputs.Count; i++)
            {
                var prefix = $"criteria[{i}].";
                var number = inputs[i].Number ?? i + 1;
                if (number <= 0 || !numbers.Add(number))
                {
                    errors.Add(Errors.Invalid("inspections.criterion_number_invalid", prefix + "number", number));
                }

                var text = InspectionRules.Required(inputs[i].Text, prefix + "text", InspectionRules.MaxCriterion, errors);
                var scale = inputs[i].Scale?.Trim();
                if (!InspectionScales.IsKnown(scale))
                {
                    errors.Add(Errors.Invalid("inspections.scale_unknown", prefix + "scale", scale ?? string.Empty, string.Join(", ", InspectionScales.Keys)));
                }

                criteria.Add(new ChecklistCriterion { Number = number, Text = text ?? string.Empty, Scale = scale ?? string.Empty });
            }

            if (errors.Count > 0)
            {
                return Result<ChecklistTemplateDto>.Fail(errors);
            }

            var template = new ChecklistTemplate
            {
                UnitId = unit.Id, UnitPath = unit.Path, Name = name!, CreatedByUserId = scope.UserId, CreatedAt = clock.UtcNow(),
                Criteria = criteria.OrderBy(c => c.Number).ToList(),
            };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.ChecklistTemplates.Add(template);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, template.CreatedAt, "inspections.template_created", nameof(ChecklistTemplate), template.Id.ToString(CultureInfo.InvariantCulture), unit.Path,
                newValue: new { unit = unit.Code, template.Name, criteria = template.Criteria.Select(c => new { c.Number, c.Text, c.Scale }).ToList() });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return ChecklistTemplates.View(template, unit);
        }
    }
}

/// <summary>The checklist templates a unit's inspection plans may use: its own and those of the units above it.</summary>
public static class ListChecklistTemplates
{
    public sealed record Query(string? Unit);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<ChecklistTemplateDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var unit = await db.UnitInScopeAsync(scope, (query.Unit ?? string.Empty).Trim(), clock.TodayInVietnam(), Permission.ViewStaffData, hideOutside: true, ct);
            if (!unit.IsSuccess)
            {
                return Result<IReadOnlyList<ChecklistTemplateDto>>.Fail(unit.Errors);
            }

            return Result<IReadOnlyList<ChecklistTemplateDto>>.Ok(await ChecklistTemplates.UsableAsync(db, unit.Value!.Path, ct));
        }
    }
}

/// <summary>One template, for staff who see its unit or a unit under it (who may use it).</summary>
public static class GetChecklistTemplate
{
    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<ChecklistTemplateDto>> HandleAsync(int id, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var template = await db.ChecklistTemplates.AsNoTracking().Include(t => t.Criteria).FirstOrDefaultAsync(t => t.Id == id, ct);
            if (template is null || !ChecklistTemplates.Visible(scope, template.UnitPath))
            {
                return Errors.NotFound("inspections.template_not_found", id);
            }

            var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == template.UnitId, ct);
            return ChecklistTemplates.View(template, unit);
        }
    }
}

internal static class ChecklistTemplates
{
    /// <summary>A template is seen by staff of its unit, of the units above it, and of the units under it (who may use it).</summary>
    public static bool Visible(UserScope scope, string templatePath) =>
        scope.Can(Permission.ViewStaffData, templatePath) || scope.Prefixes(Permission.ViewStaffData).Any(p => p.StartsWith(templatePath, StringComparison.Ordinal));

    public static async Task<IReadOnlyList<ChecklistTemplateDto>> UsableAsync(AppDbContext db, string unitPath, CancellationToken ct)
    {
        var prefixes = UnitPaths.Ancestors(unitPath);
        var templates = await db.ChecklistTemplates.AsNoTracking().Include(t => t.Criteria)
            .Where(t => prefixes.Contains(t.UnitPath)).OrderBy(t => t.Id).ToListAsync(ct);
        var unitIds = templates.Select(t => t.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return templates.Select(t => View(t, units[t.UnitId])).ToList();
    }

    public static ChecklistTemplateDto View(ChecklistTemplate template, Unit unit) => new(
        template.Id, unit.Code, unit.FullName, template.Name,
        template.Criteria.OrderBy(c => c.Number).Select(c => new CriterionDto(c.Id, c.Number, c.Text, c.Scale, InspectionScales.AllowedValues(c.Scale))).ToList());
}

/// <summary>The paths of a unit and of every unit above it: "/66/24445/" gives "/66/24445/" and "/66/".</summary>
internal static class UnitPaths
{
    public static List<string> Ancestors(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(1, parts.Length).Select(n => "/" + string.Join('/', parts.Take(n)) + "/").ToList();
    }
}

/// <summary>
/// The province or commune that inspects (owns plans and templates): a unit the caller sees
/// (outside their scope: not found, as an unknown code), at province or commune level, where the
/// caller manages plans (else forbidden).
/// </summary>
internal static class InspectingUnits
{
    public static async Task<Result<Unit>> FindAsync(AppDbContext db, UserScope scope, string? unitCode, DateOnly today, CancellationToken ct)
    {
        var code = (unitCode ?? string.Empty).Trim();
        var unit = await db.UnitInScopeAsync(scope, code, today, Permission.ViewStaffData, hideOutside: true, ct);
        if (!unit.IsSuccess)
        {
            return unit;
        }

        if (unit.Value!.Level is not (UnitLevel.Province or UnitLevel.Commune))
        {
            return Errors.Invalid("inspections.owner_level", "unit", code);
        }

        return scope.Can(Permission.ManagePlans, unit.Value.Path) ? unit : Errors.Forbidden();
    }
}
