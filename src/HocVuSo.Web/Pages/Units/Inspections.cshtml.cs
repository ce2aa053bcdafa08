using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>
/// The inspections a province or commune runs: its inspection plans, the checklist templates it may
/// use, and for its staff who manage plans the forms to create a plan or a template.
/// </summary>
[Authorize]
public sealed class InspectionsModel(ListInspectionPlans.Handler list, ListChecklistTemplates.Handler templates, CreateInspectionPlan.Handler createPlan,
    CreateChecklistTemplate.Handler createTemplate, GetUnit.Handler getUnit, ScopeService scopes, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    public UnitDto Unit { get; private set; } = null!;

    public IReadOnlyList<UnitDto> Children { get; private set; } = [];

    public IReadOnlyList<InspectionPlanDto> Plans { get; private set; } = [];

    public IReadOnlyList<ChecklistTemplateDto> Templates { get; private set; } = [];

    /// <summary>Staff who manage plans at a province or commune create its inspection plans and templates.</summary>
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>The units inspected are ticked among the unit's children; the period is typed YYYY-MM or YYYY-Qn, a surprise inspection's day dd/MM/yyyy.</summary>
    public async Task<IActionResult> OnPostPlanAsync(string? title, string? kind, string? period, string? date, int? templateId, List<string>? units, CancellationToken ct)
    {
        string? day = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            day = VietnameseFormat.TryParseDate(date, out var parsed) ? parsed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : date;
        }

        var result = await createPlan.HandleAsync(new CreateInspectionPlan.Command(Code, kind, period, day, title, templateId, units ?? []), ct);
        return result.IsSuccess ? Redirect($"/units/{Code}/inspections/{result.Value!.Id}") : await AfterAsync(result.Errors, ct);
    }

    /// <summary>Criteria are typed one a line as "scale | wording" (scale 1-5, yes-no-partly or yes-no), numbered in order.</summary>
    public async Task<IActionResult> OnPostTemplateAsync(string? name, string? criteria, CancellationToken ct)
    {
        var result = await createTemplate.HandleAsync(new CreateChecklistTemplate.Command(Code, name, ParseCriteria(criteria)), ct);
        return result.IsSuccess ? Redirect($"/units/{Code}/inspections#template-{result.Value!.Id}") : await AfterAsync(result.Errors, ct);
    }

    public static List<CriterionInput> ParseCriteria(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((line, i) =>
            {
                var bar = line.IndexOf('|', StringComparison.Ordinal);
                return bar < 0 ? new CriterionInput(i + 1, line, null) : new CriterionInput(i + 1, line[(bar + 1)..], line[..bar].Trim());
            })
            .ToList();

    private async Task<IActionResult> AfterAsync(IReadOnlyList<Error> errors, CancellationToken ct)
    {
        if (errors[0].Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        if (errors[0].Kind == ErrorKind.NotFound && errors[0].Code == "units.not_found")
        {
            return NotFound();
        }

        messages.AddTo(ModelState, errors.Select(e => e with { Field = null }));
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var found = await getUnit.HandleAsync(new GetUnit.Query(Code), ct);
        if (!found.IsSuccess || !scope.Can(Permission.ViewStaffData, found.Value!.Unit.Path))
        {
            return NotFound();
        }

        Unit = found.Value!.Unit;
        Children = found.Value.Children;
        Plans = (await list.HandleAsync(new ListInspectionPlans.Query(Code), ct)).Value ?? [];
        Templates = (await templates.HandleAsync(new ListChecklistTemplates.Query(Code), ct)).Value ?? [];
        CanManage = Unit.ValidTo is null && Unit.Level is (UnitLevel.Province or UnitLevel.Commune) && scope.Can(Permission.ManagePlans, Unit.Path);
        return null;
    }
}
