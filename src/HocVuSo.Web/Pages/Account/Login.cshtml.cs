using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Web.Hosting;
using HocVuSo.Web.Vneid;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Account;

/// <summary>Sign-in with user name and password; accounts with two-factor go on to the code page. Every attempt is audited.</summary>
public sealed class LoginModel(SignInManager<AppUser> signIn, SignInAudit audit, LoginNames loginNames, IStringLocalizer<SharedResource> localizer, VneidEndpoints vneid, SignInLanding landing,
    AccountAttempts attempts) : PageModel
{
    /// <summary>Show the "Đăng nhập bằng VNeID" button: VNeID is configured, or the sandbox is on.</summary>
    public bool VneidAvailable => vneid.SignInAvailable;

    /// <summary>Set when VNeID sign-in came back with an error.</summary>
    [BindProperty(SupportsGet = true, Name = "vneid")]
    public string? VneidOutcome { get; set; }

    public sealed class InputModel
    {
        public string UserName { get; set; } = string.Empty;

        public string Password { get; set; } = string.Empty;

        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
        if (VneidOutcome == "failed")
        {
            ModelState.AddModelError(string.Empty, localizer["vneid.sign_in_failed"]);
        }
    }

    /// <summary>Sends the browser to VNeID (or its sandbox); it comes back to the VNeID callback page.</summary>
    public IActionResult OnPostVneid()
    {
        if (!VneidAvailable)
        {
            return NotFound();
        }

        var callback = Url.Page("/Account/VneidCallback", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        var properties = signIn.ConfigureExternalAuthenticationProperties(LinkVneidIdentity.LoginProvider, callback);
        return Challenge(properties, LinkVneidIdentity.LoginProvider);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var userName = loginNames.Resolve(Input.UserName);
        if (userName.Length == 0 || Input.Password.Length == 0)
        {
            ModelState.AddModelError(string.Empty, localizer["account.credentials_required"]);
            return Page();
        }

        if (await attempts.AttemptAsync(AccountAttempts.Door.SignIn, Input.UserName, ct) is { } wait)
        {
            return StatusCode(AccountAttempts.Refuse(Response, wait));
        }

        var result = await signIn.PasswordSignInAsync(userName, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        await audit.RecordAsync(userName, result, "web", ct);
        if (result.Succeeded)
        {
            var user = await signIn.UserManager.FindByNameAsync(userName);
            return LocalRedirect(await landing.UrlAsync(Url, user!.Id, ReturnUrl, ct));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null, Input.RememberMe });
        }

        ModelState.AddModelError(string.Empty, localizer["account.bad_credentials"]);
        return Page();
    }
}
