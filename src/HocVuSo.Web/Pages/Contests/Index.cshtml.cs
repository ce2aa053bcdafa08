using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Contests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Web.Pages.Contests;

/// <summary>The contests open to the reader's area (their home unit when signed in, or the unit asked for), with each round's state.</summary>
public sealed class IndexModel(ListContests.Handler list, AppDbContext db, ICurrentUser user) : PageModel
{
    [FromQuery(Name = "unit")]
    public string? Unit { get; set; }

    public IReadOnlyList<ContestDto> Contests { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Unit) && user.UserId is { } id)
        {
            Unit = await db.Users.Where(u => u.Id == id).Select(u => db.Units.Where(x => x.Id == u.HomeUnitId).Select(x => x.Code).FirstOrDefault()).FirstOrDefaultAsync(ct);
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
