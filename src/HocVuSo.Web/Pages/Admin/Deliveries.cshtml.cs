using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Admin;

/// <summary>Officers and administrators see the notifications sent to people of their units: channel, masked recipient, attempts, status, last error.</summary>
public sealed class DeliveriesModel(ListDeliveries.Handler list, ErrorMessages messages) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<DeliveryView> Deliveries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await list.HandleAsync(new ListDeliveries.Query(Channel, Status), ct);
        if (!result.IsSuccess)
        {
            if (result.FirstError.Kind == ErrorKind.Forbidden)
            {
                return Forbid();
            }

            messages.AddTo(ModelState, result.Errors);
            Channel = null;
            Status = null;
            result = await list.HandleAsync(new ListDeliveries.Query(), ct);
        }

        Deliveries = result.Value ?? [];
        return Page();
    }
}
