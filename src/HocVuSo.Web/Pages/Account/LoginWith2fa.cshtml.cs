using HocVuSo.Core.Features.Accounts;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Account;

public sealed class LoginWith2faModel(SignInManager<AppUser> signIn, SignInAudit audit, IStringLocalizer<SharedResource> localizer, SignInLanding landing, AccountAttempts attempts) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("./Login");
        }

        if (await attempts.AttemptAsync(AccountAttempts.Door.TwoFactor, user.UserName, ct) is { } wait)
        {
            return StatusCode(AccountAttempts.Refuse(Response, wait));
        }

        var code = Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false);
        await audit.RecordAsync(user.UserName!, result, "web-2fa", ct);
        if (result.Succeeded)
        {
            return LocalRedirect(await landing.UrlAsync(Url, user.Id, ReturnUrl, ct));
        }

        ModelState.AddModelError(string.Empty, localizer[result.IsLockedOut ? "account.locked_out" : "account.bad_code"]);
        return Page();
    }
}
