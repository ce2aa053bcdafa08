using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Web.Pages.Account;

/// <summary>After a first VNeID sign-in: the person finds their commune, then their village, so their learning counts there.</summary>
[Authorize]
public sealed class VneidCommuneModel(SearchUnits.Handler search, GetUnit.Handler getUnit, ChooseHomeUnit.Handler choose, AppDbContext db, ErrorMessages messages) : PageModel
{
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "commune")]
    public string? CommuneCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UnitCode { get; set; }

    public IReadOnlyList<SearchUnits.Hit> Communes { get; private set; } = [];

    public UnitDto? Commune { get; private set; }

    public IReadOnlyList<UnitDto> Villages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await HasHomeUnitAsync(ct))
        {
            return LocalRedirect(Target);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            Communes = ((await search.HandleAsync(new SearchUnits.Query(Q, 30), ct)).Value ?? []).Where(h => h.Unit.Level == UnitLevel.Commune).ToList();
        }

        await LoadCommuneAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await choose.HandleAsync(new ChooseHomeUnit.Command(UnitCode ?? CommuneCode), ct);
        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors);
            await LoadCommuneAsync(ct);
            return Page();
        }

        return LocalRedirect(Target);
    }

    private string Target => LocalUrls.Safe(ReturnUrl, "/learn");

    private async Task<bool> HasHomeUnitAsync(CancellationToken ct)
    {
        var userId = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        return await db.Users.AnyAsync(u => u.Id == userId && u.HomeUnitId != null, ct);
    }

    private async Task LoadCommuneAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(CommuneCode))
        {
            return;
        }

        var unit = await getUnit.HandleAsync(new GetUnit.Query(CommuneCode), ct);
        if (unit.IsSuccess && unit.Value!.Unit.Level == UnitLevel.Commune)
        {
            Commune = unit.Value.Unit;
            Villages = unit.Value.Children;
        }
    }
}
