using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>A commune's call-back verification: its samples with their estimates, and the form with which an inspector above the commune draws a new one.</summary>
[Authorize]
public sealed class VerificationModel(ListVerificationSamples.Handler list, DrawVerificationSample.Handler draw, ErrorMessages messages, TimeProvider clock) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    public VerificationSampleList List { get; private set; } = null!;

    /// <summary>The month the form starts from: this month in Viet Nam.</summary>
    public string ThisMonth => VietnameseFormat.PeriodKey(new DateOnly(clock.TodayInVietnam().Year, clock.TodayInVietnam().Month, 1));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostDrawAsync(string? period, string? kind, int? size, int? seed, CancellationToken ct)
    {
        var drawn = await draw.HandleAsync(new DrawVerificationSample.Command(Code, period, kind, size, seed), ct);
        if (drawn.IsSuccess)
        {
            return Redirect($"/units/{Code}/verification/{drawn.Value!.Id}");
        }

        if (drawn.FirstError.Kind is ErrorKind.Forbidden or ErrorKind.NotFound && drawn.FirstError.Field is null)
        {
            return drawn.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
        }

        messages.AddTo(ModelState, drawn.Errors.Select(e => e with { Field = null }));
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var found = await list.HandleAsync(new ListVerificationSamples.Query(Code), ct);
        if (!found.IsSuccess)
        {
            return found.FirstError.Kind switch
            {
                ErrorKind.Forbidden => Forbid(),
                ErrorKind.Invalid => BadRequest(),
                _ => NotFound(),
            };
        }

        List = found.Value!;
        return null;
    }
}
