using HocVuSo.Core.Features.Awards;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Awards;

/// <summary>The public honours page (trang vinh danh) of a unit for a year: the recognised models with their story, photo and figures as consented, and the 10/10 programme.</summary>
[AllowAnonymous]
public sealed class HonoursModel(Recognitions.Handler recognitions) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromQuery]
    public int? Year { get; set; }

    public HonoursDto Honours { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await recognitions.HandleAsync(new Recognitions.Query(Code, Year), ct);
        if (!result.IsSuccess)
        {
            return NotFound();
        }

        Honours = result.Value!;
        return Page();
    }
}
