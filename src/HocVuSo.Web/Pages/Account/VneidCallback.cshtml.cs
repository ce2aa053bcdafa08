using System.Globalization;
using System.Security.Claims;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Web.Hosting;
using HocVuSo.Web.Vneid;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Account;

/// <summary>
/// Where the browser lands after VNeID: the person's VNeID identity (name, identification number,
/// birth year, gender) is linked to their account by the number — or a learner account is opened —
/// and they are signed in (with their second factor, if their account has one). Audited; the
/// number is never logged or shown whole.
/// </summary>
public sealed class VneidCallbackModel(SignInManager<AppUser> signIn, LinkVneidIdentity.Handler link, SignInAudit audit, ErrorMessages messages, SignInLanding landing) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null || info.LoginProvider != LinkVneidIdentity.LoginProvider)
        {
            return RedirectToPage("./Login", new { vneid = "failed" });
        }

        var principal = info.Principal;
        var birthYear = int.TryParse(principal.FindFirstValue(VneidClaims.BirthYear), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : (int?)null;
        var linked = await link.HandleAsync(new LinkVneidIdentity.Command(
            info.ProviderKey, principal.FindFirstValue(ClaimTypes.Name), principal.FindFirstValue(VneidClaims.PersonalIdNumber),
            birthYear, principal.FindFirstValue(VneidClaims.Gender)), ct);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!linked.IsSuccess)
        {
            messages.AddTo(ModelState, linked.Errors);
            return Page();
        }

        var result = await signIn.ExternalLoginSignInAsync(LinkVneidIdentity.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        await audit.RecordAsync(linked.Value!.UserName, result, "vneid", ct);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null, RememberMe = false });
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, messages.Describe(new Core.Common.Error(result.IsLockedOut ? "account.locked_out" : "vneid.sign_in_failed")));
            return Page();
        }

        var returnUrl = await landing.UrlAsync(Url, linked.Value.UserId, ReturnUrl, ct);
        return linked.Value.NeedsHomeUnit ? RedirectToPage("./VneidCommune", new { ReturnUrl = returnUrl }) : LocalRedirect(returnUrl);
    }
}
