using HocVuSo.Core.Features.Accounts;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Account;

/// <summary>
/// A learner registered by a team member sets their own password with the one-time code they
/// received (the link in the message fills the code in), then is signed in. On the helper's
/// device the sign-in is recorded as assisted, like any other.
/// </summary>
public sealed class ActivateModel(ActivateAccount.Handler activate, UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInAudit audit, ErrorMessages messages,
    AccountAttempts attempts) : PageModel
{
    public sealed class InputModel
    {
        public string? PhoneOrEmail { get; set; }

        public string? Code { get; set; }

        public string? Password { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet([FromQuery] string? code) => Input.Code = code;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Input.PhoneOrEmail) && await attempts.AttemptAsync(AccountAttempts.Door.Activation, Input.PhoneOrEmail, ct) is { } wait)
        {
            return StatusCode(AccountAttempts.Refuse(Response, wait));
        }

        var result = await activate.HandleAsync(new ActivateAccount.Command(Input.PhoneOrEmail, Input.Code, Input.Password), ct);
        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors, "Input.");
            return Page();
        }

        var user = await users.FindByIdAsync(result.Value!.UserId);
        await signIn.SignInAsync(user!, isPersistent: true);
        await audit.RecordAsync(result.Value.UserName, Microsoft.AspNetCore.Identity.SignInResult.Success, "web-activation", ct);
        return Redirect("/learn");
    }
}
