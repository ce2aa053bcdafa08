using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Privacy;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Learn;

/// <summary>
/// The learner's "Dữ liệu của tôi" page: consents to give or withdraw, everything held about them
/// with its downloads (JSON, PDF), corrections, and the deletion request with its state. Each
/// form posts, then redirects back here (POST→redirect→GET).
/// </summary>
[Authorize]
public sealed class PrivacyModel(GetMyData.Handler data, GetMyConsents.Handler consents, SetConsent.Handler setConsent, CorrectMyData.Handler correct,
    RequestDeletion.Handler requestDeletion, GetUnit.Handler getUnit, ErrorMessages messages) : PageModel
{
    public sealed class CorrectionInput
    {
        public string? FullName { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? VillageCode { get; set; }
    }

    [BindProperty]
    public CorrectionInput Input { get; set; } = new();

    [FromQuery(Name = "saved")]
    public string? Saved { get; set; }

    public MyDataDocument? Data { get; private set; }

    public IReadOnlyList<GetMyConsents.Item> Consents { get; private set; } = [];

    public IReadOnlyList<UnitDto> Villages { get; private set; } = [];

    public UnitDto? Commune { get; private set; }

    public string? FormError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        Input = new CorrectionInput
        {
            FullName = Data!.Account.FullName, Phone = Data.Account.Phone, Email = Data.Account.Email, VillageCode = Data.Account.HomeUnitCode,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostConsentAsync(string purpose, bool granted, CancellationToken ct)
    {
        var result = await setConsent.HandleAsync(new SetConsent.Command(HocVuSo.Core.Features.Privacy.Consents.Parse(purpose), granted), ct);
        return await AfterAsync(result.IsSuccess, result.Errors, "consent", ct);
    }

    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken ct)
    {
        var result = await correct.HandleAsync(new CorrectMyData.Command(Input.FullName ?? string.Empty, Input.Phone ?? string.Empty, Input.Email ?? string.Empty, Input.VillageCode), ct);
        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors, "Input.");
            return await LoadAsync(ct) ? Page() : Forbid();
        }

        return Redirect("/learn/privacy?saved=correction");
    }

    public async Task<IActionResult> OnPostDeleteAsync(bool confirm, CancellationToken ct)
    {
        var result = await requestDeletion.HandleAsync(new RequestDeletion.Command(confirm), ct);
        return await AfterAsync(result.IsSuccess, result.Errors, "deletion", ct);
    }

    private async Task<IActionResult> AfterAsync(bool success, IReadOnlyList<HocVuSo.Core.Common.Error> errors, string saved, CancellationToken ct)
    {
        if (success)
        {
            return Redirect("/learn/privacy?saved=" + saved);
        }

        FormError = messages.Describe(errors[0]);
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        Input = new CorrectionInput { FullName = Data!.Account.FullName, Phone = Data.Account.Phone, Email = Data.Account.Email, VillageCode = Data.Account.HomeUnitCode };
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var mine = await data.HandleAsync(new GetMyData.Query(), ct);
        if (!mine.IsSuccess)
        {
            return false;
        }

        Data = mine.Value;
        Consents = (await consents.HandleAsync(ct)).Value ?? [];
        var communeCode = Data!.Account.HomeUnitCode?.Split('-')[0];
        if (communeCode is not null)
        {
            var unit = await getUnit.HandleAsync(new GetUnit.Query(communeCode), ct);
            if (unit.IsSuccess && unit.Value!.Unit.Level == UnitLevel.Commune)
            {
                Commune = unit.Value.Unit;
                Villages = unit.Value.Children;
            }
        }

        return true;
    }
}
