using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Contests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HocVuSo.Web.Pages.Contests;

/// <summary>The contests open to the reader's area (their home unit when signed in, or the unit asked for), with each round's state.</summary>
public sealed class IndexModel(ListContests.Handler list, ICurrentUser user) : PageModel
{
    [FromQuery(Name = "unit")]
    public string? Unit { get; set; }

    public IReadOnlyList<ContestDto> Contests { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Unit) && user.UserId is { } id)
        {
            Unit = await list.HomeUnitCodeAsync(id, ct);
        }

        var found = await list.HandleAsync(Unit, ct);
        if (!found.IsSuccess)
        {
            return NotFound();
        }

        Contests = found.Value!;
        return Page();
    }
}
