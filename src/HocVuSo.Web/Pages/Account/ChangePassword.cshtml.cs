using HocVuSo.Core.Features.Accounts;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Account;

/// <summary>A signed-in person changes their own password (current and new); this session stays signed in, others end.</summary>
[Authorize]
public sealed class ChangePasswordModel(ChangePassword.Handler change, UserManager<AppUser> users, SignInManager<AppUser> signIn, ErrorMessages messages) : PageModel
{
    public sealed class InputModel
    {
        public string? CurrentPassword { get; set; }

        public string? NewPassword { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var userId = users.GetUserId(User);
        if (userId is null)
        {
            return Challenge();
        }

        var result = await change.HandleAsync(new ChangePassword.Command(userId, Input.CurrentPassword, Input.NewPassword), ct);
        Input = new InputModel();
        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors, "Input.");
            return Page();
        }

        // The new security stamp would end this session at its next check too: renew its cookie now.
        if (await users.FindByIdAsync(userId) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }

        Done = true;
        return Page();
    }
}
