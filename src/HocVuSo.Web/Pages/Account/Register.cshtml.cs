using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Core.Features.Privacy;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Account;

/// <summary>
/// Sign-up for citizens, in two plain steps that need no JavaScript: find your commune (with or
/// without diacritics), then your village, name, phone or e-mail, password and consent for each
/// purpose (learning required, VNeID confirmation and contact by the team optional).
/// </summary>
public sealed class RegisterModel(SearchUnits.Handler search, GetUnit.Handler getUnit, RegisterLearner.Handler register,
    UserManager<AppUser> users, SignInManager<AppUser> signIn, ErrorMessages messages) : PageModel
{
    public sealed class InputModel
    {
        public string? FullName { get; set; }

        public string? PhoneOrEmail { get; set; }

        public string? Password { get; set; }

        public string? UnitCode { get; set; }

        /// <summary>Consent to learning: required for an account (the form says so).</summary>
        public bool ConsentLearning { get; set; }


        /// <summary>Set by the consent block: the form asked (a post without it records no consent, as for accounts made before consents).</summary>

        public bool ConsentAsked { get; set; }

        /// <summary>Consent to confirmation on VNeID: optional.</summary>
        public bool ConsentVneid { get; set; }

        /// <summary>Consent to contact by the community team: optional.</summary>
        public bool ConsentContact { get; set; }
    }

    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "commune")]
    public string? CommuneCode { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<SearchUnits.Hit> Communes { get; private set; } = [];

    public UnitDto? Commune { get; private set; }

    public IReadOnlyList<UnitDto> Villages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Communes = ((await search.HandleAsync(new SearchUnits.Query(Q, 30), ct)).Value ?? []).Where(h => h.Unit.Level == UnitLevel.Commune).ToList();
        }

        await LoadCommuneAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadCommuneAsync(ct);
        var result = await register.HandleAsync(new RegisterLearner.Command(Input.FullName, Input.PhoneOrEmail, Input.Password, Input.UnitCode ?? CommuneCode,
            Consent: Input.ConsentAsked ? new ConsentChoice(Input.ConsentLearning, Input.ConsentVneid, Input.ConsentContact) : null), ct);
        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors, "Input.");
            return Page();
        }

        var user = await users.FindByIdAsync(result.Value!.UserId);
        await signIn.SignInAsync(user!, isPersistent: true);
        return Redirect("/learn");
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
