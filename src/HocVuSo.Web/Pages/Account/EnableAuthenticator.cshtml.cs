using System.Globalization;
using System.Text;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Account;

/// <summary>
/// Enrols an authenticator app (TOTP, RFC 6238). Approvers and administrators are sent here until
/// they have enrolled; after a correct code the sign-in is refreshed without the flag.
/// </summary>
[Authorize]
public sealed class EnableAuthenticatorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db,
    ScopeService scopes, TimeProvider clock, IStringLocalizer<SharedResource> localizer, SignInLanding landing, AccountNotices notices,
    AccountAttempts attempts) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = string.Empty;

    public string SharedKey { get; private set; } = string.Empty;

    public string AuthenticatorUri { get; private set; } = string.Empty;

    public bool Required => User.HasClaim(IdentitySetup.TwoFactorRequiredClaim, "true");

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("./Login");
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("./Login");
        }

        if (await attempts.AttemptAsync(AccountAttempts.Door.TwoFactor, user.UserName, ct) is { } wait)
        {
            return StatusCode(AccountAttempts.Refuse(Response, wait));
        }

        var code = Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError(string.Empty, localizer["account.bad_code"]);
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var scope = await scopes.GetAsync(ct);
        AuditLog.Record(db, scope, clock.UtcNow(), AuditActions.TwoFactorEnabled, "Account", user.Id, null);
        notices.Add(user, AccountNotice.AuthenticatorEnrolled);
        await db.SaveChangesAsync(ct);
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = localizer["account.two_factor_enabled"].Value;
        return LocalRedirect(await landing.UrlAsync(Url, user.Id, returnUrl: null, ct));
    }

    private async Task LoadKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = Format(key!);
        AuthenticatorUri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/HocVuSo:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer=HocVuSo&digits=6");
    }

    private static string Format(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }
}
