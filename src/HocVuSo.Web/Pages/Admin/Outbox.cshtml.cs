using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Admin;

/// <summary>Administrators watch deliveries to other systems (VNeID, notifications) and send failed ones again.</summary>
public sealed class OutboxModel(ListOutbox.Handler list, RetryOutboxMessage.Handler retry, ErrorMessages messages, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public OutboxListing? Listing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await list.HandleAsync(new ListOutbox.Query(Status), ct);
        if (!result.IsSuccess)
        {
            if (result.FirstError.Kind == ErrorKind.Forbidden)
            {
                return Forbid();
            }

            messages.AddTo(ModelState, result.Errors);
            Status = null;
            result = await list.HandleAsync(new ListOutbox.Query(null), ct);
        }

        Listing = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, string? comment, CancellationToken ct)
    {
        var result = await retry.HandleAsync(new RetryOutboxMessage.Command(id, comment), ct);
        if (!result.IsSuccess && result.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        TempData["Status"] = result.IsSuccess ? localizer["outbox.retried", id].Value : messages.Describe(result.FirstError);
        return RedirectToPage(new { Status });
    }
}
