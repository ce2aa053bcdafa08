using HocVuSo.Core.Features.Messaging;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Account;

/// <summary>A signed-in person chooses how they receive notifications: e-mail, SMS, Zalo (any, or none).</summary>
[Authorize]
public sealed class NotificationsModel(GetNotificationPreferences.Handler get, SetNotificationPreferences.Handler set, ErrorMessages messages) : PageModel
{
    public sealed class InputModel
    {
        public bool Email { get; set; }

        public bool Sms { get; set; }

        public bool Zalo { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public NotificationPreferencesView? Current { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetNotificationPreferences.Query(), ct);
        if (!result.IsSuccess)
        {
            return Forbid();
        }

        Current = result.Value!;
        Input = new InputModel { Email = Current.Email, Sms = Current.Sms, Zalo = Current.Zalo };
        Done = TempData["NotificationsSaved"] is true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await set.HandleAsync(new SetNotificationPreferences.Command(Input.Email, Input.Sms, Input.Zalo), ct);
        if (!result.IsSuccess)
        {
            if (result.FirstError.Kind == Core.Common.ErrorKind.Forbidden)
            {
                return Forbid();
            }

            messages.AddTo(ModelState, result.Errors, "Input.");
            Current = (await get.HandleAsync(new GetNotificationPreferences.Query(), ct)).Value;
            return Page();
        }

        TempData["NotificationsSaved"] = true;
        return RedirectToPage();
    }
}
