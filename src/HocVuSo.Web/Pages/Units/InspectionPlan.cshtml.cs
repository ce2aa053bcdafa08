using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>An inspection plan with its units and visits; its owner's staff record visits and move its status.</summary>
[Authorize]
public sealed class InspectionPlanModel(GetInspectionPlan.Handler get, SetInspectionStatus.Handler setStatus, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromRoute]
    public int Id { get; set; }

    public InspectionPlanDto Plan { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostStatusAsync(string? status, CancellationToken ct)
    {
        var result = await setStatus.HandleAsync(new SetInspectionStatus.Command(Id, status), ct);
        if (result.IsSuccess)
        {
            return Redirect($"/units/{Code}/inspections/{Id}");
        }

        if (result.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        messages.AddTo(ModelState, result.Errors.Select(e => e with { Field = null }));
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var plan = await get.HandleAsync(Id, ct);
        if (!plan.IsSuccess || plan.Value!.Owner != Code)
        {
            return NotFound();
        }

        Plan = plan.Value;
        return null;
    }
}
