using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Units;

/// <summary>One call-back sample: its items (names and phones in full only for the inspector who drew it; each view audited), a form per item to record its outcome once, and the estimate.</summary>
[Authorize]
public sealed class VerificationSampleModel(GetVerificationSample.Handler get, RecordVerificationOutcome.Handler record, ErrorMessages messages) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [FromRoute]
    public int Id { get; set; }

    public VerificationSampleView Sample { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostOutcomeAsync(int itemId, string? outcome, string? note, CancellationToken ct)
    {
        var recorded = await record.HandleAsync(new RecordVerificationOutcome.Command(Id, itemId, outcome, note), ct);
        if (recorded.IsSuccess)
        {
            return Redirect($"/units/{Code}/verification/{Id}#item-{itemId}");
        }

        if (recorded.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        messages.AddTo(ModelState, recorded.Errors.Select(e => e with { Field = null }));
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var found = await get.HandleAsync(new GetVerificationSample.Query(Id), ct);
        if (!found.IsSuccess)
        {
            return found.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
        }

        if (!string.Equals(found.Value!.Unit, Code, StringComparison.Ordinal))
        {
            return NotFound();
        }

        Sample = found.Value;
        return null;
    }
}
