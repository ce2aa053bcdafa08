using HocVuSo.Core.Features.Geography;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Units;

[Authorize]
public sealed class NewVillageModel(GetUnit.Handler getUnit, CreateVillage.Handler createVillage, ErrorMessages messages, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }

        public string? Kind { get; set; } = "thon";
    }

    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string CommuneName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var created = await createVillage.HandleAsync(new CreateVillage.Command(Code, Input.Name, Input.Kind), ct);
        if (!created.IsSuccess)
        {
            if (created.FirstError.Kind == Core.Common.ErrorKind.Forbidden)
            {
                return Forbid();
            }

            messages.AddTo(ModelState, created.Errors, "Input.");
            return Page();
        }

        TempData["Status"] = localizer["villages.created", created.Value!.FullName, created.Value.Code].Value;
        return Redirect("/units/" + Code);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var unit = await getUnit.HandleAsync(new GetUnit.Query(Code), ct);
        CommuneName = unit.Value?.Unit.FullName ?? string.Empty;
        return unit.IsSuccess;
    }
}
