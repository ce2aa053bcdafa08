using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>
/// The form of a visit: the unit of the plan, the day, the team, a rating and finding for each
/// criterion of the plan's checklist, and up to <see cref="FollowUpRows"/> follow-up tasks led by
/// organisations of the inspected unit. Evidence files are attached afterwards, finding by finding.
/// </summary>
[Authorize]
public sealed class InspectionVisitModel(GetInspectionPlan.Handler getPlan, GetChecklistTemplate.Handler getTemplate, ListOrganisations.Handler organisations,
    RecordInspectionVisit.Handler record, ErrorMessages messages, TimeProvider clock) : PageModel
{
    public const int FollowUpRows = 3;

    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromRoute]
    public int Id { get; set; }

    public InspectionPlanDto Plan { get; private set; } = null!;

    public ChecklistTemplateDto Template { get; private set; } = null!;

    /// <summary>The organisations of the plan's units, which may lead follow-up tasks (of the unit visited).</summary>
    public IReadOnlyList<OrganisationDto> Organisations { get; private set; } = [];

    public DateOnly Today => clock.TodayInVietnam();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>Fields: unit, date (dd/MM/yyyy), members; rating-N, text-N, url-N per criterion N; follow-text-i, follow-lead-i, follow-due-i (dd/MM/yyyy).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var loaded = await LoadAsync(ct);
        if (loaded is not null)
        {
            return loaded;
        }

        var form = Request.Form;
        var findings = Template.Criteria.Select(c => new FindingInput(c.Number, Field($"rating-{c.Number}"), Field($"text-{c.Number}"), Field($"url-{c.Number}"))).ToList();
        var followUps = new List<FollowUpInput>();
        for (var i = 0; i < FollowUpRows; i++)
        {
            var text = Field($"follow-text-{i}");
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var lead = int.TryParse(Field($"follow-lead-{i}"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : (int?)null;
            followUps.Add(new FollowUpInput(text, lead, IsoDay(Field($"follow-due-{i}"))));
        }

        var result = await record.HandleAsync(new RecordInspectionVisit.Command(Id, Field("unit"), IsoDay(Field("date")), Field("members"), findings, followUps), ct);
        if (result.IsSuccess)
        {
            return Redirect($"/units/{result.Value!.Unit}/findings#visit-{result.Value.Id}");
        }

        if (result.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        messages.AddTo(ModelState, result.Errors.Select(e => e with { Field = null }));
        return Page();

        string? Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
    }

    /// <summary>A day typed dd/MM/yyyy as the handler takes it (yyyy-MM-dd); what does not parse is passed on to be refused by name.</summary>
    private static string? IsoDay(string? typed) =>
        VietnameseFormat.TryParseDate(typed, out var day) ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : typed;

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var plan = await getPlan.HandleAsync(Id, ct);
        if (!plan.IsSuccess || plan.Value!.Owner != Code)
        {
            return NotFound();
        }

        if (!plan.Value.CanManage)
        {
            return Forbid();
        }

        Plan = plan.Value;
        Template = (await getTemplate.HandleAsync(Plan.TemplateId, ct)).Value!;
        var bodies = new List<OrganisationDto>();
        foreach (var unit in Plan.Units)
        {
            bodies.AddRange((await organisations.HandleAsync(new ListOrganisations.Query(unit.Code), ct)).Value?.Where(o => bodies.All(b => b.Id != o.Id)) ?? []);
        }

        Organisations = bodies;
        return null;
    }
}
